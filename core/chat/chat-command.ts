import type { Role } from '../shared/actor';
import type { BindingPurpose } from './chat.port';
import { parseNotificationWords, type NotificationWords } from '../notifications/notification-words';
import type { Locale } from '../i18n/catalogue';
import { parseLanguageWord } from './language-word';

/**
 * The chat surface of CONTRACT.md, the same words on Slack and Teams, in French and English.
 * Pure parsing: what a person typed becomes an intent; the bots decide how to carry it out.
 */
export type ChatIntent =
  | { kind: 'help' }
  | { kind: 'my_tickets' }
  | { kind: 'setup'; purpose: BindingPurpose; service?: string }
  | { kind: 'role'; person: string; role: Role; service?: string }
  | { kind: 'report_for'; person: string; text: string }
  | { kind: 'report'; text: string }
  /** `ticket <text>` (Slack `/ticket <text>`): filed at once; no text: the report form. */
  | { kind: 'file'; text: string }
  /** "bonjour", "merci": answered as such, never offered as a ticket. */
  | { kind: 'greeting'; thanks: boolean }
  | { kind: 'kb'; text: string }
  | { kind: 'search'; text: string }
  | { kind: 'report_stats'; period: 'weekly' | 'monthly'; service?: string }
  /** Issue 6's quick looks for staff: SLA state and targets, automation rules (core/sla/sla-quick-look.service.ts). */
  | { kind: 'sla' }
  | { kind: 'rules' }
  /** `directory map <group> technician <service> | manager | admin`, `directory groups` (annuaire): directory groups as roles. */
  | { kind: 'directory_map'; group: string; role: Role; service?: string }
  | { kind: 'directory_groups' }
  /** Issue 5: `notifications` (at each change) / `notifications hourly`; carried out by core/notifications/chat-preferences.service.ts. */
  | ({ kind: 'notifications' } & NotificationWords)
  | { kind: 'usage'; command: 'setup' | 'role' | 'for' | 'kb' | 'search' }
  | { kind: 'language'; locale: Locale | null };

const ROLE_WORDS: Record<string, Role> = {
  technician: 'technician', technicien: 'technician', technicienne: 'technician', tech: 'technician',
  manager: 'manager', responsable: 'manager',
  admin: 'admin', administrateur: 'admin', administratrice: 'admin',
  employee: 'employee', 'employé': 'employee', 'employée': 'employee', employe: 'employee',
};
const PURPOSES: Record<string, BindingPurpose> = {
  technicians: 'technicians', technician: 'technicians', techniciens: 'technicians', technicien: 'technicians',
  managers: 'managers', manager: 'managers', responsables: 'managers',
};

const REPORT_PERIODS: Record<string, 'weekly' | 'monthly'> = {
  weekly: 'weekly', week: 'weekly', hebdo: 'weekly', hebdomadaire: 'weekly', semaine: 'weekly',
  monthly: 'monthly', month: 'monthly', mensuel: 'monthly', mois: 'monthly',
};

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Leading @mention of the bot (Slack `<@U…>`, Teams `<at>…</at>`) is not part of what was said. */
export function stripBotMention(text: string, botUserId?: string): string {
  let s = text.replace(/^\s*<at>[^<]*<\/at>/i, '');
  if (botUserId) s = s.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g'), '');
  return clean(s);
}

const HELP = /^(help|aide|\?|)$/i;
const MY_TICKETS = /^(my tickets|mes tickets|tickets|my ticket|mes demandes)$/i;

/** `/helpdesk ...`, `@Helpdesk ...` or the personal chat: help, setup, role, my tickets. */
export function parseHelpdeskCommand(raw: string): ChatIntent {
  const text = clean(raw);
  if (HELP.test(text)) return { kind: 'help' };
  if (MY_TICKETS.test(text)) return { kind: 'my_tickets' };
  const words = text.split(' ');
  const head = words[0].toLowerCase();
  if (head === 'setup' || head === 'configurer') {
    const purpose = PURPOSES[(words[1] ?? '').toLowerCase()];
    if (!purpose) return { kind: 'usage', command: 'setup' };
    const service = words.slice(2).join(' ');
    if (purpose === 'technicians' && !service) return { kind: 'usage', command: 'setup' };
    return purpose === 'technicians' ? { kind: 'setup', purpose, service } : { kind: 'setup', purpose };
  }
  // `kb <words>`, `search <words>` / `chercher`, `report [weekly|monthly] [service]` / `rapport [hebdo|mensuel]`.
  const rest = words.slice(1).join(' ');
  if (head === 'ticket') return parseTicketWords(rest);
  if (head === 'kb' || head === 'faq') return rest ? { kind: 'kb', text: rest } : { kind: 'usage', command: 'kb' };
  if (head === 'search' || head === 'chercher' || head === 'recherche') return rest ? { kind: 'search', text: rest } : { kind: 'usage', command: 'search' };
  if (head === 'report' || head === 'rapport') {
    const period = REPORT_PERIODS[(words[1] ?? '').toLowerCase()];
    const service = words.slice(period ? 2 : 1).join(' ');
    return { kind: 'report_stats', period: period ?? 'weekly', ...(service ? { service } : {}) };
  }
  const language = parseLanguageWord(text);
  if (language) return { kind: 'language', ...language };
  if (head === 'sla' && !rest) return { kind: 'sla' };
  if (head === 'notifications' || head === 'notification') return { kind: 'notifications', ...parseNotificationWords(rest) };
  if (['rules', 'règles', 'regles', 'automatisation'].includes(head) && !rest) return { kind: 'rules' };
  if (head === 'directory' || head === 'annuaire') {
    const sub = (words[1] ?? '').toLowerCase();
    if (['groups', 'groupes'].includes(sub) && words.length === 2) return { kind: 'directory_groups' };
    const role = ROLE_WORDS[(words[3] ?? '').toLowerCase()];
    if (['map', 'associer', 'lier'].includes(sub) && words[2] && role && role !== 'employee') {
      const service = words.slice(4).join(' ');
      return service ? { kind: 'directory_map', group: words[2], role, service } : { kind: 'directory_map', group: words[2], role };
    }
    return { kind: 'help' };
  }
  if (head === 'role' || head === 'rôle') {
    const person = words[1];
    const role = ROLE_WORDS[(words[2] ?? '').toLowerCase()];
    if (!person || !role) return { kind: 'usage', command: 'role' };
    const service = words.slice(3).join(' ');
    return service && role !== 'employee' ? { kind: 'role', person, role, service } : { kind: 'role', person, role };
  }
  return { kind: 'help' };
}

