import type { TestDbName } from './db';
import { startTestServer, TestServer } from './server';
import { startFakeSlack, FakeSlack } from './fake-slack';
import { startFakeBotConnector, FakeBotConnector, FakeTeamsUser } from './fake-bot-connector';
import { nextId, sign, SIGNING_SECRET, TEAM as SLACK_TEAM } from './slack';
import { activityBase, BOT, TEAM as TEAMS_TEAM } from './teams';
import { WebClient } from '../web/web-client';
import { createPerson } from '../../core/people/manage-people.service';
import { createArticle } from '../../core/kb/create-article.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { systemActor, type Role } from '../../core/shared/actor';
import type { Locale } from '../../core/i18n/catalogue';

/**
 * One server with Slack (fake Web API), Teams (fake Bot Connector) and the web bot, and the same eight
 * people on all three: an employee, a technician (of "support"), a manager and an admin, each in French
 * and in English, each with one ticket of their own; one published article per language.
 */
export const ROLES: Role[] = ['employee', 'technician', 'manager', 'admin'];
export const LOCALES: Locale[] = ['fr', 'en'];
export const ARTICLE = { fr: 'Imprimante bloquée : relancer le spouleur', en: 'Printer stuck: restart the spooler' };
export const SLACK_QUEUE = 'CTABLEQ01';
export const TEAMS_CHANNEL = '19:table-queue@thread.tacv2';
const idOf = (role: Role, l: Locale, n: number) => `${role.slice(0, 3)}${l}${n}`;

export interface Speaker {
  id: number;
  slack: string;
  teams: FakeTeamsUser;
  web: WebClient;
  csrf: string;
}
export type SlackVia = 'dm' | 'helpdesk' | 'ticket';
export type TeamsVia = 'personal' | 'channel';

export interface ConversationWorld {
  s: TestServer;
  slack: FakeSlack;
  teams: FakeBotConnector;
  who(role: Role, l: Locale): Speaker;
  /** Everything Slack received as the answer (response URL, modal, DM), as JSON text. */
  onSlack(who: Speaker, via: SlackVia, text: string): Promise<string>;
  onTeams(who: Speaker, via: TeamsVia, text: string): Promise<string>;
  onWeb(who: Speaker, text: string): Promise<string>;
  /** A Slack interactivity payload (block_actions, view_submission) from this person; what Slack then received. */
  pressSlack(who: Speaker, payload: Record<string, unknown>): Promise<string>;
  /** A Teams Action.Execute invoke, or a message carrying an Action.Submit value; the answer and what was posted. */
  pressTeams(who: Speaker, kind: 'execute' | 'submit', verb: string, data: Record<string, unknown>): Promise<string>;
  pressWeb(who: Speaker, verb: string, data: Record<string, unknown>): Promise<string>;
  articleId(l: Locale): Promise<number>;
  close(): Promise<void>;
}

