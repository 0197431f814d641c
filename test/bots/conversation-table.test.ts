import { TEST_DATABASES, type TestDbName } from '../support/db';
import { startTestServer, TestServer } from '../support/server';
import { startFakeSlack, FakeSlack } from '../support/fake-slack';
import { startFakeBotConnector, FakeBotConnector, FakeTeamsUser } from '../support/fake-bot-connector';
import { nextId, sign, SIGNING_SECRET, TEAM as SLACK_TEAM } from '../support/slack';
import { activityBase, BOT, TEAM as TEAMS_TEAM } from '../support/teams';
import { WebClient } from '../web/web-client';
import { createPerson } from '../../core/people/manage-people.service';
import { createArticle } from '../../core/kb/create-article.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { systemActor, type Role } from '../../core/shared/actor';
import { t as tr } from '../../core/i18n/translate';
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
const ROLES: Role[] = ['employee', 'technician', 'manager', 'admin'];
const LOCALES: Locale[] = ['fr', 'en'];
const staff = (r: Role) => r !== 'employee';
const seesAll = (r: Role) => r === 'manager' || r === 'admin';

interface Word {
  name: string;
  text: Record<Locale, string>;
  /** How Slack takes it: a DM, `/helpdesk` in the queue channel, or `/ticket`. */
  slack: 'dm' | 'helpdesk' | 'ticket';
  /** Teams: the personal chat, or an @mention in a channel. */
  teams: 'personal' | 'channel';
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

const T = (l: Locale, key: MessageKey, params?: Record<string, unknown>) => tr(l, key, params);
/** The words of the catalogue up to its first parameter: what any rendering of that sentence contains. */
const stem = (l: Locale, key: MessageKey) => (CATALOGUE[l] as Record<string, string>)[key].split('{')[0].replace(/[`*]/g, '').slice(0, 40).trim();
const ARTICLE = { fr: 'Imprimante bloquée : relancer le spouleur', en: 'Printer stuck: restart the spooler' };

/** What kind of answer this is, read from everything the platform's peer received (in the person's language). */
function classify(all: string, l: Locale): Kind | 'unknown' {
  const has = (s: string) => all.includes(s);
  if (has(ARTICLE[l])) return 'articles';
  if (has('"file_ticket"') || has('report_issue') || has('"callback_id":"report_modal"')) return 'form';
  if (has(T(l, 'cards.help.title'))) return 'help';
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

const SLACK_QUEUE = 'CTABLEQ01';
const TEAMS_CHANNEL = '19:table-queue@thread.tacv2';
const idOf = (role: Role, l: Locale, n: number) => `${role.slice(0, 3)}${l}${n}`;

describe.each(TEST_DATABASES)('one conversation, every word x role x platform x language (R1 R2 R8 R15 R16) on %s', (db: TestDbName) => {
  let s: TestServer;
  let slack: FakeSlack;
  let teams: FakeBotConnector;
  const people = new Map<string, { id: number; slack: string; teams: FakeTeamsUser; web: WebClient; csrf: string }>();

  beforeAll(async () => {
    slack = await startFakeSlack();
    teams = await startFakeBotConnector();
    s = await startTestServer(db, { env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PUBLIC_URL: 'https://helpdesk.example.test' } });
    const deps = s.running.deps;
    const op = { ...systemActor('en'), channel: 'cli' as const, name: 'operator' };
    const support = await s.call('POST', '/api/v1/services', await s.token('admin'), { name: 'Support' });
    expect(support.status).toBe(201);
    await createPerson(deps, op, { displayName: 'Paul Appelant', email: 'appelant@exemple.fr', role: 'employee' });
    for (const [i, role] of ROLES.entries()) {
      for (const l of LOCALES) {
        const key = idOf(role, l, i);
        const slackId = `U${key.toUpperCase()}X`;
        const teamsUser: FakeTeamsUser = { id: `29:${key}`, aadObjectId: `bbbbbbbb-0000-4000-8000-0000000000${i}${l === 'fr' ? 1 : 2}`, name: `${role} ${l}`, email: `${key}@exemple.fr`, locale: l === 'fr' ? 'fr-FR' : 'en-GB' };
        teams.addUser(teamsUser);
        const p = await createPerson(deps, op, { displayName: `${role} ${l}`, email: teamsUser.email, role, locale: l, slackUserId: slackId, aadObjectId: teamsUser.aadObjectId, ...(role === 'technician' ? { services: ['support'] } : {}) });
        const actor = await actorForPerson(deps, deps.uow.read, p, 'api');
        await createTicket(deps, actor, { title: l === 'fr' ? `Écran noir ${role}` : `Black screen ${role}` });
        const web = new WebClient(s.url);
        await web.signIn(p.id);
        people.set(`${role}:${l}`, { id: p.id, slack: slackId, teams: teamsUser, web, csrf: await web.csrf('/bot') });
      }
    }
    const author = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(people.get('admin:en')!.id))!, 'api');
    await createArticle(deps, author, { title: ARTICLE.fr, body: 'Redémarrez le spouleur d’impression, puis relancez l’impression.', language: 'fr', publish: true });
    await createArticle(deps, author, { title: ARTICLE.en, body: 'Restart the print spooler, then print again.', language: 'en', publish: true });
    await s.running.notifications.worker.idle();
  });
  afterAll(async () => {
    await s.close();
    await slack.close();
    await teams.close();
  });

  const post = async (body: string, contentType: string) => fetch(`${s.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(body) }, body });

