import { loadSettings } from '../../../adapters/config/settings';
import { openDatabase, type Database } from '../../../adapters/sequelize/database';
import { startServer, type Running } from '../../../main';
import { TEST_DATABASES } from '../../support/db';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack';
import { startTestServer, type TestServer } from '../../support/server';
import { sign, SIGNING_SECRET } from '../../support/slack';
import { sharedDatabase } from '../../support/child-server';
import { startFakeBotConnector } from '../../support/fake-bot-connector';
import { listInbox, retryInbox } from '../../../core/chat/inbox-admin.service';
import { systemActor } from '../../../core/shared/actor';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const slackEnv = (fake: FakeSlack) => ({ SLACK_BOT_TOKEN: 'xoxb-inbox', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl });

async function ticketCommand(url: string, fake: FakeSlack, user: string, text: string, id: string): Promise<number> {
  const body = new URLSearchParams({ team_id: 'TINBOX', channel_id: `D${user}`, user_id: user, command: '/ticket', text, trigger_id: `TRG${id}`, response_url: fake.responseUrl(id) }).toString();
  const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
  await res.arrayBuffer();
  return res.status;
}

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(50);
  }
}

const one = async (db: Database, sql: string, params: unknown[] = []) => ((await db.sequelize.query(sql, { replacements: params }))[0] as Array<Record<string, any>>)[0];

describe.each(TEST_DATABASES)('R19 inbox: a Slack outage while answering, on %s', (dbName) => {
  let fake: FakeSlack;
  let s: TestServer;
  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addUser({ id: 'UOUT00001', name: 'Olga Outage', email: 'olga@exemple.fr', locale: 'fr-FR' });
    s = await startTestServer(dbName, { env: slackEnv(fake), inbox: { pollMs: 50, backoffBaseMs: 100, backoffMaxMs: 400 } });
    // Polling on: retries come due without anyone kicking the worker.
    s.running.inbox.start();
  });
  afterAll(async () => {
    await s.close();
    await fake.close();
  });

  it('delays the answer until Slack is back, files the ticket once and loses nothing', async () => {
    // Slack answers the first contact (Bolt's auth.test, the person's profile); then it goes down.
    expect(await ticketCommand(s.url, fake, 'UOUT00001', '', 'RWARM')).toBe(200);
    await fake.waitFor('views.open');
    fake.outage(true);
    expect(await ticketCommand(s.url, fake, 'UOUT00001', 'Le VPN ne répond plus', 'ROUT1')).toBe(200);
    const db = s.t.db;
    await until('two failed attempts', async () => Number((await one(db, "SELECT attempts FROM inbox WHERE idempotency_key = 'cmd:TRGROUT1'"))?.attempts ?? 0) >= 2);
    const during = await one(db, "SELECT state, last_error FROM inbox WHERE idempotency_key = 'cmd:TRGROUT1'");
    expect(during.state).not.toBe('done');
    // The answer itself failed (Slack was reached before: the outage is while answering).
    expect(during.last_error).toMatch(/response_url|503/);
    expect(fake.of('response_url').length).toBe(0);
    fake.outage(false);
    const [answer] = await fake.waitFor('response_url', (b) => b.responseId === 'ROUT1');
    expect(answer.body.text).toMatch(/#\d+/);
    await until('the input done', async () => (await one(db, "SELECT state FROM inbox WHERE idempotency_key = 'cmd:TRGROUT1'")).state === 'done');
    expect(Number((await one(db, "SELECT COUNT(*) AS n FROM tickets WHERE title LIKE 'Le VPN%'")).n)).toBe(1);
    // Answered once: the retries stopped when it went through.
    await sleep(300);
    expect(fake.of('response_url', (b) => b.responseId === 'ROUT1').length).toBe(1);
  }, 60_000);

  it('parks an input after its last try, and `inbox retry` puts it back (R19)', async () => {
    fake.reset();
    const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'test' };
    fake.outage(true);
    // One input that keeps failing: the worker's tries run out (8 by default; the backoff here is short).
    expect(await ticketCommand(s.url, fake, 'UOUT00001', "L'imprimante du 3e", 'RPARK')).toBe(200);
    await until('the input parked', async () => (await listInbox(s.running.deps, admin, { state: 'failed' })).entries.length === 1, 30_000);
    fake.outage(false);
    expect(await retryInbox(s.running.deps, admin, [])).toEqual({ requeued: 1 });
    await fake.waitFor('response_url', (b) => b.responseId === 'RPARK');
    await until('done', async () => (await listInbox(s.running.deps, admin, { state: 'done' })).entries.some((e) => e.key === 'cmd:TRGRPARK'));
    expect((await listInbox(s.running.deps, admin, { state: 'failed' })).entries).toEqual([]);
  }, 60_000);

  it('/metrics shows the inbox by source and state, and counters that only grow (R6 R19)', async () => {
    const scrape = async () => (await (await fetch(`${s.url}/metrics`)).text()).split('\n');
    const value = (lines: string[], sample: string) => Number(lines.find((l) => l.startsWith(sample + ' '))?.split(' ')[1] ?? NaN);
    const first = await scrape();
    // Three commands so far (the warm-up, the outage, the parked one): all done now.
    expect(value(first, 'helpdesk_inbox_inputs{source="slack",state="done"}')).toBe(3);
    expect(value(first, 'helpdesk_inbox_received_total{source="slack"}')).toBe(3);
    expect(value(first, 'helpdesk_inbox_parked_total{source="slack"}')).toBe(1);
    expect(value(first, 'helpdesk_inbox_retries_total{source="slack"}')).toBeGreaterThanOrEqual(8);
    // Retention deletes rows; the counters do not go down with them.
    await s.t.db.sequelize.query('DELETE FROM inbox');
    const second = await scrape();
    expect(second.some((l) => l.startsWith('helpdesk_inbox_inputs{'))).toBe(false);
    expect(value(second, 'helpdesk_inbox_received_total{source="slack"}')).toBe(3);
  });
});

