import { TEST_DATABASES, type TestDbName } from '../support/db';
import { ARTICLE, ConversationWorld, LOCALES, ROLES, SlackVia, startConversationWorld, TeamsVia } from '../support/conversation-world';
import type { Role } from '../../core/shared/actor';
import { CATALOGUE, type Locale, type MessageKey } from '../../core/i18n/catalogue';

/**
 * One conversation on every platform (R1 R2 R8 R15 R16): every chat word of CONTRACT.md, said by an
 * employee, a technician, a manager and an admin, in French and in English, through Slack's signed
 * `/slack/events`, Teams' `/api/messages` and the web bot's `/bot/message`, gets the same kind of
 * answer with the same rule behind it. Each platform's output is read the way its peer receives it
 * and classified into the kind a person would recognise (help card, articles, form, ticket #N...).
 */
type Platform = 'slack' | 'teams' | 'web';
type Kind = 'help' | 'articles' | 'form' | 'tickets' | 'filed' | 'filed_for' | 'report' | 'refused' | 'sla' | 'rules' | 'notifications' | 'bound' | 'role_set' | 'greeting' | 'thanks' | 'not_here' | 'no_articles';
const staff = (r: Role) => r !== 'employee';
const seesAll = (r: Role) => r === 'manager' || r === 'admin';

interface Word {
  name: string;
  text: Record<Locale, string>;
  /** How Slack takes it: a DM, `/helpdesk` in the queue channel, or `/ticket`. */
  slack: SlackVia;
  /** Teams: the personal chat, or an @mention in a channel. */
  teams: TeamsVia;
  expect: (role: Role, p: Platform) => Kind;
}

const WORDS: Word[] = [
  { name: 'a problem an article answers', text: { fr: 'mon imprimante est bloquée', en: 'my printer is stuck' }, slack: 'dm', teams: 'personal', expect: () => 'articles' },
  { name: 'a problem no article answers', text: { fr: 'le logiciel de paie plante au lancement', en: 'the payroll software crashes at launch' }, slack: 'dm', teams: 'personal', expect: () => 'form' },
  { name: 'my tickets', text: { fr: 'mes tickets', en: 'my tickets' }, slack: 'dm', teams: 'personal', expect: () => 'tickets' },
  { name: 'tickets', text: { fr: 'tickets', en: 'tickets' }, slack: 'dm', teams: 'personal', expect: () => 'tickets' },
  { name: 'help', text: { fr: 'aide', en: 'help' }, slack: 'dm', teams: 'personal', expect: () => 'help' },
  { name: 'kb', text: { fr: 'kb imprimante', en: 'kb printer' }, slack: 'dm', teams: 'personal', expect: () => 'articles' },
  { name: 'search', text: { fr: 'chercher noir', en: 'search black' }, slack: 'helpdesk', teams: 'personal', expect: () => 'tickets' },
  { name: 'report', text: { fr: 'rapport hebdo', en: 'report weekly' }, slack: 'helpdesk', teams: 'personal', expect: (r) => (seesAll(r) ? 'report' : 'refused') },
  { name: 'sla', text: { fr: 'sla', en: 'sla' }, slack: 'helpdesk', teams: 'personal', expect: (r) => (staff(r) ? 'sla' : 'refused') },
  { name: 'rules', text: { fr: 'règles', en: 'rules' }, slack: 'dm', teams: 'personal', expect: (r) => (staff(r) ? 'rules' : 'refused') },
  { name: 'notifications', text: { fr: 'notifications', en: 'notifications' }, slack: 'dm', teams: 'personal', expect: () => 'notifications' },
  { name: 'setup managers', text: { fr: 'setup managers', en: 'setup managers' }, slack: 'helpdesk', teams: 'channel', expect: (r, p) => (p === 'web' ? 'not_here' : r === 'admin' ? 'bound' : 'refused') },
  { name: 'role', text: { fr: 'role appelant@exemple.fr employee', en: 'role appelant@exemple.fr employee' }, slack: 'helpdesk', teams: 'personal', expect: (r) => (r === 'admin' ? 'role_set' : 'refused') },
  { name: 'ticket <text>', text: { fr: 'ticket écran noir au démarrage', en: 'ticket black screen at start' }, slack: 'ticket', teams: 'personal', expect: () => 'filed' },
  { name: 'ticket', text: { fr: 'ticket', en: 'ticket' }, slack: 'ticket', teams: 'personal', expect: () => 'form' },
  { name: 'ticket for a caller', text: { fr: 'ticket for appelant@exemple.fr badge refusé', en: 'ticket for appelant@exemple.fr badge refused' }, slack: 'ticket', teams: 'personal', expect: (r) => (staff(r) ? 'filed_for' : 'refused') },
  { name: 'greeting', text: { fr: 'bonjour', en: 'hello' }, slack: 'dm', teams: 'personal', expect: () => 'greeting' },
  { name: 'thanks', text: { fr: 'merci', en: 'thanks' }, slack: 'dm', teams: 'personal', expect: () => 'thanks' },
];

