import { startTestServer, TestServer } from './server';
import { startFakeBotConnector, FakeBotConnector, FakeTeamsUser } from './fake-bot-connector';
import type { TestDbName } from './db';
import type { NotificationsOptions } from '../../adapters/notify/notifications';

/**
 * The real server with Teams on (local mode: no app id), and helpers that post Teams-shaped
 * activities (channelData, entities, serviceUrl pointing at the fake Bot Connector) to /api/messages.
 */
export const TENANT = 'tenant-1';
export const BOT = { id: '28:helpdesk-bot', name: 'Helpdesk' };
export const TEAM = '19:team-it@thread.tacv2';
export const QUEUE = '19:support-queue@thread.tacv2';
export const GENERAL = '19:general@thread.tacv2';

const user = (id: string, n: number, name: string, email: string, locale: string): FakeTeamsUser => ({ id, aadObjectId: `aaaaaaaa-0000-4000-8000-00000000000${n}`, name, email, locale });
export const ALICE = user('29:alice', 1, 'Alice Martin', 'alice@exemple.fr', 'fr-FR');
export const THEO = user('29:theo', 2, 'Théo Technicien', 'theo@exemple.fr', 'fr-FR');
export const TINA = user('29:tina', 3, 'Tina Tech', 'tina@exemple.fr', 'en-GB');
export const ADMIN = user('29:admin', 4, 'Ada Admin', 'admin@exemple.fr', 'en-GB');
export const BOB = user('29:bob', 5, 'Bob Employee', 'bob@exemple.fr', 'en-GB');
export const TEAMS_USERS = [ALICE, THEO, TINA, ADMIN, BOB];

let seq = 0;
export const activityId = (prefix = 'in') => `${prefix}-${Date.now().toString(36)}-${++seq}`;
export const personalChat = (u: FakeTeamsUser) => `a:dm-${u.id.slice(3)}`;

type Activity = Record<string, unknown>;
export interface Posted {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TeamsTestServer {
  s: TestServer;
  fake: FakeBotConnector;
  url: string;
  send(activity: Activity, headers?: Record<string, string>): Promise<Posted>;
  /** A message (or an Action.Submit value) in the user's personal chat with the bot. */
  personal(u: FakeTeamsUser, text: string, extra?: Activity): Promise<Posted>;
  /** A channel post: a new thread with an @mention of the bot, or a reply in the thread of `rootId`. */
  channel(u: FakeTeamsUser, text: string, opts?: { channel?: string; rootId?: string; mention?: boolean; mentions?: FakeTeamsUser[]; id?: string }): Promise<Posted>;
  /** Action.Execute on a card: `conversationId` is where the card is (a channel thread or a personal chat). */
  execute(u: FakeTeamsUser, verb: string, data: Activity, opts?: { conversationId?: string; replyToId?: string; id?: string; channel?: string }): Promise<Posted>;
  invoke(u: FakeTeamsUser, name: string, value: unknown, opts?: { conversationId?: string; id?: string; channel?: string }): Promise<Posted>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export function activityBase(fake: FakeBotConnector, u: FakeTeamsUser, conversation: Activity, channelData: Activity, id = activityId()): Activity {
  return {
    id,
    channelId: 'msteams',
    serviceUrl: fake.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: u.locale,
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT }, ...channelData },
  };
}

export async function startTeamsServer(db: TestDbName, opts: { admins?: string[]; env?: Record<string, string>; notifications?: NotificationsOptions } = {}): Promise<TeamsTestServer> {
  const fake = await startFakeBotConnector();
  for (const u of TEAMS_USERS) fake.addUser(u);
  const s = await startTestServer(db, { env: { HELPDESK_ADMINS: (opts.admins ?? []).join(','), PUBLIC_URL: 'https://helpdesk.example.test', ...opts.env }, notifications: opts.notifications });
  const send = async (activity: Activity, headers: Record<string, string> = {}): Promise<Posted> => {
    const res = await fetch(`${s.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    const raw = await res.text();
    // Activities are worked on from the inbox after the 200: the helpers return once that work is done.
    await s.running.inbox.idle();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* keep the text */
    }
    return { status: res.status, body };
  };
  const personalConv = (u: FakeTeamsUser) => ({ id: personalChat(u), conversationType: 'personal' });
  const channelConv = (channel: string, root: string) => ({ id: `${channel};messageid=${root}`, conversationType: 'channel', isGroup: true });
  const channelData = (channel: string) => ({ team: { id: TEAM, name: 'IT' }, channel: { id: channel, name: 'channel' } });
  return {
    s,
    fake,
    url: s.url,
    send,
    personal: (u, text, extra = {}) => send({ ...activityBase(fake, u, personalConv(u), {}), type: 'message', text, ...extra }),
    channel: (u, text, o = {}) => {
      const channel = o.channel ?? QUEUE;
      const id = o.id ?? activityId('post');
      const mention = o.mention ?? !o.rootId;
      const mentions = [...(mention ? [{ ...BOT, bot: true }] : []), ...(o.mentions ?? [])];
      const entities = mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } }));
      const prefix = mention ? `<at>${BOT.name}</at> ` : '';
      return send({ ...activityBase(fake, u, channelConv(channel, o.rootId ?? id), channelData(channel), id), type: 'message', text: prefix + text, entities, ...(o.rootId ? { replyToId: o.rootId } : {}) });
    },
    execute: (u, verb, data, o = {}) =>
      send({
        ...activityBase(fake, u, o.conversationId?.startsWith('a:') ? personalConv(u) : channelConv(o.channel ?? QUEUE, o.replyToId ?? 'root'), o.channel ? channelData(o.channel) : o.conversationId?.startsWith('a:') ? {} : channelData(QUEUE), o.id),
        ...(o.conversationId ? { conversation: { id: o.conversationId, tenantId: TENANT, conversationType: o.conversationId.startsWith('a:') ? 'personal' : 'channel' } } : {}),
        type: 'invoke',
        name: 'adaptiveCard/action',
        ...(o.replyToId ? { replyToId: o.replyToId } : {}),
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
      }),
    invoke: (u, name, value, o = {}) =>
      send({
        ...activityBase(fake, u, o.conversationId ? { id: o.conversationId, conversationType: 'channel' } : personalConv(u), o.channel ? channelData(o.channel) : {}, o.id),
        type: 'invoke',
        name,
        value,
      }),
    count: async (table) => {
      const [rows] = (await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`)) as [Array<{ n: number | string }>, unknown];
      return Number(rows[0].n);
    },
    close: async () => {
      await s.close();
      await fake.close();
    },
  };
}

/** Waits a little for work that must NOT happen (after the answer), so "nothing was sent" means something. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** The Adaptive Card of a sent activity, if it carries one. */
export const cardOf = (body: any): Record<string, any> | undefined => body?.attachments?.find((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content; // eslint-disable-line @typescript-eslint/no-explicit-any
