import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import type { Locale } from '../i18n/catalogue';
import { t } from '../i18n/translate';
import { setMyLanguage } from '../people/set-language.service';

const NAMES: Record<string, Locale> = {
  fr: 'fr', francais: 'fr', français: 'fr', french: 'fr',
  en: 'en', anglais: 'en', english: 'en',
};

/**
 * `langue en`, `language fr`, `langue français`: the one chat word for a person's language, parsed
 * here so every bot (Slack, Teams, web) answers it alike. Undefined: not this word; a word with an
 * unknown language keeps `locale` null and gets the usage.
 */
export function parseLanguageWord(text: string): { locale: Locale | null } | undefined {
  const m = /^\s*(?:langue|language|lang)(?:\s+(\S+))?\s*$/i.exec(text);
  if (!m) return undefined;
  return { locale: m[1] ? (NAMES[m[1].toLowerCase()] ?? null) : null };
}

/** Changes the person's language and answers in the new one; without a language, says which is set and how. */
export async function answerLanguageWord(deps: CoreDeps, actor: Actor, locale: Locale | null): Promise<string> {
  if (!locale || actor.personId === null) return t(actor.locale, 'dayone.language.usage', { current: t(actor.locale, `dayone.language.${actor.locale}`) });
  const set = await setMyLanguage(deps, actor, locale);
  return t(set, 'dayone.language.done', { language: t(set, `dayone.language.${set}`) });
}
