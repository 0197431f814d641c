/**
 * Issue 5 "done when": the server process is killed (SIGKILL) in the middle of sending 200 mails;
 * after a restart every mail arrives, and a mail arrives twice only if the peer had acknowledged it
 * when the process died (at most the sends in flight: the worker's concurrency, 4).
 */
import { spawn, ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { TEST_DATABASES, mariadbUrl, openTestDb } from '../support/db';
import { startSmtpPeer, SmtpPeer } from '../support/smtp-peer';
import { waitUntil } from './world';

jest.setTimeout(120000);
const ROOT = path.resolve(__dirname, '../..');

function child(env: Record<string, string>): Promise<ChildProcess> {
  const p = spawn(process.execPath, ['bin/run-ts.js', 'test/notifications/crash-child.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    p.stderr!.on('data', (d) => (err += d));
    p.stdout!.on('data', (d) => String(d).includes('ready') && resolve(p));
    p.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
  });
}

// Child processes take seconds to start: one database per run (MariaDB when CI gives one, else SQLite).
const DATABASES = TEST_DATABASES.includes('mariadb') ? (['mariadb'] as const) : (['sqlite'] as const);

describe.each(DATABASES)('SIGKILL in the middle of a run on %s', (db) => {
  let smtp: SmtpPeer;
  let url: string;
  let dir: string | null = null;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    if (db === 'mariadb') {
      const t = await openTestDb('mariadb'); // a clean, migrated database
      await t.close();
      url = mariadbUrl();
    } else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-crash-'));
      url = `sqlite:${path.join(dir, 'crash.sqlite')}`;
    }
  });
  afterAll(async () => {
    await smtp.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and repeats nothing the peer had not acknowledged', async () => {
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, MAIL_FROM: 'helpdesk@example.com', HELPDESK_LOCALE: 'en' };
    smtp.delayMs = 5;
    const first = await child({ ...env, ENQUEUE: '200' });
    await waitUntil('60 mails', () => smtp.mails.length >= 60, 60000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = smtp.mails.length;
    expect(atKill).toBeLessThan(200);
    smtp.delayMs = 0;
    const second = await child(env);
    try {
      await waitUntil('every mail after the restart', () => new Set(smtp.mails.map((m) => m.text)).size >= 200, 60000);
      await new Promise((r) => setTimeout(r, 2000)); // a stale lease would resend now
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const texts = smtp.mails.map((m) => /crash-msg-\d+/.exec(m.text ?? '')![0]);
    const unique = new Set(texts);
    expect(unique.size).toBe(200);
    const duplicates = texts.length - unique.size;
    expect(duplicates).toBeLessThanOrEqual(4);
    process.stdout.write(`[crash ${db}] killed after ${atKill} acknowledged mails; ${duplicates} sent twice after the restart\n`);
  });
});
