import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_DATABASES } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { paris, testClock, TestClock } from '../support/fixtures';

/** A local HTTP peer standing for the outside system a rule's webhook calls. */
async function webhookPeer(status = 200) {
  const received: Array<{ path: string; body: any; contentType: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw), contentType: req.headers['content-type'] });
      res.writeHead(peer.status).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const peer = { status, received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
  return peer;
}

describe.each(TEST_DATABASES)('R7 automation rules over the REST API, with an outbound webhook (%s)', (dbName) => {
  let s: TestServer;
  let clock: TestClock;
  let peer: Awaited<ReturnType<typeof webhookPeer>>;
  let admin: string;
  let tech: string;
  let emp: string;

  beforeAll(async () => {
    clock = testClock(paris('2026-01-13 10:00'));
    s = await startTestServer(dbName, { clock, notifications: { timers: false } });
    peer = await webhookPeer();
  });
  afterAll(async () => {
    await peer?.close();
    await s?.close();
  });
  beforeEach(async () => {
    await s.t.reset();
    clock.set(paris('2026-01-13 10:00'));
    peer.received.length = 0;
    peer.status = 200;
    admin = await s.token('admin');
    expect((await s.call('POST', '/api/v1/services', admin, { name: 'Réseau', slug: 'reseau' })).status).toBe(201);
    tech = await s.token('technician', { email: 'tom@example.test', services: ['reseau'] });
    emp = await s.token('employee', { email: 'emma@example.test' });
  });

  const tick = (local: string) => {
    clock.set(paris(local));
    return s.running.notifications.runner.runDue(clock.now());
  };

  it('lists the four shipped rules to staff, refuses employees, and validates a new rule with coded errors', async () => {
    const list = await s.call('GET', '/api/v1/rules', tech);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: any) => r.builtin).sort()).toEqual(['auto_close', 'incident_cluster', 'pending_reminder', 'resolved_reminder']);
    expect((await s.call('GET', '/api/v1/rules', emp)).status).toBe(403);
    const bad = [
      { name: 'x', when: 'never', then: [{ do: 'propose_parent' }] },
      { name: 'x', when: 'created', then: [] },
      { name: 'x', when: 'time_passed', if: [{ field: 'status', op: 'is', value: 'pending' }], then: [{ do: 'propose_parent' }] },
      { name: 'x', when: 'created', then: [{ do: 'webhook', url: 'ftp://example.test/x' }] },
      { name: 'x', when: 'created', then: [{ do: 'set', field: 'status', value: 'flying' }] },
      JSON.stringify('not an object'),
    ];
    for (const body of bad) {
      const r = await s.call('POST', '/api/v1/rules', admin, body);
      expect({ body, status: r.status, code: r.body?.error?.code }).toEqual({ body, status: 400, code: 'validation_failed' });
    }
    expect((await s.call('POST', '/api/v1/rules', tech, { name: 'x', when: 'created', then: [{ do: 'propose_parent' }] })).status).toBe(403);
    const shipped = list.body.items.find((r: any) => r.builtin === 'auto_close');
    const del = await s.call('DELETE', `/api/v1/rules/${shipped.id}`, admin);
    expect([del.status, del.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await s.call('GET', '/api/v1/rules/999999', admin)).status).toBe(404);
    expect((await s.call('GET', '/api/v1/rules/abc', admin)).status).toBe(404);
  });

  it('runs a rule end to end: created + department and text conditions -> set impact, comment, webhook to the peer', async () => {
    await s.call('PATCH', '/api/v1/people/emma@example.test', admin, { department: 'Comptabilité' });
    const rule = await s.call('POST', '/api/v1/rules', admin, {
      name: 'Accounting VPN to the vendor',
      when: 'created',
      if: [{ field: 'department', op: 'is', value: 'comptabilité' }, { field: 'text', op: 'contains', value: 'vpn' }],
      then: [{ do: 'set', field: 'impact', value: 'high' }, { do: 'comment', body: 'Escaladé chez le fournisseur', internal: true }, { do: 'webhook', url: `${peer.url}/hooks/vendor` }],
    });
    expect(rule.status).toBe(201);
    const hit = await s.call('POST', '/api/v1/tickets', emp, { title: 'Le VPN coupe', description: 'depuis ce matin' });
    const miss = await s.call('POST', '/api/v1/tickets', emp, { title: 'Imprimante', description: 'bourrage' });
    await tick('2026-01-13 10:01');
    expect(peer.received.map((r) => [r.path, r.body.ticket.number, r.body.rule.name])).toEqual([['/hooks/vendor', hit.body.number, 'Accounting VPN to the vendor']]);
    expect(peer.received[0].contentType).toBe('application/json');
    const after = await s.call('GET', `/api/v1/tickets/${hit.body.number}`, tech);
    expect(after.body.impact).toBe('high');
    expect((await s.call('GET', `/api/v1/tickets/${miss.body.number}`, tech)).body.impact).toBe('medium');
    const runs = await s.call('GET', `/api/v1/rules/runs?ticket=${hit.body.number}`, tech);
    expect(runs.body.items).toEqual([expect.objectContaining({ ruleId: rule.body.id, outcome: 'done', error: null })]);
    // The SLA record of the ticket is readable by its requester too.
    const sla = await s.call('GET', `/api/v1/sla/tickets/${hit.body.number}`, emp);
    expect(sla.body).toMatchObject({ number: hit.body.number, cycle: 0, own: { level: null, met: null }, resolve: { met: null } });
    expect((await s.call('GET', `/api/v1/sla/tickets/${miss.body.number}`, await s.token('employee', { email: 'other@example.test' }))).status).toBe(404);
    // A second run of the scheduler (or a second instance) fires nothing again.
    await tick('2026-01-13 10:02');
    expect(peer.received).toHaveLength(1);
  });

  it('an sla_warning rule runs when the sweep warns: it adds the service lead as a watcher', async () => {
    await s.call('POST', '/api/v1/people', admin, { displayName: 'Léa Lead', email: 'lea@example.test', role: 'technician' });
    const rule = await s.call('POST', '/api/v1/rules', admin, { name: 'Lead watches late tickets', when: 'sla_warning', then: [{ do: 'watch', person: 'lea@example.test' }] });
    expect(rule.status).toBe(201);
    const t = await s.call('POST', '/api/v1/tickets', emp, { title: 'Imprimante', urgency: 'critical' });
    // Critical urgency, medium impact: P2, own within 120 business minutes; 75% = 90 -> 11:30.
    await tick('2026-01-13 11:29');
    expect((await s.call('GET', `/api/v1/tickets/${t.body.number}`, tech)).body.watchers ?? []).toEqual([]);
    await tick('2026-01-13 11:30');
    await tick('2026-01-13 11:31');
    const runs = await s.call('GET', `/api/v1/rules/runs?ticket=${t.body.number}`, tech);
    expect(runs.body.items.map((r: any) => [r.ruleId, r.outcome, r.error])).toEqual([[rule.body.id, 'done', null]]);
    const after = await s.call('GET', `/api/v1/tickets/${t.body.number}`, tech);
    expect(JSON.stringify(after.body.watchers)).toContain('Léa Lead');
    expect((await s.call('GET', `/api/v1/sla/tickets/${t.body.number}`, tech)).body.own).toMatchObject({ level: 'warning', met: null });
  });

  it("records a failed webhook on the run, and the automation's own changes trigger no rule", async () => {
    peer.status = 503;
    await s.call('POST', '/api/v1/rules', admin, { name: 'Hook', when: 'created', then: [{ do: 'webhook', url: `${peer.url}/down` }] });
    await s.call('POST', '/api/v1/rules', admin, { name: 'Echo', when: 'updated', then: [{ do: 'comment', body: 'echo' }] });
    const t = await s.call('POST', '/api/v1/tickets', emp, { title: 'Wi-Fi' });
    await tick('2026-01-13 10:01');
    const runs = await s.call('GET', `/api/v1/rules/runs?ticket=${t.body.number}`, admin);
    expect(runs.body.items.map((r: any) => [r.outcome, r.error])).toEqual([['failed', 'webhook answered 503']]);
    // A person's change fires "updated" once; the comment the rule adds does not fire it again.
    await s.call('POST', `/api/v1/tickets/${t.body.number}/claim`, tech);
    await tick('2026-01-13 10:02');
    await tick('2026-01-13 10:03');
    const comments = await s.call('GET', `/api/v1/tickets/${t.body.number}/comments`, tech);
    expect(comments.body.items.filter((c: any) => c.body === 'echo')).toHaveLength(1);
  });
});
