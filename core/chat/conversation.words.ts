import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { seesEverything } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import { t } from '../i18n/translate';
import type { Locale, MessageKey } from '../i18n/catalogue';
import { requireAdmin } from '../people/require-role';
import { setRole } from '../people/manage-services.service';
import { createTicket } from '../tickets/create-ticket.service';
import { listTickets } from '../tickets/list-tickets.service';
import { articlesForProblem, DEFLECTION_MAX } from '../kb/articles-for-problem.service';
import { searchArticles } from '../kb/search-articles.service';
import { publishReport } from '../reports/publish-report.service';
import { reportLinks } from '../reports/report-poster.port';
import { bindChannel } from './chat-channels.service';
import { personRefOf, titleFrom, type ChatIntent } from './chat-command';
import { textAnswer } from './text-answers.service';
import type { ChatReply, TalkCapabilities, TalkPlatform } from './chat-reply';

/** One conversation turn: who speaks, where, and what the deployment links to. */
export interface Talk {
  deps: CoreDeps;
  actor: Actor;
  caps: TalkCapabilities;
  publicUrl: string;
  timeZone: string;
}

export type HelpSectionId = 'everyone' | 'phone' | 'technicians' | 'admins';
export interface HelpLine {
  section: HelpSectionId;
  /** The words as typed on that platform (syntax, the same in both languages). */
  syntax: (p: TalkPlatform, l: Locale) => string[];
  text: MessageKey;
}

type Kind = ChatIntent['kind'];
type IntentOf<K extends Kind> = Extract<ChatIntent, { kind: K }>;

/** A chat word: where it works, how the help card lists it, and its answer. */
export interface ChatWord<K extends Kind> {
  platforms: readonly TalkPlatform[];
  help?: HelpLine[];
  answer(c: Talk, intent: IntentOf<K>): Promise<ChatReply[]>;
}

const ALL = ['slack', 'teams', 'web'] as const;
const CHANNELS = ['slack', 'teams'] as const;
const say = (text: string, extra: Partial<Extract<ChatReply, { kind: 'say' }>> = {}): ChatReply[] => [{ kind: 'say', text, ...extra }];
const tr = (c: Talk, key: MessageKey, params?: Record<string, unknown>) => t(c.actor.locale, key, params);
const short = (text: string) => (text.length > 200 ? text.slice(0, 199) + '…' : text);
/** Slack's staff words are `/helpdesk` sub-commands; Teams and the web take the bare words. */
const helpdesk = (p: TalkPlatform, words: string) => (p === 'slack' ? `/helpdesk ${words}` : words);
const ticketWord = (p: TalkPlatform) => (p === 'slack' ? '/ticket' : 'ticket');
const arg = (l: Locale, key: MessageKey) => `<${t(l, key)}>`;

/** The same usage sentence, in the words of the platform it is read on. */
const USAGE: Record<IntentOf<'usage'>['command'], Record<TalkPlatform, MessageKey>> = {
  setup: { slack: 'chat.usage_setup', teams: 'teams.usage_setup', web: 'talk.not_here' },
  role: { slack: 'chat.usage_role', teams: 'teams.usage_role', web: 'teams.usage_role' },
  for: { slack: 'chat.usage_for', teams: 'talk.usage_for', web: 'talk.usage_for' },
  kb: { slack: 'kb.usage', teams: 'teams.usage_kb', web: 'teams.usage_kb' },
  search: { slack: 'chat.usage_search', teams: 'teams.usage_search', web: 'teams.usage_search' },
};

/** Words answered by one sentence of core's text answers (sla, rules, notifications, language, directory). */
const textWord =
  (extra: Partial<Extract<ChatReply, { kind: 'say' }>> = {}) =>
  async (c: Talk, intent: ChatIntent): Promise<ChatReply[]> => {
    const text = await textAnswer(c.deps, c.actor, intent);
    // No sentence for it (a word the text answers do not know): the help card, never an empty message.
    return text === null ? [{ kind: 'help', platform: c.caps.platform }] : say(text, { plain: true, ...extra });
  };

async function fileNow(c: Talk, text: string): Promise<ChatReply[]> {
  if (!text) return [{ kind: 'form', prefill: {} }];
  const r = await createTicket(c.deps, c.actor, { title: titleFrom(text), description: text, ...(c.caps.inputKey ? { idempotencyKey: c.caps.inputKey } : {}) });
  const text2 = tr(c, r.created ? 'chat.ticket_created' : 'chat.ticket_seen', { number: r.ticket.id, title: r.ticket.title });
  return [{ kind: 'filed', number: r.ticket.id, title: r.ticket.title, created: r.created, text: text2, forCaller: false }];
}

