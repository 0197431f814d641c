import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import { helpLines, type HelpSectionId } from '../core/chat/conversation.words';
import type { TalkPlatform } from '../core/chat/chat-reply';

export type HelpPlatform = TalkPlatform;
export interface HelpSection {
  title: string;
  /** Command syntax (the words of CONTRACT.md, the same in both languages) and what it does. */
  entries: Array<{ syntax: string[]; text: string }>;
}

const SECTIONS: Array<{ id: HelpSectionId; title: 'cards.help.everyone' | 'cards.help.phone' | 'cards.help.technicians' | 'cards.help.admins' }> = [
  { id: 'everyone', title: 'cards.help.everyone' },
  { id: 'phone', title: 'cards.help.phone' },
  { id: 'technicians', title: 'cards.help.technicians' },
  { id: 'admins', title: 'cards.help.admins' },
];

/**
 * The chat words that work on this platform, from the conversation's word table (core/chat), so a
 * help card never lists a word its platform does not answer. Slack types staff words as slash commands.
 */
export function helpSections(l: Locale, platform: HelpPlatform): HelpSection[] {
  const lines = helpLines(platform);
  return SECTIONS.map((s) => {
    const entries = lines.filter((x) => x.section === s.id).map((x) => ({ syntax: x.syntax(platform, l), text: t(l, x.text) }));
    // Card buttons are no words: technicians read how the cards work (not in a browser tab, which has no channel).
    if (s.id === 'technicians' && platform !== 'web') entries.push({ syntax: [], text: t(l, 'cards.help.cards') });
    return { title: t(l, s.title), entries };
  }).filter((s) => s.entries.length);
}
