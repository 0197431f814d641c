import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import { Json, adaptiveCard, heading, textBlock } from './adaptive';
import { helpSections, type HelpPlatform } from './help.content';

// Teams reads <word> in a card as markup and may drop it; single guillemets read the same to a person.
const placeholder = (syntax: string) => syntax.replace(/<([^<>]*)>/g, '‹$1›');

/** The help for Teams (personal chat, or @mention in a channel) and the web bot, in the person's language. */
export function helpAdaptive(locale: Locale, platform: Exclude<HelpPlatform, 'slack'> = 'teams'): Record<string, unknown> {
  const body: Json[] = [heading(t(locale, 'cards.help.title')), textBlock(t(locale, 'cards.help.intro'))];
  if (platform === 'teams') body.push(textBlock(t(locale, 'cards.help.mention'), { isSubtle: true }));
  for (const s of helpSections(locale, platform)) {
    body.push(textBlock(s.title, { weight: 'Bolder', spacing: 'Medium' }));
    for (const e of s.entries) {
      const syntax = e.syntax.map((x) => `**${placeholder(x)}**`).join(' / ');
      body.push(textBlock(syntax ? `${syntax} — ${e.text}` : e.text, { spacing: 'Small' }));
    }
  }
  return adaptiveCard(body);
}
