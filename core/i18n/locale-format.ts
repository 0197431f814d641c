import type { Locale } from './catalogue';

/**
 * Typography and numbers as each language writes them: French puts a (narrow) space before a colon
 * or a percent sign and a comma in decimals ("83,3 %"), English none ("83.3%"); dates are words,
 * never ISO ("16 nov. 2026", "16 Nov 2026").
 */
const INTL: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export const colon = (l: Locale): string => (l === 'fr' ? ' : ' : ': ');

export const labelled = (l: Locale, label: string, value: string | number): string => `${label}${colon(l)}${value}`;

export function formatNumber(l: Locale, n: number, maxDecimals = 1): string {
  return new Intl.NumberFormat(INTL[l], { maximumFractionDigits: maxDecimals }).format(n);
}

export function formatPercent(l: Locale, p: number | null): string {
  if (p === null) return '—';
  return l === 'fr' ? `${formatNumber(l, p)}\u00a0%` : `${formatNumber(l, p)}%`;
}

/** A calendar day (YYYY-MM-DD, as reports store them) in words, read in UTC so the day never shifts. */
export function formatDay(l: Locale, isoDay: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(isoDay) ? new Date(`${isoDay}T12:00:00Z`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) return isoDay;
  return new Intl.DateTimeFormat(INTL[l], { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
