import { t, pickLocale } from '../i18n/translate';
import { CATALOGUE } from '../i18n/catalogue';
import type { Locale, MessageKey } from '../i18n/catalogue';
import type { OutboxEntry } from './outbox.port';
import { fitSms } from './sms-text';

/** A notification ready for one channel, in its reader's language (R4, issue 5 "content"). */
export interface RenderedMessage {
  locale: Locale;
  subject: string;
  /** Plain text: the e-mail's text part (with the link and the reply hint). */
  text: string;
  /** The chat line (Slack, Teams): the same sentence the bots always used; the link goes beside it. */
  chat: string;
  link: string | null;
  html: string;
  /** Within two SMS segments. */
  sms: string;
  /** The ticket a reply should land on (e-mail Reply-To ticket+N@...). */
  ticketNumber: number | null;
}

export interface RenderOptions {
  defaultLocale: Locale;
  publicUrl: string;
  timeZone: string;
}

/** Status news reads in chat exactly as the bots' own status line: number, title, status, technician, deadline. */
const STATUS_LINE = new Set(['status_changed', 'assigned']);
const KNOWN = new Set(['ticket_created', 'status_changed', 'assigned', 'comment_added', 'oncall_page']);

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function when(iso: unknown, locale: Locale, timeZone: string): string {
  if (typeof iso !== 'string' || Number.isNaN(new Date(iso).getTime())) return '—';
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The words a message is built from, translated: status and priority names, technicians, deadline. */
function words(p: Record<string, unknown>, locale: Locale, o: RenderOptions): Record<string, unknown> {
  const techs = Array.isArray(p.tech) ? (p.tech as unknown[]).map(String) : [];
  return {
    ...p,
    status: typeof p.status === 'string' ? t(locale, `status.${p.status}` as MessageKey) : '',
    priority: p.priority !== undefined ? t(locale, `priority.${String(p.priority)}` as MessageKey) : '',
    tech: techs.length ? techs.join(', ') : t(locale, 'notify.nobody'),
    due: when(p.due, locale, o.timeZone),
  };
}

const catalogued = (locale: Locale, key: string) => (CATALOGUE[locale] as Record<string, string | undefined>)[key] !== undefined;

function headline(event: string, p: Record<string, unknown>, locale: Locale, o: RenderOptions): string {
  if (KNOWN.has(event)) return t(locale, `notify.${event}` as MessageKey, { ...p, event });
  // Events of other parts (SLA, automation) with a sentence in the catalogue: in the reader's language,
  // the SLA clock named and the deadline written as a date.
  if (catalogued(locale, `notify.${event}`)) {
    const clock = typeof p.clock === 'string' && catalogued(locale, `sla.clock.${p.clock}`) ? t(locale, `sla.clock.${p.clock}` as MessageKey) : p.clock;
    return t(locale, `notify.${event}` as MessageKey, { ...p, event, clock, dueAt: when(p.dueAt, locale, o.timeZone) });
  }
  // Otherwise the finished sentence the event brought (reports), else a generic line.
  if (typeof p.text === 'string') return p.text;
  return t(locale, 'notify.other', { ...p, event });
}

function parts(e: Pick<OutboxEntry, 'event' | 'params' | 'ticketId'>, locale: Locale, o: RenderOptions) {
  const p = words(e.params, locale, o);
  const number = typeof e.params.number === 'number' ? e.params.number : e.ticketId;
  const head = headline(e.event, p, locale, o);
  const details = number !== null && e.params.status !== undefined ? t(locale, 'notify.details', p) : null;
  const url = number !== null ? `${o.publicUrl.replace(/\/$/, '')}/tickets/${number}` : null;
  return { p, number, head, details, url };
}

/** In a chat, a reply reads as one: who said what, on which ticket; status news as the bots' status line. */
function chatLine(event: string, p: Record<string, unknown>, locale: Locale, head: string, details: string | null): string {
  if (STATUS_LINE.has(event)) return t(locale, 'chat.requester_status', p);
  if (event === 'comment_added') return t(locale, 'chat.relay_ticket', { number: p.number, name: p.author, text: p.body });
  return [head, details].filter(Boolean).join('\n');
}

export function renderMessage(e: OutboxEntry, o: RenderOptions): RenderedMessage {
  const locale = pickLocale(e.locale, o.defaultLocale);
  if (e.event === 'digest') return renderDigest(e, locale, o);
  const { p, number, head, details, url } = parts(e, locale, o);
  const link = url ? t(locale, 'notify.link', { url }) : null;
  const lines = [head, details, link].filter((x): x is string => !!x);
  const subject = number !== null ? t(locale, 'notify.subject', { number, title: p.title ?? '' }) : head.split('\n')[0];
  const hint = number !== null ? t(locale, 'notify.reply_hint') : null;
  const html =
    `<!doctype html><html lang="${locale}"><body>` +
    lines.map((l) => (l === link && url ? `<p><a href="${esc(url)}">${esc(l)}</a></p>` : `<p>${esc(l).replace(/\n/g, '<br>')}</p>`)).join('') +
    (hint ? `<p style="color:#666">${esc(hint)}</p>` : '') +
    '</body></html>';
  return {
    locale,
    subject,
    text: [...lines, ...(hint ? ['', hint] : [])].join('\n'),
    chat: chatLine(e.event, p, locale, head, details),
    link: url,
    html,
    sms: fitSms([head, url].filter(Boolean).join(' ')),
    ticketNumber: number,
  };
}

/** One message listing every change of the hour (R4 "hourly digest"). */
function renderDigest(e: OutboxEntry, locale: Locale, o: RenderOptions): RenderedMessage {
  const items = (Array.isArray(e.params.items) ? e.params.items : []) as Array<Pick<OutboxEntry, 'event' | 'params' | 'ticketId'>>;
  const lines = items.map((it) => {
    const { head, details, url } = parts(it, locale, o);
    // One line per change: a comment's own line breaks would split the list.
    return { text: [head, details].filter(Boolean).join(' ').replace(/\s*\n\s*/g, ' '), url };
  });
  const p = { count: items.length, from: when(e.params.from, locale, o.timeZone), to: when(e.params.to, locale, o.timeZone) };
  const intro = t(locale, 'notify.digest_intro', p);
  const text = [intro, ...lines.map((l) => `- ${l.text}${l.url ? ` ${l.url}` : ''}`)].join('\n');
  const html =
    `<!doctype html><html lang="${locale}"><body><p>${esc(intro)}</p><ul>` +
    lines.map((l) => `<li>${esc(l.text)}${l.url ? ` <a href="${esc(l.url)}">${esc(l.url)}</a>` : ''}</li>`).join('') +
    '</ul></body></html>';
  return { locale, subject: t(locale, 'notify.digest_subject', p), text, chat: text, link: null, html, sms: fitSms(text), ticketNumber: null };
}
