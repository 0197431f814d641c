import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { World, testClock } from '../support/fixtures';
import { NOW, seedReportWeek } from '../core/reports/report-fixture';
import { Sql } from '../../adapters/sequelize/sql';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Every sample line of a metric, as "name{labels} value" strings, sorted. */
const samples = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith(name + '{') || l.startsWith(name + ' ')).sort();

/** GET /metrics for Prometheus and Grafana (R6): ticket figures read at scrape time, latencies per route. */
describe.each(TEST_DATABASES)('GET /metrics in Prometheus text format (R6 Grafana) on %s', (dbName) => {
  let s: TestServer;
  beforeAll(async () => {
    const clock = testClock(NOW);
    s = await startTestServer(dbName, { clock });
    await seedReportWeek(new World(s.t, clock));
  });
  afterAll(() => s.close());

  const scrape = async () => {
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('counts tickets by status and service, SLA breaches by service and creations by channel', async () => {
    const text = await scrape();
    expect(samples(text, 'helpdesk_tickets')).toEqual([
      'helpdesk_tickets{status="cancelled",service="poste"} 1',
      'helpdesk_tickets{status="closed",service="poste"} 1',
      'helpdesk_tickets{status="closed",service="reseau"} 2',
      'helpdesk_tickets{status="in_progress",service="reseau"} 1',
      'helpdesk_tickets{status="new",service="reseau"} 1',
      'helpdesk_tickets{status="pending",service="none"} 1',
      'helpdesk_tickets{status="resolved",service="poste"} 2',
      'helpdesk_tickets{status="resolved",service="reseau"} 1',
    ]);
    expect(samples(text, 'helpdesk_tickets_overdue')).toEqual(['helpdesk_tickets_overdue{service="reseau"} 2']);
    expect(samples(text, 'helpdesk_tickets_created_total')).toEqual([
      'helpdesk_tickets_created_total{channel="api"} 2',
      'helpdesk_tickets_created_total{channel="email"} 1',
      'helpdesk_tickets_created_total{channel="phone"} 1',
      'helpdesk_tickets_created_total{channel="slack"} 1',
      'helpdesk_tickets_created_total{channel="teams"} 4',
      'helpdesk_tickets_created_total{channel="web"} 1',
    ]);
    expect(text).toContain('# TYPE helpdesk_tickets_created_total counter');
  });

  it('exposes the outbox depth, SLA breaches and inbound platform events, read from the database', async () => {
    const sql = new Sql(s.t.db.sequelize, s.t.db.dialect, null);
    const at = new Date(NOW);
    const ids = (await sql.select('SELECT id FROM tickets ORDER BY id LIMIT 3')).map((r) => Number(r.id));
    for (const [i, [ownMet, resolveMet]] of [[false, true], [false, false], [true, null]].entries()) {
      await sql.run('INSERT INTO ticket_sla (ticket_id, cycle, own_level, resolve_level, own_met, resolve_met, updated_at) VALUES (?, 0, 0, 0, ?, ?, ?)', [ids[i], ownMet, resolveMet, at]);
    }
    const outbox = async (channel: string, state: string) => sql.run(
      'INSERT INTO outbox (channel, address, event, urgent, params, state, attempts, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
      [channel, 'x@example.test', 'status_changed', false, '{}', state, at, at],
    );
    await outbox('email', 'pending');
    await outbox('email', 'pending');
    await outbox('slack', 'failed');
    await outbox('slack', 'sent');
    await sql.run('INSERT INTO inbound_events (source, event_id, created_at) VALUES (?, ?, ?), (?, ?, ?)', ['slack', 'E1', at, 'slack', 'E2', at]);
    const text = await scrape();
    expect(samples(text, 'helpdesk_outbox_messages')).toEqual([
      'helpdesk_outbox_messages{channel="email",state="pending"} 2',
      'helpdesk_outbox_messages{channel="slack",state="failed"} 1',
    ]);
    expect(samples(text, 'helpdesk_sla_breaches')).toEqual(['helpdesk_sla_breaches{clock="own"} 2', 'helpdesk_sla_breaches{clock="resolve"} 1']);
    expect(samples(text, 'helpdesk_inbound_events_kept')).toEqual(['helpdesk_inbound_events_kept{source="slack"} 2']);
    // The counter is this process's own count of inputs received, never the pruned table's rows.
    expect(samples(text, 'helpdesk_inbound_events_total')).toEqual([]);
    await sql.run('DELETE FROM outbox');
    await sql.run('DELETE FROM ticket_sla');
    await sql.run('DELETE FROM inbound_events');
    expect(samples(await scrape(), 'helpdesk_inbound_events_kept')).toEqual([]);
  });

  it('counts platform inputs in the process, so a nightly prune never makes the counter go down (R6)', async () => {
    const body = new URLSearchParams({ From: '+33600000000', Body: 'x', MessageSid: 'SM1' }).toString();
    // Without TWILIO_AUTH_TOKEN /twilio/sms is not served: a refused or unserved input is not counted.
    await fetch(`${s.url}/twilio/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(samples(await scrape(), 'helpdesk_inbound_events_total')).toEqual([]);
    const first = samples(await scrape(), 'helpdesk_tickets_created_total');
    const sql = new Sql(s.t.db.sequelize, s.t.db.dialect, null);
    await sql.run('INSERT INTO inbound_events (source, event_id, created_at) VALUES (?, ?, ?)', ['teams', 'A1', new Date(NOW)]);
    await sql.run('DELETE FROM inbound_events');
    expect(samples(await scrape(), 'helpdesk_tickets_created_total')).toEqual(first);
  });

  it('passes promtool check metrics when promtool is installed (Debian package prometheus)', async () => {
    const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((p) => existsSync(p));
    const text = await scrape();
    if (!promtool) {
      // CI installs it (.ci/run); on a machine without it, check the rule promtool enforces most.
      for (const m of text.matchAll(/^# TYPE (\S+) counter$/gm)) expect(m[1]).toMatch(/_total$/);
      return;
    }
    const r = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: r.status, out: (r.stdout + r.stderr).trim() }).toEqual({ status: 0, out: '' });
  });

  it('follows the database at each scrape: a new ticket shows at once', async () => {
    const admin = await s.token('admin');
    await s.token('employee', { email: 'mia@example.test' });
    const created = await s.call('POST', '/api/v1/tickets', admin, { title: 'Souris cassée', service: 'poste', requester: 'mia@example.test' });
    expect(created.status).toBe(201);
    const text = await scrape();
    expect(text).toContain('helpdesk_tickets{status="new",service="poste"} 1\n');
    expect(text).toContain('helpdesk_tickets_created_total{channel="api"} 3\n');
  });

  it('records request latencies by route pattern and status, never by raw URL', async () => {
    const admin = await s.token('admin');
    expect((await s.call('GET', '/api/v1/tickets/1', admin)).status).toBe(200);
    expect((await s.call('GET', '/api/v1/tickets/999999', admin)).status).toBe(404);
    expect((await s.call('GET', '/api/v1/nowhere/123456', admin)).status).toBe(404);
    const text = await scrape();
    expect(text).toMatch(/helpdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tickets\/:number",status="200"\} [1-9]/);
    expect(text).toMatch(/helpdesk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tickets\/:number",status="404"\} [1-9]/);
    expect(text).toMatch(/helpdesk_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(samples(text, 'helpdesk_http_request_duration_seconds_count').join('\n')).not.toMatch(/999999|123456/);
  });

  it('keeps one registry per server, so two servers in one process both answer', async () => {
    const other = await startTestServer(dbName);
    try {
      const res = await fetch(`${other.url}/metrics`);
      expect(res.status).toBe(200);
      expect(samples(await res.text(), 'helpdesk_tickets')).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