  /** Slack: a DM event, `/helpdesk` in a channel or `/ticket`; the answer is what reached the response URL or the DM. */
  async function onSlack(userId: string, w: Word, text: string): Promise<string> {
    slack.reset();
    if (w.slack === 'dm') {
      const body = JSON.stringify({ team_id: SLACK_TEAM, api_app_id: 'A0TEST', type: 'event_callback', event_id: nextId('Ev'), event: { type: 'message', channel_type: 'im', channel: `D${userId}`, user: userId, text, ts: `${Date.now() / 1000}` } });
      expect((await post(body, 'application/json')).status).toBe(200);
      await slack.waitFor('chat.postMessage', (b) => b.channel === `D${userId}`);
    } else {
      const command = w.slack === 'ticket' ? '/ticket' : '/helpdesk';
      const words = w.slack === 'ticket' ? text.replace(/^ticket\s*/, '') : text;
      const form = new URLSearchParams({ team_id: SLACK_TEAM, channel_id: SLACK_QUEUE, user_id: userId, command, text: words, response_url: slack.responseUrl(nextId('R')), trigger_id: nextId('TRG') });
      expect((await post(form.toString(), 'application/x-www-form-urlencoded')).status).toBe(200);
      const until = Date.now() + 10_000;
      while (!slack.calls.some((c) => c.method === 'response_url' || c.method === 'views.open') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    }
    await s.running.notifications.worker.idle();
    return JSON.stringify(slack.calls.filter((c) => c.method === 'response_url' || c.method === 'views.open' || (c.method === 'chat.postMessage' && c.body.channel === `D${userId}`)).map((c) => c.body));
  }

  /** Teams: the personal chat or an @mention in a channel; the answer is every activity the bot posted for it. */
  async function onTeams(u: FakeTeamsUser, w: Word, text: string): Promise<string> {
    teams.reset();
    const personal = w.teams === 'personal';
    const id = nextId('act');
    const conversation = personal ? { id: `a:dm-${u.id.slice(3)}`, conversationType: 'personal' } : { id: `${TEAMS_CHANNEL};messageid=${id}`, conversationType: 'channel', isGroup: true };
    const channelData = personal ? {} : { team: { id: TEAMS_TEAM, name: 'IT' }, channel: { id: TEAMS_CHANNEL, name: 'queue' } };
    const activity = {
      ...activityBase(teams, u, conversation, channelData, id),
      type: 'message',
      text: personal ? text : `<at>${BOT.name}</at> ${text}`,
      ...(personal ? {} : { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] }),
    };
    const res = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBeLessThan(300);
    await teams.waitFor((c) => c.method === 'POST');
    await new Promise((r) => setTimeout(r, 50));
    await s.running.notifications.worker.idle();
    return JSON.stringify(teams.sent().filter((c) => c.method === 'POST').map((c) => c.body));
  }

  async function onWeb(who: { web: WebClient; csrf: string }, text: string): Promise<string> {
    const r = await who.web.req('POST', '/bot/message', { text }, { json: true, headers: { 'x-csrf-token': who.csrf } });
    expect(r.status).toBe(200);
    await s.running.notifications.worker.idle();
    return JSON.stringify(r.json().replies);
  }

  const cases = WORDS.flatMap((w) => ROLES.flatMap((role) => LOCALES.map((l) => [w.name, role, l, w] as const)));
  it.each(cases)('%s, said by the %s in %s, is the same kind of answer on Slack, Teams and the web', async (_name, role, l, w) => {
    const who = people.get(`${role}:${l}`)!;
    const text = w.text[l];
    const seen = {
      slack: classify(await onSlack(who.slack, w, text), l),
      teams: classify(await onTeams(who.teams, w, text), l),
      web: classify(await onWeb(who, text), l),
    };
    expect(seen).toEqual({ slack: w.expect(role, 'slack'), teams: w.expect(role, 'teams'), web: w.expect(role, 'web') });
  });
});
