import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { paris, testClock } from '../support/fixtures';
import { parseHelpdeskCommand } from '../../core/chat/chat-command';
import { rulesQuickLook, slaQuickLook } from '../../core/sla/sla-quick-look.service';
import { authenticateToken } from '../../core/people/actor-for-person';

describe.each(TEST_DATABASES)('R7/R13 templates, routing and SLA over the REST API; chat quick looks (%s)', (dbName) => {
  let s: TestServer;
  let admin: string;
  let tech: string;
  let emp: string;

  beforeAll(async () => {
    s = await startTestServer(dbName, { clock: testClock(paris('2026-01-13 10:00')), notifications: { timers: false } });
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.t.reset();
    admin = await s.token('admin');
    await s.call('POST', '/api/v1/services', admin, { name: 'Support', slug: 'support' });
    tech = await s.token('technician', { email: 'tom@example.test', services: ['support'] });
    emp = await s.token('employee', { email: 'emma@example.test' });
  });

  it('an employee files "password reset" from its template: prefilled ticket plus its checklist as child tasks', async () => {
    const list = await s.call('GET', '/api/v1/templates', emp);
    expect(list.body.items.map((t: any) => t.slug)).toEqual(['new-employee', 'password-reset', 'printer']);
    const made = await s.call('POST', '/api/v1/templates/password-reset/tickets', emp, { name: 'Emma' });
    expect(made.status).toBe(201);
    expect(made.body.ticket).toMatchObject({ title: 'Reset the password of Emma', type: 'request', urgency: 'high' });
    expect(made.body.children.map((c: any) => c.title)).toEqual([`Check the requester’s identity (#${made.body.ticket.number})`, `Reset and force a change at next sign-in (#${made.body.ticket.number})`]);
    const links = await s.call('GET', `/api/v1/tickets/${made.body.ticket.number}/links`, tech);
    expect(links.status).toBe(200);
    expect(JSON.stringify(links.body)).toContain(String(made.body.children[1].number));
    // The same call again (same idempotency key) files nothing new.
    const again = await s.call('POST', '/api/v1/templates/printer/tickets', emp, { name: '2e étage', idempotencyKey: 'k1' });
    const twice = await s.call('POST', '/api/v1/templates/printer/tickets', emp, { name: '2e étage', idempotencyKey: 'k1' });
    expect(twice.body.ticket.number).toBe(again.body.ticket.number);
    expect(twice.body.children.map((c: any) => c.number)).toEqual(again.body.children.map((c: any) => c.number));
    expect((await s.call('POST', '/api/v1/templates/nope/tickets', emp, {})).status).toBe(404);
    expect((await s.call('POST', '/api/v1/templates/new-employee/tickets', emp, { colour: 'red' })).body.error.code).toBe('validation_failed');
  });

  it('admins write templates with checked fields; others may not', async () => {
    const body = { nameFr: 'Badge', nameEn: 'Badge', fields: { title: 'Badge pour {name}', category: 'access' }, checklist: [{ title: 'Imprimer' }] };
    expect((await s.call('PUT', '/api/v1/templates/badge', tech, body)).status).toBe(403);
    expect((await s.call('PUT', '/api/v1/templates/badge', admin, { ...body, fields: { title: 'x', category: 'nope' } })).body.error.code).toBe('category_not_found');
    expect((await s.call('PUT', '/api/v1/templates/Bad Slug', admin, body)).status).toBe(400);
    const saved = await s.call('PUT', '/api/v1/templates/badge', admin, body);
    expect(saved.status).toBe(200);
    const made = await s.call('POST', '/api/v1/templates/badge/tickets', emp, { name: 'Zoé' });
    expect(made.body.ticket.title).toBe('Badge pour Zoé');
    expect(made.body.children).toHaveLength(1);
  });

  it('routing and absences over the API, with coded errors for bad input', async () => {
    const put = await s.call('PUT', '/api/v1/routing/services/support', admin, { mode: 'least_loaded', acceptMinutes: 45, warnPercent: 80 });
    expect(put.body).toMatchObject({ mode: 'least_loaded', acceptMinutes: 45, warnPercent: 80, managersPercent: 150 });
    for (const bad of [{ mode: 'random' }, { warnPercent: 100 }, { acceptMinutes: 0 }, { extra: 1 }]) {
      const r = await s.call('PUT', '/api/v1/routing/services/support', admin, bad);
      expect([bad, r.status, r.body.error.code]).toEqual([bad, 400, 'validation_failed']);
    }
    expect((await s.call('PUT', '/api/v1/routing/services/nope', admin, { mode: 'none' })).status).toBe(404);
    expect((await s.call('PUT', '/api/v1/routing/services/support', tech, { mode: 'none' })).status).toBe(403);
    const routing = await s.call('GET', '/api/v1/routing', tech);
    expect(routing.body.services.find((x: any) => x.service.slug === 'support')).toMatchObject({ mode: 'least_loaded', acceptMinutes: 45 });
    const off = await s.call('POST', '/api/v1/routing/absences', tech, { person: 'tom@example.test', startsAt: '2026-01-14T00:00:00+01:00', endsAt: '2026-01-15T00:00:00+01:00', reason: 'RTT' });
    expect(off.status).toBe(201);
    expect((await s.call('POST', '/api/v1/routing/absences', emp, { person: 'tom@example.test', startsAt: '2026-01-14T00:00:00Z', endsAt: '2026-01-15T00:00:00Z' })).status).toBe(403);
    expect((await s.call('POST', '/api/v1/routing/absences', tech, { person: 'tom@example.test', startsAt: '2026-01-15T00:00:00Z', endsAt: '2026-01-14T00:00:00Z' })).body.error.code).toBe('validation_failed');
    expect((await s.call('GET', '/api/v1/routing/absences?person=tom@example.test', tech)).body.items).toHaveLength(1);
    const rule = await s.call('POST', '/api/v1/routing/rules', admin, { name: 'VPN', if: [{ field: 'text', op: 'contains', value: 'vpn' }], service: 'support' });
    expect(rule.status).toBe(201);
    expect((await s.call('POST', '/api/v1/tickets', emp, { title: 'VPN HS' })).body.service?.slug ?? null).toBe('support');
    expect((await s.call('DELETE', `/api/v1/routing/rules/${rule.body.id}`, admin)).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/routing/rules/${rule.body.id}`, admin)).status).toBe(404);
  });

  it('GET /sla/overview for staff; /helpdesk sla and /helpdesk rules answer in the reader’s language', async () => {
    const o = await s.call('GET', '/api/v1/sla/overview', tech);
    expect(o.status).toBe(200);
    expect(o.body.counts).toEqual({ warned: 0, escalated: 0, ownMissed: 0, resolveMissed: 0 });
    expect(o.body.policies.map((p: any) => p.priority)).toEqual([1, 2, 3, 4]);
    expect((await s.call('GET', '/api/v1/sla/overview', emp)).status).toBe(403);
    expect(parseHelpdeskCommand('sla')).toEqual({ kind: 'sla' });
    expect(parseHelpdeskCommand('règles')).toEqual({ kind: 'rules' });
    const deps = s.running.deps;
    const techActor = await authenticateToken(deps, tech, 'slack');
    const empActor = await authenticateToken(deps, emp, 'slack');
    const en = await slaQuickLook(deps, { ...techActor, locale: 'en' });
    // Words a reader knows, no codes nor abbreviations ("30 min bus.", "assignment none") (R13).
    expect(en).toContain('P1: own 30 min of business time, resolve 4 h of business time');
    expect(en).toContain('Support: assignment manual');
    expect(en).not.toMatch(/bus\.|none|round_robin/);
    const fr = await rulesQuickLook(deps, { ...techActor, locale: 'fr' });
    expect(fr.split('\n')[0]).toBe('*Règles d’automatisation (4)*');
    expect(fr).toContain('quand après un délai');
    expect(fr).not.toContain('time_passed');
    expect(await slaQuickLook(deps, { ...empActor, locale: 'fr' })).toBe('Réservé aux techniciens, responsables et administrateurs.');
  });
});