async function fileForCaller(c: Talk, intent: IntentOf<'report_for'>): Promise<ChatReply[]> {
  const refused = () => say(tr(c, c.caps.platform === 'slack' ? 'chat.for_refused' : 'talk.for_refused'), { tone: 'refused' });
  // Nobody is looked up (nor met through the platform) for someone who may not file for others.
  if (c.actor.role === 'employee') return refused();
  const ref = c.caps.meet ? await c.caps.meet(intent.person) : personRefOf(intent.person);
  let r;
  try {
    r = await createTicket(c.deps, c.actor, { title: titleFrom(intent.text), description: intent.text, requester: ref, ...(c.caps.inputKey ? { idempotencyKey: c.caps.inputKey } : {}) });
  } catch (e) {
    if (e instanceof HelpdeskError && e.code === 'forbidden') return refused();
    throw e;
  }
  // As typed (Slack draws `<@U…>` as the name); a Teams mention's raw id is no name: the one we know is.
  const who = intent.person.startsWith('@mention:') ? ((await c.deps.uow.read.people.get(r.ticket.requesterId))?.displayName ?? intent.person) : intent.person;
  const text = tr(c, 'chat.filed_for', { number: r.ticket.id, who, title: r.ticket.title });
  return [{ kind: 'filed', number: r.ticket.id, title: r.ticket.title, created: r.created, text, forCaller: true }];
}

/**
 * The chat words of CONTRACT.md, one entry per word (R1, R2, R8, R15, R16). The record is keyed by
 * intent kind, so a new intent in chat-command.ts does not compile until it has its entry here.
 */
