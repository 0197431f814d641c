import { TEST_DATABASES, type TestDbName } from '../support/db';
import { ARTICLE, ConversationWorld, LOCALES, ROLES, SlackVia, startConversationWorld, TeamsVia } from '../support/conversation-world';
import type { Role } from '../../core/shared/actor';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { actorForPerson } from '../../core/people/actor-for-person';
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

  /**
   * The buttons (CONTRACT.md: Claim on the card; "This solved it", "Still need help" and the report form
   * under the conversation's answers), pressed by each role in each language on every platform that has them.
   */
  type Button = 'claim' | 'solved' | 'need_help' | 'submit';
  const BUTTONS: Array<{ button: Button; platforms: Platform[]; expect: (r: Role) => string }> = [
    { button: 'claim', platforms: ['slack', 'teams'], expect: (r) => (staff(r) ? 'claimed' : 'refused') },
    { button: 'solved', platforms: ['slack', 'teams', 'web'], expect: () => 'solved' },
    { button: 'need_help', platforms: ['slack', 'teams', 'web'], expect: () => 'form' },
    { button: 'submit', platforms: ['slack', 'teams', 'web'], expect: () => 'filed' },
  ];
  const newTicket = async (l: Locale) => {
    const deps = w.s.running.deps;
    const alice = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(w.who('employee', l).id))!, 'api');
    return (await createTicket(deps, alice, { title: `Souris cassée ${Date.now()}` })).ticket.id;
  };
  const statusOf = async (n: number) => (await w.s.t.uow.read.tickets.get(n))!.status;

  async function press(button: Button, p: Platform, role: Role, l: Locale): Promise<string> {
    const who = w.who(role, l);
    const article = await w.articleId(l);
    const problem = l === 'fr' ? 'mon imprimante est bloquée' : 'my printer is stuck';
    const title = `${button} ${role} ${l} ${p} ${Date.now()}`;
    if (button === 'claim') {
      const n = await newTicket(l);
      const said = p === 'slack'
        ? await w.pressSlack(who, { type: 'block_actions', channel: { id: 'CTABLEQ01' }, container: { type: 'message', channel_id: 'CTABLEQ01', message_ts: '1' }, actions: [{ action_id: 'ticket_claim', block_id: `ticket:${n}`, value: String(n), type: 'button', action_ts: '1' }] })
        : await w.pressTeams(who, 'execute', 'ticket_claim', { ticket: n });
      const claimed = (await statusOf(n)) === 'assigned';
      if (claimed && said.includes(role === 'employee' ? '' : `${role} ${l}`)) return 'claimed';
      return !claimed && (said.includes(CATALOGUE[l]['error.forbidden'].slice(0, 20)) || said.includes(CATALOGUE[l]['error.ticket_not_found'].split('{')[0])) ? 'refused' : `unknown ${said.slice(0, 300)}`;
    }
    if (button === 'solved') {
      const said = p === 'slack'
        ? await w.pressSlack(who, { type: 'block_actions', channel: { id: `D${who.slack}` }, container: { type: 'message', channel_id: `D${who.slack}`, message_ts: String(Date.now()) }, actions: [{ action_id: 'kb_solved', value: String(article), type: 'button', action_ts: '1' }] })
        : p === 'teams'
          ? await w.pressTeams(who, 'execute', 'kb_solved', { article })
          : await w.pressWeb(who, 'kb_solved', { article, offer: `o${Date.now()}` });
      return said.includes(stem(l, 'kb.solved_thanks')) || said.includes(stem(l, 'kb.solved_again')) ? 'solved' : `unknown ${said.slice(0, 300)}`;
    }
    if (button === 'need_help') {
      const said = p === 'slack'
        ? await w.pressSlack(who, { type: 'block_actions', channel: { id: `D${who.slack}` }, container: { type: 'message', channel_id: `D${who.slack}`, message_ts: '1' }, actions: [{ action_id: 'report_issue', value: problem, type: 'button', action_ts: '1' }] })
        : p === 'teams'
          ? await w.pressTeams(who, 'execute', 'kb_need_help', { text: problem })
          : await w.pressWeb(who, 'kb_need_help', { text: problem });
      return (said.includes('"callback_id\\":\\"report_modal') || said.includes('report_modal') || said.includes('file_ticket')) && said.includes(problem) ? 'form' : `unknown ${said.slice(0, 300)}`;
    }
    const said = p === 'slack'
      ? await w.pressSlack(who, { type: 'view_submission', view: { id: `V${Date.now()}${role}`, callback_id: 'report_modal', private_metadata: '{}', state: { values: { title: { title: { value: title } } } } } })
      : p === 'teams'
        ? await w.pressTeams(who, 'submit', 'file_ticket', { title })
        : await w.pressWeb(who, 'file_ticket', { title, formId: `form${Date.now()}` });
    const filed = await w.s.t.db.sequelize.query('SELECT requester_id FROM tickets WHERE title = ?', { replacements: [title], plain: true }) as { requester_id: number } | null;
    return filed?.requester_id === who.id && /Ticket #\d+ (créé|filed)/.test(said) ? 'filed' : `unknown ${said.slice(0, 300)}`;
  }

  const presses = BUTTONS.flatMap((b) => ROLES.flatMap((role) => LOCALES.map((l) => [b.button, role, l, b] as const)));
  it.each(presses)('the %s button, pressed by the %s in %s, does the same on every platform that shows it', async (button, role, l, b) => {
    const seen: Record<string, string> = {};
    for (const p of b.platforms) seen[p] = await press(button, p, role, l);
    expect(seen).toEqual(Object.fromEntries(b.platforms.map((p) => [p, b.expect(role)])));
  });
});
