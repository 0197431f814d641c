import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { openDatabase } from '../../adapters/sequelize/database';
import { Sql } from '../../adapters/sequelize/sql';

function runReader(env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/run-ts.js', 'test/mail/imap-reader.child.ts'], { cwd: path.join(__dirname, '../..'), env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('mail intake after a SIGKILL mid-read (R1, R18)', () => {
  let dovecot: Dovecot;
  let dir: string;
  beforeAll(async () => {
    dovecot = await startDovecot();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-mail-crash-'));
  });
  afterAll(async () => {
    await dovecot.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('R1: a reader killed between filing the ticket and recording the mail leaves it unread; the next read files nothing new and answers once', async () => {
    const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    await imap.append('INBOX', ['From: Marie <marie@corp.example>', 'To: helpdesk@corp.example', 'Subject: Écran noir', 'Message-ID: <crash1@corp.example>', 'Content-Type: text/plain; charset=utf-8', '', 'Mon écran reste noir.', ''].join('\r\n'));
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'h.sqlite')}`, MAIL_INBOUND_URL: dovecot.url, MAIL_FROM: 'Helpdesk <helpdesk@corp.example>', SMTP_URL: 'smtp://127.0.0.1:9', LOG_LEVEL: 'silent' };
    const killed = await runReader({ ...env, CRASH_AT_RECORD: '1' });
    expect(killed.signal).toBe('SIGKILL');
    const db = await openDatabase(env.DATABASE_URL);
    const sql = new Sql(db.sequelize, db.dialect, null);
    const n = async (q: string) => Number((await sql.one<{ n: unknown }>(q))!.n);
    try {
      expect(await n('SELECT COUNT(*) AS n FROM tickets')).toBe(1);
      expect(await n('SELECT COUNT(*) AS n FROM inbound_mails')).toBe(0);
      expect(((await imap.status('INBOX', { unseen: true })) || { unseen: -1 }).unseen).toBe(1);
      const again = await runReader(env);
      expect(again).toMatchObject({ code: 0 });
      expect(again.out).toContain('read 1');
      expect(await n('SELECT COUNT(*) AS n FROM tickets')).toBe(1);
      expect(await n('SELECT COUNT(*) AS n FROM inbound_mails')).toBe(1);
      expect(await n("SELECT COUNT(*) AS n FROM outbox WHERE event = 'mail_ack'")).toBe(1);
      expect(((await imap.status('INBOX', { unseen: true })) || { unseen: -1 }).unseen).toBe(0);
      // A third read finds nothing unread and changes nothing.
      expect((await runReader(env)).out).toContain('read 0');
      expect(await n("SELECT COUNT(*) AS n FROM outbox WHERE event = 'mail_ack'")).toBe(1);
    } finally {
      await db.close();
      await imap.logout();
    }
  }, 180_000);
});
