import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { KnownBlock } from './block-kit';
import { escapeMrkdwn, truncate } from './format';
import { helpSections } from './help.content';

/** `/helpdesk` on Slack: the commands, in the person's language. */
export function helpBlocks(locale: Locale): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(t(locale, 'cards.help.title'), 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t(locale, 'cards.help.intro')) } },
  ];
  for (const s of helpSections(locale, 'slack')) {
    const lines = s.entries.map((e) => {
      const syntax = e.syntax.map((x) => `\`${escapeMrkdwn(x)}\``).join(' / ');
      return syntax ? `• ${syntax} — ${escapeMrkdwn(e.text)}` : escapeMrkdwn(e.text);
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(s.title)}*\n${lines.join('\n')}` } });
  }
  return { text: escapeMrkdwn(t(locale, 'cards.help.title')), blocks };
}