/** `/ticket [text]` and `/ticket for <@U…|e-mail|phone> text` (`pour` in French). */
export function parseTicketCommand(raw: string): ChatIntent {
  const text = clean(raw);
  const m = /^(for|pour)\s+(\S+)(?:\s+(.*))?$/i.exec(text);
  if (m && looksLikePersonRef(m[2])) {
    const rest = (m[3] ?? '').trim();
    return rest ? { kind: 'report_for', person: m[2], text: rest } : { kind: 'usage', command: 'for' };
  }
  if (/^(for|pour)$/i.test(text)) return { kind: 'usage', command: 'for' };
  return { kind: 'report', text };
}

const GREETING = /^(bonjour|bonsoir|salut|coucou|hello|hi|hey|good (morning|afternoon|evening))( (à tous|tout le monde|everyone|all|helpdesk))?\s*[!.,]*\s*[:)]*$/i;
const THANKS = /^(merci|merci beaucoup|merci bien|thanks|thank you|thanks a lot|thank you very much|thx|super merci|parfait merci|ok merci)\s*[!.,]*\s*[:)]*$/i;

/** `ticket <text>` / `ticket for <caller> <text>` typed in a chat (Slack's `/ticket` says the same). */
export function parseTicketWords(raw: string): ChatIntent {
  const intent = parseTicketCommand(raw);
  return intent.kind === 'report' ? { kind: 'file', text: intent.text } : intent;
}

/** A direct message: "my tickets", "help", or the description of a problem. */
export function parseDirectMessage(raw: string): ChatIntent {
  const text = clean(raw);
  if (MY_TICKETS.test(text)) return { kind: 'my_tickets' };
  if (/^(help|aide|\?)$/i.test(text)) return { kind: 'help' };
  if (GREETING.test(text)) return { kind: 'greeting', thanks: false };
  if (THANKS.test(text)) return { kind: 'greeting', thanks: true };
  const ticket = /^ticket(?:\s+([\s\S]*))?$/i.exec(text);
  if (ticket) return parseTicketWords(ticket[1] ?? '');
  const command = parseHelpdeskCommand(text);
  if (['setup', 'role', 'usage', 'kb', 'notifications', 'search', 'sla', 'rules', 'directory_map', 'directory_groups', 'language'].includes(command.kind)) return command;
  // "report weekly", "rapport mensuel reseau": a command; "report: my printer is broken" stays a problem.
  const words = text.split(' ');
  if (command.kind === 'report_stats' && words.length <= 3 && (words.length === 1 || REPORT_PERIODS[words[1].toLowerCase()])) return command;
  return text ? { kind: 'report', text } : { kind: 'help' };
}

/** A mention, an e-mail or a phone number: "for lunch" stays a description, not a caller. */
export function looksLikePersonRef(s: string): boolean {
  return s.startsWith('@mention:') || /^<@[UW][A-Z0-9]+(\|[^>]*)?>$/.test(s) || /^@?[UW][A-Z0-9]{6,20}$/.test(s) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) || /^\+?[0-9][0-9 .()-]{5,19}$/.test(s);
}

/** `<@U123|alice>` -> `U123`, so core's person references (Slack id, e-mail, phone) understand it. */
export function personRefOf(s: string): string {
  const m = /^<?@?([UW][A-Z0-9]+)(\|[^>]*)?>?$/.exec(s.trim());
  return m ? m[1] : s.trim();
}

/** The first line (up to 120 characters) is the title; the whole text is the description. */
export function titleFrom(text: string, max = 120): string {
  const first = clean(text.split('\n')[0] ?? '');
  return first.length <= max ? first : first.slice(0, max - 1).trimEnd() + '…';
}

/** `[internal]` / `[interne]` at the start keeps a technician's thread message off the requester's DM. */
export function relayRule(text: string): { internal: boolean; body: string } {
  const m = /^\s*\[(internal|interne|note)\]\s*/i.exec(text);
  return m ? { internal: true, body: text.slice(m[0].length).trim() } : { internal: false, body: text.trim() };
}
