import type { Settings } from '../config/settings';
import type { CoreDeps } from '../../core/shared/deps';
import { handleInboundMail, type MailIntakeOptions } from '../../core/mail/handle-inbound-mail.service';
import { ImapIntake } from './imap-intake';
import type { MailboxState } from '../../core/mail/mail.port';
import { GraphMailIntake } from './graph-mail-intake';
import { GraphSession, GRAPH_DEFAULT_URL } from '../graph/graph-session';

export interface MailIntake {
  state: MailboxState;
  start(): void;
  stop(): Promise<void>;
  readOnce(): Promise<number>;
}

const address = (s: string | undefined) => /([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)/.exec(s ?? '')?.[1]?.toLowerCase() ?? null;

/** Our own addresses (never filed) and the domains whose unknown senders become employees. */
export function intakeOptions(settings: Settings): MailIntakeOptions {
  const inbound = settings.MAIL_INBOUND_URL ?? '';
  const mailbox = inbound.startsWith('graph:') ? inbound.slice(6) : (() => {
    try {
      return decodeURIComponent(new URL(inbound).username);
    } catch {
      return '';
    }
  })();
  const own = [address(settings.MAIL_FROM), address(mailbox)].filter((a): a is string => !!a);
  return { ownAddresses: own, allowedDomains: [...new Set(own.map((a) => a.split('@')[1]))] };
}

/** The support mailbox MAIL_INBOUND_URL names, or null when mail intake is off. */
export function createMailIntake(settings: Settings, deps: CoreDeps, log: (msg: string, err?: unknown) => void, o: { pollMs?: number } = {}): MailIntake | null {
  const url = settings.MAIL_INBOUND_URL;
  if (!url) return null;
  const options = intakeOptions(settings);
  const handle = (m: Parameters<typeof handleInboundMail>[1]) => handleInboundMail(deps, m, options);
  if (url.startsWith('graph:')) {
    const graph = new GraphSession({ tenantId: settings.GRAPH_TENANT_ID!, clientId: settings.GRAPH_CLIENT_ID!, clientSecret: settings.GRAPH_CLIENT_SECRET!, apiUrl: settings.GRAPH_API_URL ?? GRAPH_DEFAULT_URL });
    return new GraphMailIntake({ graph, mailbox: url.slice(6), uow: deps.uow, handle, log, pollMs: o.pollMs });
  }
  return new ImapIntake({ url, handle, log, pollMs: o.pollMs });
}