export async function startConversationWorld(db: TestDbName): Promise<ConversationWorld> {
  const slack = await startFakeSlack();
  const teams = await startFakeBotConnector();
  const s = await startTestServer(db, { env: { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PUBLIC_URL: 'https://helpdesk.example.test' } });
  const deps = s.running.deps;
  const op = { ...systemActor('en'), channel: 'cli' as const, name: 'operator' };
  const support = await s.call('POST', '/api/v1/services', await s.token('admin'), { name: 'Support' });
  if (support.status !== 201) throw new Error(`service: ${support.status}`);
  await createPerson(deps, op, { displayName: 'Paul Appelant', email: 'appelant@exemple.fr', role: 'employee' });
  const people = new Map<string, Speaker>();
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
  await s.running.inbox.idle();
  await s.running.notifications.worker.idle();

  const post = async (body: string, contentType: string) => fetch(`${s.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(body) }, body });
  return {
    s,
    slack,
    teams,
    who: (role, l) => people.get(`${role}:${l}`)!,
    async onSlack(who, via, text) {
      const userId = who.slack;
      slack.reset();
      if (via === 'dm') {
        const body = JSON.stringify({ team_id: SLACK_TEAM, api_app_id: 'A0TEST', type: 'event_callback', event_id: nextId('Ev'), event: { type: 'message', channel_type: 'im', channel: `D${userId}`, user: userId, text, ts: `${Date.now() / 1000}` } });
        if ((await post(body, 'application/json')).status !== 200) throw new Error('slack refused the event');
        await slack.waitFor('chat.postMessage', (b) => b.channel === `D${userId}`);
      } else {
        const command = via === 'ticket' ? '/ticket' : '/helpdesk';
        const words = via === 'ticket' ? text.replace(/^ticket\s*/, '') : text;
        const form = new URLSearchParams({ team_id: SLACK_TEAM, channel_id: SLACK_QUEUE, user_id: userId, command, text: words, response_url: slack.responseUrl(nextId('R')), trigger_id: nextId('TRG') });
        if ((await post(form.toString(), 'application/x-www-form-urlencoded')).status !== 200) throw new Error('slack refused the command');
        const until = Date.now() + 10_000;
        while (!slack.calls.some((c) => c.method === 'response_url' || c.method === 'views.open') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      }
      await s.running.inbox.idle();
      await s.running.notifications.worker.idle();
      return JSON.stringify(slack.calls.filter((c) => c.method === 'response_url' || c.method === 'views.open' || (c.method === 'chat.postMessage' && c.body.channel === `D${userId}`)).map((c) => c.body));
    },
    async onTeams(who, via, text) {
      const u = who.teams;
      teams.reset();
      const personal = via === 'personal';
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
      if (res.status >= 300) throw new Error(`teams answered ${res.status}`);
      await teams.waitFor((c) => c.method === 'POST');
      // The activity is worked on from the inbox after the 200: an answer of two messages (a sentence,
      // then the form) is whole only once that work is done.
      await s.running.inbox.idle();
      await new Promise((r) => setTimeout(r, 50));
      await s.running.notifications.worker.idle();
      return JSON.stringify(teams.sent().filter((c) => c.method === 'POST').map((c) => c.body));
    },
    async onWeb(who, text) {
      const r = await who.web.req('POST', '/bot/message', { text }, { json: true, headers: { 'x-csrf-token': who.csrf } });
      if (r.status !== 200) throw new Error(`web bot answered ${r.status}`);
      await s.running.inbox.idle();
      await s.running.notifications.worker.idle();
      return JSON.stringify(r.json().replies);
    },
    async pressSlack(who, payload) {
      slack.reset();
      const form = new URLSearchParams({ payload: JSON.stringify({ team: { id: SLACK_TEAM }, api_app_id: 'A0TEST', user: { id: who.slack }, trigger_id: nextId('TRG'), response_url: slack.responseUrl(nextId('R')), ...payload }) });
      if ((await post(form.toString(), 'application/x-www-form-urlencoded')).status !== 200) throw new Error('slack refused the payload');
      const until = Date.now() + 10_000;
      const answered = () => slack.calls.some((c) => ['response_url', 'views.open', 'chat.postEphemeral'].includes(c.method) || (c.method === 'chat.postMessage' && c.body.channel === `D${who.slack}`));
      while (!answered() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await s.running.inbox.idle();
      await s.running.notifications.worker.idle();
      return JSON.stringify(slack.calls.filter((c) => c.method !== 'users.info' && c.method !== 'auth.test').map((c) => ({ method: c.method, ...c.body })));
    },
    async pressTeams(who, kind, verb, data) {
      const u = who.teams;
      teams.reset();
      const conversation = { id: `a:dm-${u.id.slice(3)}`, conversationType: 'personal' };
      const base = activityBase(teams, u, conversation, {}, nextId('inv'));
      const activity =
        kind === 'execute'
          ? { ...base, type: 'invoke', name: 'adaptiveCard/action', replyToId: nextId('card'), value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' } }
          : { ...base, type: 'message', text: '', replyToId: nextId('form'), value: { verb, ...data } };
      const res = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const answer = await res.text();
      await new Promise((r) => setTimeout(r, 50));
      await s.running.inbox.idle();
      await s.running.notifications.worker.idle();
      return JSON.stringify({ answer, posted: teams.sent().map((c) => c.body) });
    },
    async pressWeb(who, verb, data) {
      const r = await who.web.req('POST', '/bot/action', { verb, data }, { json: true, headers: { 'x-csrf-token': who.csrf } });
      if (r.status !== 200) throw new Error(`web bot answered ${r.status}`);
      await s.running.inbox.idle();
      await s.running.notifications.worker.idle();
      return JSON.stringify(r.json().replies);
    },
    async articleId(l) {
      const [row] = (await s.t.db.sequelize.query('SELECT id FROM kb_articles WHERE title = ?', { replacements: [ARTICLE[l]] })) as [Array<{ id: number }>, unknown];
      return Number(row[0].id);
    },
    async close() {
      await s.close();
      await slack.close();
      await teams.close();
    },
  };
}
