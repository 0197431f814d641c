import type { ImapFlow } from 'imapflow';
import type { InboundMail } from '../../core/mail/mail.port';
import { parseMail } from './parse-mail';

import type { MailboxState } from '../../core/mail/mail.port';

export interface ImapIntakeOptions {
  url: string;
  handle(mail: InboundMail): Promise<unknown>;
  /** The polling fallback when IDLE brings nothing (a server without IDLE, a lost notification). */
  pollMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Tests: called after a mail was handled and before it is marked read. */
  afterHandle?: (uid: number) => void;
}

/**
 * The support mailbox over IMAP (imapflow): unread mails are read one by one, handed to the core and
 * only then marked \Seen, so a crash mid-read leaves the mail unread and the next read finds it (the
 * core counts it once). New mail wakes the reader through IDLE; a timer polls as a fallback.
 */
export class ImapIntake {
  readonly state: MailboxState = { kind: 'imap', connected: false, lastReadAt: null, read: 0, errors: 0 };
  private client: ImapFlow | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly target: { host: string; port: number; secure: boolean; user: string; pass: string; path: string; label: string };

  constructor(private readonly o: ImapIntakeOptions) {
    const u = new URL(o.url);
    const secure = u.protocol === 'imaps:';
    const path = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
    this.target = { host: u.hostname, port: Number(u.port || (secure ? 993 : 143)), secure, user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password), path, label: `${u.protocol}//${decodeURIComponent(u.username)}@${u.host}/${path}` };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.client?.logout().catch(() => undefined);
    await this.loop;
  }

  /** One pass over the unread mails (also what tests and the CLI call). */
  async readOnce(): Promise<number> {
    const client = await this.connect();
    const lock = await client.getMailboxLock(this.target.path);
    let n = 0;
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      const validity = String(client.mailbox && typeof client.mailbox === 'object' ? client.mailbox.uidValidity : 0);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true, uid: true }, { uid: true });
        if (!msg || !msg.source) continue;
        await this.o.handle(await parseMail(msg.source, this.target.label, `${validity}:${uid}`));
        this.o.afterHandle?.(uid);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        n++;
        this.state.read++;
      }
      this.state.lastReadAt = new Date();
    } finally {
      lock.release();
    }
    return n;
  }

  private async connect(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ImapFlow: Imap } = require('imapflow') as typeof import('imapflow');
    const t = this.target;
    // IDLE soon after each pass: this connection only waits for new mail (imapflow's default waits 15 s).
    const client = new Imap({ host: t.host, port: t.port, secure: t.secure, auth: { user: t.user, pass: t.pass }, logger: false, autoIdleDelay: 500 });
    client.on('exists', () => this.wake?.());
    client.on('close', () => {
      this.state.connected = false;
    });
    client.on('error', (err: unknown) => this.o.log?.('imap connection error', err));
    await client.connect();
    await client.mailboxOpen(t.path);
    this.client = client;
    this.state.connected = true;
    return client;
  }

  private async run(): Promise<void> {
    let backoff = 1000;
    while (this.running) {
      try {
        await this.readOnce();
        backoff = 1000;
      } catch (err) {
        this.state.errors++;
        this.o.log?.('reading the support mailbox failed', err);
        this.client = null;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 60_000);
        continue;
      }
      // imapflow idles on its own between commands; an EXISTS wakes us, else the poll does.
      await this.sleep(this.o.pollMs ?? 30_000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
