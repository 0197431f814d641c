import type { Locale } from '../core/i18n/catalogue';
import type { Level } from '../core/tickets/ticket.entity';

export interface CardOptions {
  locale: Locale;
  /** Base of the web links (PUBLIC_URL), without the trailing slash or with it. */
  publicUrl: string;
  /** IANA zone the person reads dates in; default 'Europe/Paris'. */
  timeZone?: string;
  /** Marks each deadline already passed; default: the current time. */
  now?: Date;
  /** Technician card buttons (and the list's Open buttons); default true. */
  withActions?: boolean;
  /** Teams has no people picker in a card: the Assign choice set lists these. Slack uses multi_users_select. */
  technicians?: Array<{ id: number; name: string }>;
}

/** The employee's report form, prefilled from what they wrote to the bot. */
export interface ReportFormInput {
  locale: Locale;
  categories: Array<{ slug: string; name: string }>;
  prefill: { title?: string; description?: string; category?: string; urgency?: Level };
  /** Slack modal only: handed back untouched on submit (at most 3000 characters). */
  privateMetadata?: string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

export interface ResolvedOptions extends Required<Omit<CardOptions, 'technicians'>> {
  technicians?: CardOptions['technicians'];
}

export function resolveOptions(o: CardOptions): ResolvedOptions {
  return {
    ...o,
    publicUrl: o.publicUrl.replace(/\/+$/, ''),
    timeZone: o.timeZone ?? DEFAULT_TIME_ZONE,
    now: o.now ?? new Date(),
    withActions: o.withActions ?? true,
  };
}
