import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';

export type HelpPlatform = 'slack' | 'teams';
export interface HelpSection {
  title: string;
  /** Command syntax (the words of CONTRACT.md, the same in both languages) and what it does. */
  entries: Array<{ syntax: string[]; text: string }>;
}

/**
 * The chat words of CONTRACT.md. Slack types them as slash commands; Teams takes the same words in
 * the personal chat, or after an @mention in a channel.
 */
export function helpSections(l: Locale, platform: HelpPlatform): HelpSection[] {
  const slack = platform === 'slack';
  const admin = (words: string) => (slack ? `/helpdesk ${words}` : words);
  const ticket = slack ? '/ticket' : 'ticket';
  const text = t(l, 'cards.help.arg_text');
  const person = `<${t(l, 'cards.help.arg_person')}>`;
  const everyone: HelpSection['entries'] = [
    { syntax: [`${ticket} [${text}]`], text: t(l, 'cards.help.report') },
    { syntax: [t(l, 'cards.help.my_tickets_words')], text: t(l, 'cards.help.my_tickets') },
    { syntax: [slack ? '/tickets' : 'tickets'], text: t(l, 'cards.help.list') },
  ];
  if (slack) everyone.push({ syntax: ['/helpdesk'], text: t(l, 'cards.help.help') });
  // Slack's extra words (issues 3 and 8); Teams lists them when its bot answers them.
  if (slack) {
    everyone.push(
      { syntax: [`/helpdesk kb <${text}>`], text: t(l, 'kb.help') },
      { syntax: [`/helpdesk search <${text}>`], text: t(l, 'chat.help_search') },
      { syntax: ['/helpdesk report [weekly|monthly] [<service>]'], text: t(l, 'chat.help_report') },
    );
  }
  return [
    { title: t(l, 'cards.help.everyone'), entries: everyone },
    {
      title: t(l, 'cards.help.phone'),
      entries: [{ syntax: [`${ticket} for <${t(l, 'cards.help.arg_caller')}> ${text}`], text: t(l, 'cards.help.report_for') }],
    },
    { title: t(l, 'cards.help.technicians'), entries: [{ syntax: [], text: t(l, 'cards.help.cards') }] },
    {
      title: t(l, 'cards.help.admins'),
      entries: [
        { syntax: [admin('setup technicians <service>')], text: t(l, 'cards.help.setup_technicians') },
        { syntax: [admin('setup managers')], text: t(l, 'cards.help.setup_managers') },
        {
          syntax: [admin(`role ${person} technician <service>`), admin(`role ${person} manager|admin|employee`)],
          text: t(l, 'cards.help.role'),
        },
      ],
    },
  ];
}
