import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../adapters/sequelize/database';
import { Sql } from '../../adapters/sequelize/sql';
import { notify } from '../../core/notifications/notify';
import { TEST_DATABASES, mariadbUrl } from '../support/db';

/**
 * Graceful shutdown (R18, R20): SIGTERM while the outbox worker works through a backlog that would
 * take minutes (a slow Slack peer) ends the process within 10 s with exit code 0; every message is
 * either sent with its attempt recorded or back in the queue (none left claimed), and the next start
 * resumes sending where the last one stopped.
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/helpdesk.js');
const BACKLOG = 3000;
const PEER_DELAY_MS = 300;

function slowSlack() {
  let posted = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        if (req.url?.includes('chat.postMessage')) posted++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, ts: `${Date.now()}.000100`, channel: 'C1' }));
      }, PEER_DELAY_MS);
    });
  });
  return {
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`))),
    posted: () => posted,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function waitFor(what: string, ok: () => boolean, ms = 60000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(TEST_DATABASES)('SIGTERM during an outbox backlog, on %s (R18, R20)', (name) => {
  let dir: string;
  let url: string;
  const peer = slowSlack();
  let apiUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-shutdown-'));
    url = name === 'sqlite' ? `sqlite:${path.join(dir, 'h.sqlite')}` : mariadbUrl();
    apiUrl = await peer.listen();
    const db = await openDatabase(url);
    try {
      await db.migrate();
      const sql = new Sql(db.sequelize, db.dialect, null);
      await sql.run('DELETE FROM outbox_attempts');
      await sql.run('DELETE FROM outbox');
      const intents = Array.from({ length: BACKLOG }, (_, i) => ({ recipient: { kind: 'channel' as const, platform: 'slack' as const, channelId: `C${i}` }, event: 'backlog', ticketId: null, params: { text: `message ${i}` } }));
      await db.uow.transaction((s) => notify(s, new Date(), intents));
    } finally {
      await db.close();
    }
  }, 120000);
  afterAll(async () => {
    await peer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const serve = () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => out };
  };

  async function states() {
    const db = await openDatabase(url);
    try {
      const sql = new Sql(db.sequelize, db.dialect, null);
      const rows = await sql.select<{ state: string; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');
      const [att] = await sql.select<{ n: number }>('SELECT COUNT(*) AS n FROM outbox_attempts WHERE ok = 1');
      const [leased] = await sql.select<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE state <> 'sent' AND lease_owner IS NOT NULL");
      return { ...Object.fromEntries(rows.map((r) => [r.state, Number(r.n)])), okAttempts: Number(att.n), leased: Number(leased.n) } as Record<string, number>;
    } finally {
      await db.close();
    }
  }

  it('exits 0 within 10 s, leaves nothing claimed or half-recorded, and the next start resumes', async () => {
    const first = serve();
    await waitFor('the first messages sent', () => peer.posted() >= 20, 90000);
    const t0 = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(first.out()).toContain('helpdesk stopped');

    const after = await states();
    expect(after.sent).toBeGreaterThanOrEqual(20);
    expect(after.sent).toBeLessThan(BACKLOG); // minutes of work were left, not waited for
    expect(after.okAttempts).toBe(after.sent); // every sent row has its attempt, in the same transaction
    expect(after.sending ?? 0).toBe(0); // claimed rows went back to the queue
    expect(after.leased).toBe(0);
    expect(after.pending).toBe(BACKLOG - after.sent);

    const second = serve();
    const before = peer.posted();
    await waitFor('sending to resume', () => peer.posted() >= before + 20, 90000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const resumed = await states();
    expect(resumed.sent).toBeGreaterThan(after.sent);
    expect(resumed.okAttempts).toBe(resumed.sent);
    expect(resumed.sending ?? 0).toBe(0);
  }, 180000);
});
