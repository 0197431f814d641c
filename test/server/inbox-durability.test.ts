import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { TEST_DATABASES } from '../support/db';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { sign, SIGNING_SECRET } from '../support/slack';
import { sharedDatabase, startChildServer, type ChildServer } from '../support/child-server';

const USERS = 12;
const user = (i: number) => `UKILL${String(i % USERS).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One signed `/ticket <text>` as Slack sends it; resolves to the HTTP status (0: the connection died). */
async function command(server: ChildServer, fake: FakeSlack, i: number): Promise<number> {
  const body = new URLSearchParams({
    team_id: 'TKILL', channel_id: `D${user(i)}`, user_id: user(i), command: '/ticket', text: `Écran noir numéro ${i}`,
    trigger_id: `TRGKILL${i}`, response_url: fake.responseUrl(`K${i}`),
  }).toString();
  try {
    const res = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function rows<T>(db: Database, sql: string): Promise<T[]> {
  return (await db.sequelize.query(sql))[0] as T[];
}

/**
 * Store, then acknowledge, then work (R1, R19): a server killed with SIGKILL after acknowledging
 * commands it had not worked on yet loses none of them; restarted on the same database, it does every
 * acknowledged one, each exactly once.
 */
describe.each(TEST_DATABASES)('R1 R19 inbox: SIGKILL between the ack and the work, restart, on %s', (dbName) => {
  let fake: FakeSlack;
  let shared: { url: string; remove(): void };
  let db: Database;
  let server: ChildServer | null = null;
  beforeAll(async () => {
    fake = await startFakeSlack();
    for (let i = 0; i < USERS; i++) fake.addUser({ id: user(i), name: `Employé ${i}`, email: `kill${i}@exemple.fr`, locale: 'fr-FR' });
    shared = await sharedDatabase(dbName, 'inbox-kill');
  });
  afterAll(async () => {
    await server?.kill();
    await db?.close();
    await fake.close();
    shared?.remove();
  });

  const env = () => ({
    DATABASE_URL: shared.url, SLACK_BOT_TOKEN: 'xoxb-kill', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
    // A dead instance's leases come back quickly, so the test does not wait a minute.
    HELPDESK_INBOX_LEASE_SECONDS: '2',
  });

  it('every acknowledged command becomes exactly one ticket and gets its answer; nothing unacknowledged is done twice', async () => {
    server = await startChildServer(env());
    db = await openDatabase(shared.url, { poolMax: 2 });
    // A slow Slack keeps the work behind the acks, as on a Monday morning.
    fake.slow(300);
    const TOTAL = 80;
    const statuses: number[] = new Array(TOTAL).fill(-1);
    let acked = 0;
    let killed: Promise<void> | null = null;
    const sends = Array.from({ length: TOTAL }, async (_, i) => {
      await sleep(i * 15);
      statuses[i] = await command(server!, fake, i);
      if (statuses[i] === 200 && ++acked === 40) killed = server!.kill('SIGKILL');
    });
    await Promise.all(sends);
    await killed;
    const ok = statuses.map((s, i) => (s === 200 ? i : -1)).filter((i) => i >= 0);
    expect(ok.length).toBeGreaterThanOrEqual(40);
    // The kill fell between the ack and the work: acknowledged inputs were still waiting.
    const waiting = await rows<{ n: number }>(db, "SELECT COUNT(*) AS n FROM inbox WHERE state <> 'done'");
    expect(Number(waiting[0].n)).toBeGreaterThan(0);
    const ticketsAtKill = Number((await rows<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM tickets'))[0].n);
    expect(ticketsAtKill).toBeLessThan(ok.length);

    fake.slow(0);
    server = await startChildServer(env());
    const deadline = Date.now() + 90_000;
    for (;;) {
      const left = await rows<{ n: number }>(db, "SELECT COUNT(*) AS n FROM inbox WHERE state <> 'done'");
      if (Number(left[0].n) === 0 || Date.now() > deadline) break;
      await sleep(250);
    }
    const titles = (await rows<{ title: string }>(db, 'SELECT title FROM tickets')).map((r) => r.title);
    const filed = new Map<number, number>();
    for (const t of titles) {
      const n = Number(/numéro (\d+)/.exec(t)?.[1]);
      filed.set(n, (filed.get(n) ?? 0) + 1);
    }
    // Every acknowledged command: one ticket, and an answer in Slack naming it.
    for (const i of ok) {
      expect([i, filed.get(i)]).toEqual([i, 1]);
      expect(fake.of('response_url', (b) => b.responseId === `K${i}` && /#\d+/.test(String(b.text))).length).toBeGreaterThanOrEqual(1);
    }
    // Nothing twice, and nothing that was not asked for.
    expect([...filed.values()].every((c) => c === 1)).toBe(true);
    expect(titles.length).toBeLessThanOrEqual(TOTAL);
    const failed = await rows<{ n: number }>(db, "SELECT COUNT(*) AS n FROM inbox WHERE state = 'failed'");
    expect(Number(failed[0].n)).toBe(0);
  }, 240_000);
});
