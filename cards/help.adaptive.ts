import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import { Json, adaptiveCard, heading, textBlock } from './adaptive';
import { helpSections } from './help.content';

// Teams reads <word> in a card as markup and may drop it; single guillemets read the same to a person.
const placeholder = (syntax: string) => syntax.replace(/<([^<>]*)>/g, '‹$1›');

/** The help for Teams (personal chat, or @mention in a channel), in the person's language. */
export function helpAdaptive(locale: Locale): Record<string, unknown> {
  const body: Json[] = [heading(t(locale, 'cards.help.title')), textBlock(t(locale, 'cards.help.intro')), textBlock(t(locale, 'cards.help.mention'), { isSubtle: true })];
  for (const s of helpSections(locale, 'teams')) {
    body.push(textBlock(s.title, { weight: 'Bolder', spacing: 'Medium' }));
    for (const e of s.entries) {
      const syntax = e.syntax.map((x) => `**${placeholder(x)}**`).join(' / ');
      body.push(textBlock(syntax ? `${syntax} — ${e.text}` : e.text, { spacing: 'Small' }));
    }
  }
  return adaptiveCard(body);
}
