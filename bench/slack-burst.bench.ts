import { createHmac } from 'node:crypto';
import { openDatabase, type Database } from '../adapters/sequelize/database';
import { startFakeSlack } from '../test/support/fake-slack';
import { recreateDatabase } from './bench-db';
import { ackFigures, exactlyOnce, openLoop, rawInsertRate, startServer, waitDone, type Server } from './burst';

/**
 * The Monday-morning burst on Slack: one server instance (a child process, as in production) on
 * MariaDB receives signed `/ticket <text>` slash commands at a fixed rate from many people. Figures:
 * the acknowledgement latency Slack would see, whether every input was done exactly once, how long
 * after the burst the last one was done, the server's peak memory; then the same burst with a
 * SIGKILL in the middle and a restart on the same database. Beside them, the raw database doing the
 * receiver's own work (one INSERT per input) in the same run.
 */
const SECRET = 'bench-signing-secret-0123456789abcdef';
const USERS = 500;
const user = (i: number) => `UB${String(i % USERS).padStart(7, '0')}`;

export interface BurstOptions {
  rate: number;
  seconds: number;
  /** Seconds into the burst for the SIGKILL of the second run; 0 skips that run. */
  killAt: number;
  log: (s: string) => void;
}

async function count(db: Database, sql: string): Promise<number> {
  return Number(((await db.sequelize.query(sql))[0] as Array<{ n: number }>)[0].n);
}

export async function slackBurstBench(baseUrl: string, o: BurstOptions): Promise<Array<Record<string, string | number>>> {
  const url = baseUrl.replace(/\/([^/]*)$/, (_m, name: string) => `/${name}_slack`);
  const fake = await startFakeSlack();
  for (let i = 0; i < USERS; i++) fake.addUser({ id: user(i), name: `Employé ${i}`, email: `burst${i}@bench.example`, locale: 'fr-FR' });
  const env = { DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, HELPDESK_INBOX_LEASE_SECONDS: '10' };
  const send = async (port: number, i: number) => {
    const body = new URLSearchParams({ team_id: 'TBENCH', channel_id: `D${user(i)}`, user_id: user(i), command: '/ticket', text: `Mon écran clignote (${i})`, trigger_id: `TRG${i}`, response_url: fake.responseUrl(`R${i}`) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig }, body });
    await res.arrayBuffer();
    return res.status;
  };
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const kill of o.killAt > 0 ? [false, true] : [false]) {
      await recreateDatabase(url);
      rows.push(await burstRun('slack', url, env, send, o, kill));
    }
  } finally {
    await fake.close();
  }
  return rows;
}

/** One burst against one server (and, with `kill`, its successor after a SIGKILL at `killAt` s). */
export async function burstRun(
  name: string,
  url: string,
  env: Record<string, string>,
  send: (port: number, i: number) => Promise<number>,
  o: BurstOptions,
  kill: boolean,
): Promise<Record<string, string | number>> {
  const total = o.rate * o.seconds;
  let server: Server = await startServer(env);
  const db = await openDatabase(url, { poolMax: 8 });
  const raw = await rawInsertRate(db);
  let port = server.port;
  let peak = 0;
  let restarted: Promise<void> | null = null;
  o.log(`  ${name}${kill ? ` (SIGKILL at ${o.killAt} s, then a restart)` : ''}: ${total} inputs at ${o.rate}/s for ${o.seconds} s`);
  const burst = await openLoop(o.rate, total, () => port, send, (s) => {
    if (!kill || s !== o.killAt) return;
    port = 0;
    const dying = server;
    restarted = dying.kill().then(async () => {
      peak = Math.max(peak, dying.peakRssMb());
      server = await startServer(env);
      port = server.port;
    });
  });
  await restarted;
  // Done: nothing left in the inbox, and a ticket for every acknowledged input.
  const finished = await waitDone(async () => ((await count(db, "SELECT COUNT(*) AS n FROM inbox WHERE state <> 'done'")) ? 0 : count(db, 'SELECT COUNT(*) AS n FROM tickets')), burst.ok.size, burst.endedAt);
  const titles = ((await db.sequelize.query('SELECT title FROM tickets'))[0] as Array<{ title: string }>).map((r) => Number(/\((\d+)\)/.exec(r.title)?.[1] ?? -1));
  const once = exactlyOnce(titles, burst.ok);
  peak = Math.max(peak, server.peakRssMb());
  await server.stop();
  await db.close();
  return {
    run: kill ? `SIGKILL at ${o.killAt} s` : 'one instance',
    inputs: total,
    ...ackFigures(burst),
    acknowledged: burst.ok.size,
    'done once': once.done,
    duplicates: once.duplicates,
    'acked, not done': once.lost,
    'all done after burst': `${finished.seconds.toFixed(1)} s`,
    'peak RSS': `${peak.toFixed(0)} MB`,
    'raw INSERT/s (8 conns)': Math.round(raw),
  };
}
