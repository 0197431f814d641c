import type { InboundMail } from '../../core/mail/mail.port';
import type { UnitOfWork } from '../../core/shared/store.port';
import type { GraphSession } from '../graph/graph-session';
import type { MailboxState } from '../../core/mail/mail.port';
import { parseMail } from './parse-mail';

const DELTA_KEY = 'mail.graph_delta_link';
type Page = { value?: Array<{ id?: string; '@removed'?: unknown }>; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };

/**
 * The support mailbox through Graph: the inbox's message delta, each new message read whole (MIME,
 * `$value`) and handed to the core; the delta link is stored only after the page's mails were handled,
 * so a crash reads them again (the core counts each once). Polled: Graph has no IDLE.
 */
export class GraphMailIntake {
  readonly state: MailboxState = { kind: 'graph', connected: false, lastReadAt: null, read: 0, errors: 0 };
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> | null = null;

  constructor(private readonly o: { graph: GraphSession; mailbox: string; uow: UnitOfWork; handle(m: InboundMail): Promise<unknown>; log?: (msg: string, err?: unknown) => void; pollMs?: number }) {}

  start(): void {
    const tick = () => {
      this.busy = this.readOnce()
        .catch((err) => {
          this.state.errors++;
          this.o.log?.('reading the support mailbox through Graph failed', err);
        })
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.o.pollMs ?? 30_000);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.busy;
  }

  async readOnce(): Promise<number> {
    const box = encodeURIComponent(this.o.mailbox);
    let link: string | undefined = (await this.o.uow.read.settings.get<string>(DELTA_KEY)) ?? `users/${box}/mailFolders/inbox/messages/delta?$select=id`;
    let n = 0;
    while (link) {
      const page: Page = await this.o.graph.get<Page>(link);
      this.state.connected = true;
      for (const m of page.value ?? []) {
        if (!m.id || m['@removed']) continue;
        const raw = await this.o.graph.get<string>(`users/${box}/messages/${encodeURIComponent(m.id)}/$value`, true);
        await this.o.handle(await parseMail(Buffer.from(raw, 'utf8'), `graph:${this.o.mailbox}`, m.id));
        n++;
        this.state.read++;
      }
      if (page['@odata.deltaLink']) {
        const delta = page['@odata.deltaLink'];
        await this.o.uow.transaction((s) => s.settings.set(DELTA_KEY, delta, new Date()));
      }
      link = page['@odata.nextLink'];
    }
    this.state.lastReadAt = new Date();
    return n;
  }
}
