import type { InboundMail } from './mail.port';

/**
 * Pure reading of an inbound mail: is it a machine's (never filed, never answered: no mail loops),
 * which ticket does it answer, what did the person write above the quoted history.
 */
export function isAutomatic(m: InboundMail, ownAddresses: string[]): boolean {
  const h = m.headers;
  const auto = h['auto-submitted'];
  if (auto && auto.trim().toLowerCase() !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test((h.precedence ?? '').trim())) return true;
  if (h['x-autoreply'] || h['x-autorespond'] || h['x-auto-response'] || h['list-id'] || h['list-unsubscribe']) return true;
  if (/multipart\/report/i.test(h['content-type'] ?? '')) return true;
  if ((h['return-path'] ?? '').trim() === '<>') return true;
  const from = m.from?.address.toLowerCase() ?? '';
  if (!from || /^(mailer-daemon|postmaster|no-?reply|bounces?)([+@.-]|$)/.test(from)) return true;
  return ownAddresses.some((own) => sameMailbox(own, from));
}

/** helpdesk+42@x.fr is helpdesk@x.fr with a tag. */
function sameMailbox(own: string, address: string): boolean {
  const [ol, od] = own.toLowerCase().split('@');
  const [al, ad] = address.toLowerCase().split('@');
  return od === ad && (al === ol || al.startsWith(`${ol}+`));
}

/** Our notification mails carry `<ticket-42.…@domain>` as Message-ID (adapters/notify/email.sender.ts). */
export const ticketMessageId = (n: number, unique: string, domain: string) => `<ticket-${n}.${unique}@${domain}>`;

/** The ticket a mail answers: helpdesk+N@, then In-Reply-To/References of one of our mails, then [#N] in the subject. */
export function ticketNumberOf(m: InboundMail, ownAddresses: string[]): number | null {
  for (const to of m.to) {
    for (const own of ownAddresses) {
      const [ol, od] = own.toLowerCase().split('@');
      const x = new RegExp(`^${ol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\+(\\d{1,9})@(.+)$`).exec(to.toLowerCase());
      if (x && x[2] === od) return Number(x[1]);
    }
  }
  for (const id of [m.inReplyTo, ...m.references]) {
    const x = id ? /<?ticket-(\d{1,9})\.[^@\s>]+@[^>\s]+>?/.exec(id) : null;
    if (x) return Number(x[1]);
  }
  const s = /\[(?:ticket\s*)?#(\d{1,9})\]/i.exec(m.subject);
  return s ? Number(s[1]) : null;
}

const QUOTE_HEADERS = [
  /^On .{0,200}wrote:\s*$/i,
  /^Le .{0,200}a écrit\s?:\s*$/i,
  /^-{2,}\s*(Original Message|Message d['’]origine)\s*-{2,}/i,
  /^(From|De)\s?: .+/,
  /^_{10,}$/,
];

/** The person's own words: the quoted history and the signature are cut. */
export function ownWords(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === '-- ' || line === '--') break;
    if (QUOTE_HEADERS.some((r) => r.test(line.trim()))) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

const FR = /\b(bonjour|merci|mon|ma|mes|ne|pas|est|le|la|les|une?|je|vous|marche|panne|imprimante|écran)\b/gi;
const EN = /\b(hello|hi|thanks|thank|my|is|not|the|a|an|i|you|please|broken|printer|screen|works?)\b/gi;

/** The language to answer a stranger in: the mail's Content-Language, else the words it uses. */
export function languageOf(m: InboundMail): 'fr' | 'en' | null {
  const declared = (m.language ?? '').slice(0, 2).toLowerCase();
  if (declared === 'fr' || declared === 'en') return declared;
  const text = `${m.subject}\n${m.text}`.slice(0, 5000);
  const fr = text.match(FR)?.length ?? 0;
  const en = text.match(EN)?.length ?? 0;
  return fr === en ? null : fr > en ? 'fr' : 'en';
}
