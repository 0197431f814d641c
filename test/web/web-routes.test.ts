import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { createPerson } from '../../core/people/manage-people.service';
import { createService } from '../../core/people/manage-services.service';
import { createArticle } from '../../core/kb/create-article.service';
import { systemActor } from '../../core/shared/actor';
import { WebClient } from './web-client';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { webRouter } from '../../bots/web/web.router';

/**
 * The web app's routes driven over HTTP like a browser (issue 9): sessions, CSRF, form validation
 * that writes nothing, access by URL (R16), and the "Try the bot" endpoints. Runs on every test database.
 */
const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test admin' };

describe.each(TEST_DATABASES)('web routes on %s', (dbName) => {
  let s: TestServer;
  const id: Record<string, number> = {};
  const count = async (table: string) => Number(((await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`, { plain: true })) as { n: number | string }).n);
  const ticketRow = async (n: number) => (await s.t.db.sequelize.query('SELECT status, requester_id FROM tickets WHERE id = ?', { replacements: [n], plain: true })) as { status: string; requester_id: number } | null;
  const as = async (who: string) => {
    const c = new WebClient(s.url);
    await c.signIn(id[who]);
    return c;
  };

  beforeAll(async () => {
    s = await startTestServer(dbName);
    const deps = s.running.deps;
    await createService(deps, admin, { name: 'Network', slug: 'reseau' });
    await createService(deps, admin, { name: 'Workstations', slug: 'postes' });
    for (const [name, role, services] of [['Ann', 'employee'], ['Ben', 'employee'], ['Tom', 'technician', ['reseau']], ['Zoe', 'technician', ['reseau']], ['Max', 'manager']] as const) {
      id[name] = (await createPerson(deps, admin, { displayName: name, email: `${name.toLowerCase()}@example.com`, role, locale: 'en', services: services ? [...services] : undefined })).id;
    }
    id.Lea = (await createPerson(deps, admin, { displayName: 'Léa', email: 'lea@example.com', role: 'employee', locale: 'fr' })).id;
  });
  afterAll(() => s?.close());

  it('sends a signed-out visitor to the sign-in page and back, and refuses writes without a session', async () => {
    const c = new WebClient(s.url);
    const r = await c.get('/tickets');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/signin?next=%2Ftickets');
    const before = await count('tickets');
    expect((await c.post('/report', { title: 'x' })).status).toBe(401);
    expect(await count('tickets')).toBe(before);
  });

  it('signs in with a rotated, signed, http-only SameSite cookie; a forged cookie or a foreign next is ignored', async () => {
    const c = new WebClient(s.url);
    const token = await c.csrf('/signin');
    const anonymous = c.cookie;
    expect((await c.post('/signin', { person: String(id.Ann) })).status).toBe(403);
    const r = await c.post('/signin', { _csrf: token, person: String(id.Ann), next: '//evil.example/x' });
    expect(r.status).toBe(303);
    expect(r.location).toBe('/');
    expect(r.setCookie.join()).toMatch(/HttpOnly; SameSite=Lax/);
    expect(c.cookie).not.toBe(anonymous);
    expect((await c.get('/tickets')).status).toBe(200);
    // Same payload, someone else's person id, old signature: not a session.
    const [body, mac] = c.cookie!.split('.');
    const data = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = new WebClient(s.url);
    forged.cookie = `${Buffer.from(JSON.stringify({ ...data, pid: id.Max })).toString('base64url')}.${mac}`;
    expect((await forged.get('/dashboard')).status).toBe(303);
    expect((await c.post('/signout', { _csrf: await c.csrf() })).status).toBe(303);
    expect((await c.get('/tickets')).status).toBe(303);
  });

  it('refuses a report without the CSRF token, or with bad fields (a message by each), and writes nothing', async () => {
    const c = await as('Ann');
    const before = await count('tickets');
    expect((await c.post('/report', { title: 'Printer broken', urgency: 'high' })).status).toBe(403);
    expect((await c.post('/report', { _csrf: 'forged', title: 'Printer broken', urgency: 'high' })).status).toBe(403);
    const token = await c.csrf();
    const r = await c.post('/report', { _csrf: token, title: '   ', description: 'd'.repeat(20001), category: 'no-such-category', urgency: 'whenever' });
    expect(r.status).toBe(422);
    for (const f of ['title', 'description', 'category', 'urgency']) expect(r.text).toContain(`id="err-${f}"`);
    expect(r.text).toContain('This field is required.');
    expect(r.text).toContain('At most 20000 characters.');
    const long = await c.post('/report', { _csrf: token, title: 't'.repeat(201), urgency: 'low' });
    expect(long.status).toBe(422);
    expect(long.text).toContain('At most 200 characters.');
    expect(await count('tickets')).toBe(before);
  });

  it('files once from a form sent twice, and shows the ticket to its requester only (R16)', async () => {
    const ann = await as('Ann');
    const form = { _csrf: await ann.csrf(), title: 'VPN drops every hour', description: 'Since Monday', urgency: 'high', formId: 'form-id-0123456789' };
    const first = await ann.post('/report', form);
    expect(first.status).toBe(303);
    const n = Number(/\/tickets\/(\d+)\?done=created/.exec(first.location!)![1]);
    expect((await ann.post('/report', form)).location).toBe(first.location);
    expect((await ticketRow(n))!.requester_id).toBe(id.Ann);
    expect((await ann.get(`/tickets/${n}`)).text).toContain('VPN drops every hour');

    const ben = await as('Ben');
    const peek = await ben.get(`/tickets/${n}`);
    expect(peek.status).toBe(404);
    expect(peek.text).not.toContain('VPN drops');
    const comments = await count('comments');
    const write = await ben.post(`/tickets/${n}/comments`, { _csrf: await ben.csrf(), body: 'me too' });
    expect(write.status).toBe(404);
    expect(await count('comments')).toBe(comments);
    expect((await ben.get('/tickets')).text).not.toContain('VPN drops');
    expect((await ben.get('/queue?q=VPN')).status).toBe(403);
    expect((await ben.get('/dashboard')).status).toBe(403);
    expect((await ben.get('/tickets/abc')).status).toBe(404);
    // A technician finds it by search in the open queue.
    const tom = await as('Tom');
    expect((await tom.get('/queue?view=all&q=VPN')).text).toContain(`data-number="${n}"`);
    expect((await tom.get('/queue?view=all&priority=9')).status).toBe(400);
  });

  it('refuses a wrong action with the reason on the page and changes nothing', async () => {
    const ann = await as('Ann');
    const created = await ann.post('/report', { _csrf: await ann.csrf(), title: 'Screen flickers', urgency: 'low' });
    const n = Number(/\/tickets\/(\d+)/.exec(created.location!)![1]);
    const tom = await as('Tom');
    const token = await tom.csrf();
    const resolve = await tom.post(`/tickets/${n}/status`, { _csrf: token, status: 'resolved', resolution: '' });
    expect(resolve.status).toBe(422);
    expect(resolve.text).toContain('resolution');
    expect((await ticketRow(n))!.status).toBe('new');
    const bogus = await tom.post(`/tickets/${n}/status`, { _csrf: token, status: 'exploded' });
    expect(bogus.status).toBe(400);
    expect((await ticketRow(n))!.status).toBe('new');
    const empty = await tom.post(`/tickets/${n}/comments`, { _csrf: token, body: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="err-body"');
    expect((await tom.post(`/tickets/${n}/claim`, { _csrf: token })).location).toBe(`/tickets/${n}?done=claim`);
    const again = await (await as('Max')).post(`/tickets/${n}/claim`, { _csrf: token });
    expect(again.status).toBe(403); // Max's session has its own token: Tom's is refused.
    const max = await as('Max');
    const taken = await max.post(`/tickets/${n}/claim`, { _csrf: await max.csrf() });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('already taken by Tom');
    expect((await ticketRow(n))!.status).toBe('assigned');
  });

  it('lets staff assign several people, link, transfer and add an external reference; a bad one is refused by its field', async () => {
    const ann = await as('Ann');
    const a = Number(/\/tickets\/(\d+)/.exec((await ann.post('/report', { _csrf: await ann.csrf(), title: 'Switch down in room 12', urgency: 'high' })).location!)![1]);
    const b = Number(/\/tickets\/(\d+)/.exec((await ann.post('/report', { _csrf: await ann.csrf(), title: 'No network in room 12', urgency: 'high' })).location!)![1]);
    const max = await as('Max');
    const token = await max.csrf();
    expect((await max.post(`/tickets/${a}/assign`, { _csrf: token, people: [String(id.Tom), String(id.Zoe)] })).location).toBe(`/tickets/${a}?done=assign`);
    const assignees = (await s.t.db.sequelize.query('SELECT person_id FROM ticket_assignees WHERE ticket_id = ? ORDER BY person_id', { replacements: [a] })) as unknown as [Array<{ person_id: number }>];
    expect(assignees[0].map((r) => r.person_id)).toEqual([id.Tom, id.Zoe].sort((x, y) => x - y));
    expect((await max.post(`/tickets/${b}/links`, { _csrf: token, type: 'depends_on', ticket: String(a) })).location).toBe(`/tickets/${b}?done=links`);
    const self = await max.post(`/tickets/${b}/links`, { _csrf: token, type: 'related_to', ticket: String(b) });
    expect(self.status).toBe(422);
    expect(await count('ticket_links')).toBe(1);
    expect((await max.post(`/tickets/${a}/transfer`, { _csrf: token, service: 'postes' })).location).toBe(`/tickets/${a}?done=transfer`);
    const refs = await count('external_refs');
    const bad = await max.post(`/tickets/${a}/refs`, { _csrf: token, system: 'JIRA', key: 'NET-12', url: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="err-url"');
    expect(await count('external_refs')).toBe(refs);
    expect((await max.post(`/tickets/${a}/refs`, { _csrf: token, system: 'JIRA', key: 'NET-12', url: 'https://jira.example.com/browse/NET-12' })).status).toBe(303);
    const pageA = (await max.get(`/tickets/${a}`)).text;
    expect(pageA).toContain('NET-12');
    expect(pageA).toContain('Workstations');
    expect((await max.get(`/tickets/${b}`)).text).toContain(`href="/tickets/${a}"`);
    // The requester sees the link but never the staff's external references.
    expect((await ann.get(`/tickets/${a}`)).text).not.toContain('NET-12');
    expect((await max.post(`/tickets/${a}/edit`, { _csrf: token, category: 'network', impact: 'critical' })).location).toBe(`/tickets/${a}?done=edit`);
    const edited = (await s.t.db.sequelize.query('SELECT impact, priority FROM tickets WHERE id = ?', { replacements: [a], plain: true })) as { impact: string; priority: number };
    expect(edited).toEqual({ impact: 'critical', priority: 1 });
    const wrongCategory = await max.post(`/tickets/${a}/edit`, { _csrf: token, category: 'no-such', impact: 'low' });
    expect(wrongCategory.status).toBe(404);
    expect((await s.t.db.sequelize.query('SELECT impact FROM tickets WHERE id = ?', { replacements: [a], plain: true })) as { impact: string }).toEqual({ impact: 'critical' });
    // The requester copies a colleague in: the colleague may now open it, and nobody else.
    const ben = await as('Ben');
    expect((await ben.get(`/tickets/${b}`)).status).toBe(404);
    expect((await ann.post(`/tickets/${b}/watchers`, { _csrf: await ann.csrf(), person: 'ben@example.com' })).location).toBe(`/tickets/${b}?done=watchers`);
    expect((await ben.get(`/tickets/${b}`)).status).toBe(200);
    const nobody = await ann.post(`/tickets/${b}/watchers`, { _csrf: await ann.csrf(), person: 'ghost@example.com' });
    expect(nobody.status).toBe(404);
    expect(nobody.text).toContain('ghost@example.com');
  });

  it('opens a suggested article and counts "this solved it" without filing anything (R15)', async () => {
    const art = await createArticle(s.running.deps, admin, { title: 'Reset your VPN token', body: 'Open the portal, choose *reset*.', language: 'en', publish: true });
    const draft = await createArticle(s.running.deps, admin, { title: 'VPN internals', body: 'Staff only.', language: 'en', audience: 'technicians', publish: true });
    const ann = await as('Ann');
    const suggest = JSON.parse((await ann.get('/kb/suggest?q=vpn%20token%20reset')).text);
    expect(suggest.items.map((x: { id: number }) => x.id)).toEqual([art.id]);
    expect((await ann.get(`/kb/articles/${draft.id}`)).status).toBe(404);
    const tickets = await count('tickets');
    const r = await ann.post(`/kb/articles/${art.id}/helpful`, { _csrf: await ann.csrf() });
    expect(r.location).toBe(`/kb/articles/${art.id}?done=helpful`);
    expect((await ann.get(r.location!)).text).toContain('No ticket was filed');
    expect(await count('tickets')).toBe(tickets);
    const helpful = (await s.t.db.sequelize.query('SELECT helpful_count FROM kb_articles WHERE id = ?', { replacements: [art.id], plain: true })) as { helpful_count: number };
    expect(Number(helpful.helpful_count)).toBe(1);
  });

  it('refuses the local sign-in in production when no OpenID provider is configured', async () => {
    const app = express().use(webRouter({ deps: s.running.deps, publicUrl: 'http://localhost', timeZone: 'Europe/Paris', sessionSecret: 'x'.repeat(32), production: true }));
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const c = new WebClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const page = await c.get('/signin');
      expect(page.status).toBe(503);
      expect(page.text).not.toContain('id="person"');
      expect(page.text).toContain('OIDC_ISSUER');
      const token = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1];
      expect((await c.post('/signin', { _csrf: token, person: String(id.Max) })).status).toBe(403);
      expect((await c.get('/dashboard')).status).toBe(303);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('answers "Try the bot" with the same cards as Teams and files through the form once (R1)', async () => {
    const ann = await as('Ann');
    const headers = { 'x-csrf-token': await ann.csrf('/bot') };
    expect((await ann.req('POST', '/bot/message', { text: 'help' }, { json: true })).status).toBe(403);
    const said = (await ann.req('POST', '/bot/message', { text: 'the wifi is down on floor 3' }, { json: true, headers })).json();
    const form = said.replies.map((r: { card?: { type: string; actions?: Array<{ data: Record<string, string> }> } }) => r.card).find((c: { actions?: unknown[] } | undefined) => c?.actions);
    expect(form.type).toBe('AdaptiveCard');
    const data = form.actions[0].data;
    expect(data.verb).toBe('file_ticket');
    expect(data.formId).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const before = await count('tickets');
    const bad = (await ann.req('POST', '/bot/action', { verb: 'file_ticket', data: { ...data, title: '', urgency: 'medium' } }, { json: true, headers })).json();
    expect(bad.error).toBe('validation_failed');
    expect(JSON.stringify(bad.replies)).toContain('Nothing was filed');
    expect(await count('tickets')).toBe(before);

    const submit = { verb: 'file_ticket', data: { ...data, title: 'the wifi is down on floor 3', urgency: 'high' } };
    const ok = (await ann.req('POST', '/bot/action', submit, { json: true, headers })).json();
    const n = Number(/Ticket #(\d+) filed/.exec(JSON.stringify(ok.replies))![1]);
    const twice = (await ann.req('POST', '/bot/action', submit, { json: true, headers })).json();
    expect(JSON.stringify(twice.replies)).toContain(`Ticket #${n} filed`);
    expect(await count('tickets')).toBe(before + 1);
    const row = (await s.t.db.sequelize.query('SELECT requester_id, source_channel FROM tickets WHERE id = ?', { replacements: [n], plain: true })) as { requester_id: number; source_channel: string };
    expect(row).toEqual({ requester_id: id.Ann, source_channel: 'web' });

    const mine = (await ann.req('POST', '/bot/message', { text: 'my tickets' }, { json: true, headers })).json();
    expect(JSON.stringify(mine.replies)).toContain(`#${n} the wifi is down on floor 3`);
    // Deflection first when an article answers; "this solved it" counts and files nothing.
    const art = await createArticle(s.running.deps, admin, { title: 'Wifi down: forget and rejoin the network', body: 'Forget the network, rejoin it.', language: 'en', publish: true });
    const deflect = (await ann.req('POST', '/bot/message', { text: 'wifi down again' }, { json: true, headers })).json();
    expect(JSON.stringify(deflect.replies[0])).toContain('Wifi down: forget and rejoin the network');
    const solved = (await ann.req('POST', '/bot/action', { verb: 'kb_solved', data: { article: art.id } }, { json: true, headers })).json();
    expect(JSON.stringify(solved.replies)).toContain('No ticket was filed');
    expect(await count('tickets')).toBe(before + 1);
    // The person's own language: Léa reads French.
    const lea = await as('Lea');
    const fr = (await lea.req('POST', '/bot/message', { text: 'mes tickets' }, { json: true, headers: { 'x-csrf-token': await lea.csrf('/bot') } })).json();
    expect(JSON.stringify(fr.replies)).toMatch(/Vous n.avez aucun ticket/);
    const ben = await as('Ben');
    const peek = (await ben.req('POST', '/bot/action', { verb: 'ticket_open', data: { ticket: n } }, { json: true, headers: { 'x-csrf-token': await ben.csrf('/bot') } })).json();
    expect(peek.error).toBe('ticket_not_found');
  });
});