export const CHAT_WORDS: { [K in Kind]: ChatWord<K> } = {
  report: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (_p, l) => [arg(l, 'talk.help_describe')], text: 'talk.help_describe_text' }],
    // Deflection: answers first, with the same rule on every platform (articlesForProblem).
    async answer(c, { text }) {
      if (!text) return [{ kind: 'help', platform: c.caps.platform }];
      const articles = await articlesForProblem(c.deps, c.actor, text);
      const prefill = { title: titleFrom(text), description: text };
      if (articles.length) return [{ kind: 'articles', articles, problem: text, intro: tr(c, 'kb.deflect_intro', { text: short(text) }), deflection: true }];
      return [{ kind: 'form', prefill, intro: tr(c, 'chat.report_prompt', { text: short(text) }) }];
    },
  },
  file: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p, l) => [`${ticketWord(p)} [${t(l, 'cards.help.arg_text')}]`], text: 'cards.help.report' }],
    answer: (c, { text }) => fileNow(c, text),
  },
  report_for: {
    platforms: ALL,
    help: [{ section: 'phone', syntax: (p, l) => [`${ticketWord(p)} for ${arg(l, 'cards.help.arg_caller')} ${t(l, 'cards.help.arg_text')}`], text: 'cards.help.report_for' }],
    answer: fileForCaller,
  },
  my_tickets: {
    platforms: ALL,
    help: [
      { section: 'everyone', syntax: (_p, l) => [t(l, 'cards.help.my_tickets_words')], text: 'cards.help.my_tickets' },
      { section: 'everyone', syntax: (p) => [p === 'slack' ? '/tickets' : 'tickets'], text: 'cards.help.list' },
    ],
    async answer(c) {
      const page = await listTickets(c.deps, c.actor, { requester: 'me', sort: 'newest', limit: 20 });
      return page.items.length ? [{ kind: 'tickets', items: page.items }] : say(tr(c, 'chat.no_tickets'), { private: true });
    },
  },
  kb: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p, l) => [helpdesk(p, `kb ${arg(l, 'cards.help.arg_text')}`)], text: 'kb.help' }],
    // Asked for: what this person may read (staff also see technician-only articles; core filters).
    async answer(c, { text }) {
      // The reader's language first, then any: asked for by name, an article in the other language still helps.
      const q = text.slice(0, 500);
      let { items } = await searchArticles(c.deps, c.actor, { q, lang: c.actor.locale, limit: DEFLECTION_MAX });
      if (!items.length) items = (await searchArticles(c.deps, c.actor, { q, limit: DEFLECTION_MAX })).items;
      if (!items.length) return say(tr(c, 'kb.no_results', { text: short(text) }), { plain: true, private: true });
      return [{ kind: 'articles', articles: items, problem: text, intro: tr(c, 'kb.search_intro', { text: short(text) }), deflection: false }];
    },
  },
  search: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p, l) => [helpdesk(p, `search ${arg(l, 'cards.help.arg_text')}`)], text: 'chat.help_search' }],
    async answer(c, { text }) {
      const q = text.trim().slice(0, 200);
      const page = await listTickets(c.deps, c.actor, { q, sort: 'newest', limit: 20 });
      return page.items.length ? [{ kind: 'tickets', items: page.items, query: q }] : say(tr(c, 'chat.search_none', { text: q }), { plain: true, private: true });
    },
  },
  report_stats: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p) => [helpdesk(p, 'report [weekly|monthly] [<service>]')], text: 'chat.help_report' }],
    // One kind of report everywhere: kept like a scheduled one, shown as its card with the chart (R8).
    async answer(c, intent) {
      if (!seesEverything(c.actor)) return say(tr(c, 'chat.report_refused'), { tone: 'refused' });
      const { stored } = await publishReport(c.deps, c.actor, { period: intent.period, service: intent.service, lang: c.actor.locale }, c.timeZone);
      return [{ kind: 'report', report: stored.report, links: reportLinks(c.publicUrl, stored) }];
    },
  },
  sla: {
    platforms: ALL,
    help: [{ section: 'technicians', syntax: (p) => [helpdesk(p, 'sla')], text: 'talk.help_sla' }],
    answer: textWord(),
  },
  rules: {
    platforms: ALL,
    help: [{ section: 'technicians', syntax: (p) => [helpdesk(p, 'rules')], text: 'talk.help_rules' }],
    answer: textWord(),
  },
  language: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: () => ['langue fr', 'language en'], text: 'talk.help_language' }],
    answer: textWord({ private: true }),
  },
  directory_map: {
    platforms: ALL,
    help: [{ section: 'admins', syntax: (p) => [helpdesk(p, 'directory map <group> technician <service>'), helpdesk(p, 'directory map <group> manager|admin')], text: 'talk.help_directory_map' }],
    answer: textWord(),
  },
  directory_groups: {
    platforms: ALL,
    help: [{ section: 'admins', syntax: (p) => [helpdesk(p, 'directory groups')], text: 'talk.help_directory_groups' }],
    answer: textWord(),
  },
  notifications: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p) => [helpdesk(p, 'notifications [hourly] [email|sms|chat] [quiet]')], text: 'talk.help_notifications' }],
    answer: textWord(),
  },
  setup: {
    platforms: CHANNELS,
    help: [
      { section: 'admins', syntax: (p) => [helpdesk(p, 'setup technicians <service>')], text: 'cards.help.setup_technicians' },
      { section: 'admins', syntax: (p) => [helpdesk(p, 'setup managers')], text: 'cards.help.setup_managers' },
    ],
    async answer(c, intent) {
      if (!c.caps.channel) return say(tr(c, c.caps.platform === 'teams' ? 'teams.setup_in_channel' : 'talk.setup_here'));
      const input = { platform: c.caps.platform as 'slack' | 'teams', ...c.caps.channel, purpose: intent.purpose, service: intent.service };
      const { service } = await bindChannel(c.deps, c.actor, input);
      return say(service ? tr(c, 'chat.bound_technicians', { service: service.name }) : tr(c, 'chat.bound_managers'), { tone: 'good', public: true });
    },
  },
  role: {
    platforms: ALL,
    help: [
      {
        section: 'admins',
        syntax: (p, l) => [helpdesk(p, `role ${arg(l, 'cards.help.arg_person')} technician <service>`), helpdesk(p, `role ${arg(l, 'cards.help.arg_person')} manager|admin|employee`)],
        text: 'cards.help.role',
      },
    ],
    async answer(c, intent) {
      // Nobody is met through the platform for someone who may not give roles.
      requireAdmin(c.actor);
      const person = c.caps.meet ? await c.caps.meet(intent.person) : personRefOf(intent.person);
      const p = await setRole(c.deps, c.actor, { person, role: intent.role, service: intent.service });
      const service = intent.service ? tr(c, 'chat.in_service', { service: intent.service }) : '';
      return say(tr(c, 'chat.role_set', { who: p.displayName, role: intent.role, service }));
    },
  },
  help: {
    platforms: ALL,
    help: [{ section: 'everyone', syntax: (p) => [p === 'slack' ? '/helpdesk' : 'help'], text: 'cards.help.help' }],
    answer: async (c) => [{ kind: 'help', platform: c.caps.platform }],
  },
  greeting: {
    platforms: ALL,
    async answer(c, { thanks }) {
      return say(thanks ? tr(c, 'talk.thanks') : tr(c, 'talk.greeting', { name: c.actor.name.split(' ')[0] }), { plain: true });
    },
  },
  usage: {
    platforms: ALL,
    answer: async (c, { command }) => say(tr(c, USAGE[command][c.caps.platform])),
  },
};

/** The help lines that work on a platform, in the table's order, grouped by section. */
export function helpLines(platform: TalkPlatform): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const word of Object.values(CHAT_WORDS) as Array<ChatWord<Kind>>) {
    if (word.platforms.includes(platform)) lines.push(...(word.help ?? []));
  }
  return lines;
}