describe.each(TEST_DATABASES)('R19 inbox: two instances share the inbound queue, on %s', (dbName) => {
  let fake: FakeSlack;
  let shared: { url: string; remove(): void };
  const servers: Running[] = [];
  let db: Database;
  beforeAll(async () => {
    fake = await startFakeSlack();
    for (let i = 0; i < 6; i++) fake.addUser({ id: `UTWO0000${i}`, name: `Person ${i}`, email: `two${i}@exemple.fr`, locale: 'en-GB' });
    shared = await sharedDatabase(dbName, 'inbox-two');
    for (let k = 0; k < 2; k++) {
      const settings = loadSettings({ DATABASE_URL: shared.url, PORT: '0', LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent', ...slackEnv(fake) });
      servers.push(await startServer(settings, { quiet: !process.env.DEBUG_LOG, inbox: { pollMs: 50 } }));
    }
    db = await openDatabase(shared.url, { poolMax: 2 });
  });
  afterAll(async () => {
    for (const r of servers) await r.close();
    await db?.close();
    await fake.close();
    shared?.remove();
  });

  it('every input is done exactly once, and both instances did some of them', async () => {
    fake.slow(30);
    const N = 40;
    const statuses = await Promise.all(Array.from({ length: N }, (_, i) => ticketCommand(servers[i % 2].url, fake, `UTWO0000${i % 6}`, `Shared queue problem ${i}`, `RTWO${i}`)));
    expect(statuses.every((st) => st === 200)).toBe(true);
    await until('all done', async () => Number((await one(db, "SELECT COUNT(*) AS n FROM inbox WHERE state = 'done'")).n) === N, 60_000);
    await sleep(300);
    expect(Number((await one(db, "SELECT COUNT(*) AS n FROM tickets WHERE title LIKE 'Shared queue problem%'")).n)).toBe(N);
    // Done once means answered once: a second run of an input would answer it again.
    for (let i = 0; i < N; i++) expect([i, fake.of('response_url', (b) => b.responseId === `RTWO${i}`).length]).toEqual([i, 1]);
    const owners = (await db.sequelize.query("SELECT DISTINCT lease_owner FROM inbox WHERE state = 'done'"))[0] as Array<{ lease_owner: string }>;
    expect(new Set(owners.map((o) => o.lease_owner))).toEqual(new Set(servers.map((r) => r.inbox.owner)));
  }, 120_000);

  it('Teams activities too: report forms sent to either instance each file one ticket, recorded under their activity key', async () => {
    const connector = await startFakeBotConnector();
    try {
      const people = Array.from({ length: 4 }, (_, i) => ({ id: `29:two-${i}`, aadObjectId: `cccccccc-0000-4000-8000-00000000000${i}`, name: `Teams ${i}`, email: `tt${i}@exemple.fr`, locale: 'en-GB' }));
      for (const p of people) connector.addUser(p);
      const N = 20;
      const statuses = await Promise.all(Array.from({ length: N }, async (_, i) => {
        const u = people[i % people.length];
        const activity = {
          type: 'message', id: `two-form-${i}`, channelId: 'msteams', serviceUrl: connector.serviceUrl, locale: 'en-GB',
          from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId }, recipient: { id: '28:helpdesk-bot', name: 'Helpdesk' },
          conversation: { id: `a:dm-two-${i % people.length}`, conversationType: 'personal', tenantId: 'tenant-two' }, channelData: { tenant: { id: 'tenant-two' } },
          value: { verb: 'file_ticket', title: `Teams queue problem ${i}` },
        };
        const res = await fetch(`${servers[i % 2].url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        await res.arrayBuffer();
        return res.status;
      }));
      expect(statuses.every((st) => st === 200)).toBe(true);
      await until('all Teams inputs done', async () => Number((await one(db, "SELECT COUNT(*) AS n FROM inbox WHERE source = 'teams' AND state = 'done'")).n) === N, 60_000);
      const titles = ((await db.sequelize.query("SELECT title FROM tickets WHERE title LIKE 'Teams queue problem%'"))[0] as Array<{ title: string }>).map((r) => r.title).sort();
      expect(titles).toEqual(Array.from({ length: N }, (_, i) => `Teams queue problem ${i}`).sort());
    } finally {
      await connector.close();
    }
  }, 120_000);
});
