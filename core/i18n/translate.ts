import { CATALOGUE, LOCALES, Locale, MessageKey } from './catalogue';
import { HelpdeskError } from '../shared/errors';

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

/** The person's own locale wins; then the deployment default; French is the house language. */
export function pickLocale(personLocale: string | null | undefined, defaultLocale: string | undefined): Locale {
  const short = (v: string | null | undefined) => (v ?? '').slice(0, 2).toLowerCase();
  if (isLocale(short(personLocale))) return short(personLocale) as Locale;
  if (isLocale(short(defaultLocale))) return short(defaultLocale) as Locale;
  return 'fr';
}

export function t(locale: Locale, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template = CATALOGUE[locale][key] ?? CATALOGUE.fr[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return '';
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

export function errorMessage(locale: Locale, err: HelpdeskError): string {
  const params: Record<string, unknown> = { ...err.params };
  if (err.code === 'validation_failed' && err.details?.length && params.details === undefined) {
    params.details = err.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  }
  return t(locale, `error.${err.code}` as MessageKey, params);
}