/** The words of the catalogue up to its first parameter: what any rendering of that sentence contains. */
const stem = (l: Locale, key: MessageKey) => (CATALOGUE[l] as Record<string, string>)[key].split('{')[0].replace(/[`*]/g, '').slice(0, 40).trim();

/** What kind of answer this is, read from everything the platform's peer received (in the person's language). */
function classify(all: string, l: Locale): Kind | 'unknown' {
  const has = (s: string) => all.includes(s);
  if (has(ARTICLE[l])) return 'articles';
  if (has('"file_ticket"') || has('report_issue') || has('"callback_id":"report_modal"')) return 'form';
  if (has(CATALOGUE[l]['cards.help.title'])) return 'help';
  if (has('chart.png')) return 'report';
  if (/(créé pour|filed for) /.test(all)) return 'filed_for';
  if (/Ticket #\d+ (créé|filed)/.test(all)) return 'filed';
  if (has(stem(l, 'talk.not_here'))) return 'not_here';
  for (const k of ['chat.report_refused', 'error.forbidden', 'chat.for_refused', 'talk.for_refused', 'sla.look.forbidden'] as MessageKey[]) if (has(stem(l, k))) return 'refused';
  if (has(stem(l, 'chat.bound_managers'))) return 'bound';
  if (/(a maintenant le rôle employee|now has the employee role)/.test(all)) return 'role_set';
  if (has(stem(l, 'talk.greeting'))) return 'greeting';
  if (has(stem(l, 'talk.thanks'))) return 'thanks';
  if (/Écran noir|Black screen/.test(all)) return 'tickets';
  if (has(stem(l, 'sla.look.title'))) return 'sla';
  if (has(stem(l, 'sla.look.rules_title'))) return 'rules';
  if (has(stem(l, 'notify.prefs_shown')) || has(stem(l, 'notify.prefs_saved'))) return 'notifications';
  return 'unknown';
}

describe.each(TEST_DATABASES)('one conversation, every word x role x platform x language (R1 R2 R8 R15 R16) on %s', (db: TestDbName) => {
  let w: ConversationWorld;
  beforeAll(async () => {
    w = await startConversationWorld(db);
  });
  afterAll(() => w?.close());

  const cases = WORDS.flatMap((w) => ROLES.flatMap((role) => LOCALES.map((l) => [w.name, role, l, w] as const)));
  it.each(cases)('%s, said by the %s in %s, is the same kind of answer on Slack, Teams and the web', async (_name, role, l, word) => {
    const who = w.who(role, l);
    const text = word.text[l];
    const seen = {
      slack: classify(await w.onSlack(who, word.slack, text), l),
      teams: classify(await w.onTeams(who, word.teams, text), l),
      web: classify(await w.onWeb(who, text), l),
    };
    expect(seen).toEqual({ slack: word.expect(role, 'slack'), teams: word.expect(role, 'teams'), web: word.expect(role, 'web') });
  });
});
