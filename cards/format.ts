import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { LinkView } from '../core/tickets/link.entity';
import type { Level, Priority, Status, TicketType } from '../core/tickets/ticket.entity';
import type { PersonRefView } from '../core/tickets/ticket.view';

/** Slack mrkdwn: only these three are control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Cuts to at most `max` UTF-16 units (what platforms count, never fewer than characters), never in the
 * middle of a surrogate pair, and ends with an ellipsis when something was cut.
 */
export function truncate(s: string, max: number, ellipsis = '…'): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - ellipsis.length);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return s.slice(0, end) + ellipsis;
}

/** Escapes, then truncates without leaving half an entity such as `&am`. */
export function mrkdwnSafe(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max - 1, '').replace(/&[a-z]{0,3}$/, '') + '…';
}

/** Slack's `<url|text>`: the separator and brackets may not appear in either part. */
export const slackLink = (url: string, text: string) =>
  `<${url.replace(/[|<>]/g, encodeURIComponent)}|${escapeMrkdwn(text).replace(/\|/g, '¦')}>`;

// en-GB keeps a 24-hour clock and day-month order, as the company's staff read dates.
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDate(d: Date | string, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, f);
  }
  // Views that went through JSON (outbox, REST) carry ISO strings instead of Dates.
  return f.format(typeof d === 'string' ? new Date(d) : d);
}

export const toDate = (d: Date | string | null | undefined): Date | null => (d == null ? null : typeof d === 'string' ? new Date(d) : d);

export const ticketUrl = (publicUrl: string, n: number) => `${publicUrl.replace(/\/+$/, '')}/tickets/${n}`;

export const peopleNames = (people: PersonRefView[], locale: Locale): string =>
  people.length ? people.map((p) => p.name).join(', ') : t(locale, 'nobody');

export const statusLabel = (l: Locale, s: Status) => t(l, `status.${s}`);
export const priorityLabel = (l: Locale, p: Priority) => t(l, `priority.${p}`);
export const typeLabel = (l: Locale, k: TicketType) => t(l, `type.${k}`);
export const levelLabel = (l: Locale, k: Level) => t(l, `level.${k}`);
export const linkLabel = (l: Locale, k: LinkView) => t(l, `cards.link.${k}`);
