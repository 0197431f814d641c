import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { openDatabase } from '../adapters/sequelize/database';
import { startFakeSlack } from '../test/support/fake-slack';
import { ms, summarize } from './stats';
import { recreateDatabase } from './bench-db';

/**
 * Issue 3: the Monday-morning burst. One server instance (a child process, as in production) on
 * MariaDB receives signed `/ticket <text>` slash commands at a fixed rate from many people; we
 * measure the acknowledgement latency Slack would see, check that every request became exactly one
 * ticket, and read the server's peak resident memory (VmHWM).
 */
const SECRET = 'bench-signing-secret-0123456789abcdef';

function startServer(env: Record<string, string>): Promise<{ port: number; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve(__dirname, '../bin/helpdesk.js'), 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({
          port: Number(m[1]),
          pid: child.pid!,
          stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out.slice(-500)}`)));
  });
}

const peakRss = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

export async function slackBurstBench(baseUrl: string, rate: number, seconds: number, log: (s: string) => void) {
  const url = baseUrl.replace(/\/[^/]*$/, '/helpdesk_bench_slack');
  await recreateDatabase(url);
  const fake = await startFakeSlack();
  const USERS = 500;
  for (let i = 0; i < USERS; i++) fake.addUser({ id: `UB${String(i).padStart(7, '0')}`, name: `Employé ${i}`, email: `burst${i}@bench.example`, locale: 'fr-FR' });
  const server = await startServer({ DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'info', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl });
  const db = await openDatabase(url, { poolMax: 1 });
  const total = rate * seconds;
  const acks: number[] = [];
  let failed = 0;
  const send = async (i: number) => {
    const user = `UB${String(i % USERS).padStart(7, '0')}`;
    const body = new URLSearchParams({ team_id: 'TBENCH', channel_id: `D${user}`, user_id: user, command: '/ticket', text: `Mon écran clignote (${i})`, trigger_id: `TRG${i}`, response_url: fake.responseUrl(`R${i}`) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const sig = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) failed++;
    } catch {
      failed++;
    }
    acks.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  log(`  sending ${total} signed /ticket commands at ${rate}/s for ${seconds} s`);
  const start = Date.now();
  const inflight: Promise<void>[] = [];
  // Open loop: requests leave on schedule whether or not earlier ones were answered, as Slack does.
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(send(i));
  }
  await Promise.all(inflight);
  const sendSeconds = (Date.now() - start) / 1000;
  let created = 0;
  const deadline = Date.now() + 180000;
  for (;;) {
    const [rows] = await db.sequelize.query('SELECT COUNT(*) AS n FROM tickets');
    created = Number((rows as Array<{ n: number }>)[0].n);
    if (created >= total || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const drained = (Date.now() - start) / 1000;
  const peak = peakRss(server.pid);
  await server.stop();
  await db.close();
  await fake.close();
  const a = summarize(acks);
  return {
    requests: total, 'sent in': `${sendSeconds.toFixed(1)} s`, 'ack p50': ms(a.p50), 'ack p99': ms(a.p99), 'non-200': failed,
    'tickets created': created, 'all filed after': `${drained.toFixed(1)} s`, 'server peak RSS': `${peak.toFixed(0)} MB`,
  };
}
