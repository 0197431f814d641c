import { createHmac } from 'node:crypto';
import { startTestServer, TestServer } from './server';
import { startFakeSlack, FakeSlack, FakeUser } from './fake-slack';
import { TEST_DATABASES, type TestDbName } from './db';
import { attachSocketMode, APP_TOKEN, FakeSlackSocket, EnvelopeType } from './fake-slack-socket';

/**
 * The real server with Slack on, its Web API pointed at a fake Slack peer, and helpers that deliver
 * inputs the way Slack does. In HTTP mode: correctly signed requests to `/slack/events` (slash
 * commands as forms, events as JSON, interactivity as a form field `payload=` holding JSON). In
 * Socket Mode (SLACK_APP_TOKEN): the same payloads as envelopes on the WebSocket the server opened to
 * the fake, answered with `{status: 200, text}` once acknowledged, the acknowledgement's payload
 * as text, so the same assertions hold in both modes.
 */
export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEAM = 'T0TEST';

/** The two ways Slack reaches the server; conversation suites run in both. */
export type SlackMode = 'http' | 'socket';
export const SLACK_MODES: SlackMode[] = ['http', 'socket'];
/** Every test database over both transports, for `describe.each(...)('... on %s over %s', (db, mode) => ...)`. */
export const SLACK_MATRIX: Array<[TestDbName, SlackMode]> = TEST_DATABASES.flatMap((db) => SLACK_MODES.map((m): [TestDbName, SlackMode] => [db, m]));

export interface SlackTestServer {
  s: TestServer;
  fake: FakeSlack;
  mode: SlackMode;
  /** Socket Mode only: the fake's WebSocket side. */
  socket?: FakeSlackSocket;
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  command(command: string, user: string, text: string, opts?: { channel?: string; triggerId?: string }): Promise<{ status: number; text: string }>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }): Promise<{ status: number; text: string }>;
  interact(payload: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** Everything the database holds of one table, to check that a refused request wrote nothing. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export function sign(body: string, ts = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> {
  const sig = 'v0=' + createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

let seq = 0;
export const nextId = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${++seq}`;

export async function startSlackServer(db: TestDbName, opts: { admins?: string[]; users?: FakeUser[]; mode?: SlackMode } = {}): Promise<SlackTestServer> {
  const mode = opts.mode ?? 'http';
  const fake = await startFakeSlack();
  const socket = mode === 'socket' ? attachSocketMode(fake) : undefined;
  for (const u of opts.users ?? []) fake.addUser(u);
  const s = await startTestServer(db, {
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      ...(mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      SLACK_API_URL: fake.apiUrl,
      HELPDESK_ADMINS: (opts.admins ?? []).join(','),
      PUBLIC_URL: 'https://helpdesk.example.test',
    },
  });
  await socket?.connected();
  const post = async (body: string, contentType: string, headers: Record<string, string> = sign(body)) => {
    if (socket) return overSocket(socket, body, contentType, headers);
    const res = await fetch(`${s.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    return { status: res.status, text: await res.text() };
  };
  return {
    s,
    fake,
    mode,
    socket,
    post,
    command: (command, user, text, o = {}) => {
      const form = new URLSearchParams({
        token: 'legacy', team_id: TEAM, channel_id: o.channel ?? `D${user}`, channel_name: 'directmessage', user_id: user, user_name: user,
        command, text, response_url: fake.responseUrl(nextId('R')), trigger_id: o.triggerId ?? nextId('TRG'), api_app_id: 'A0TEST',
      });
      return post(form.toString(), 'application/x-www-form-urlencoded');
    },
    event: (event, o = {}) => {
      const body = JSON.stringify({ token: 'legacy', team_id: TEAM, api_app_id: 'A0TEST', type: 'event_callback', event_id: o.eventId ?? nextId('Ev'), event_time: Math.floor(Date.now() / 1000), event });
      return post(body, 'application/json', { ...sign(body), ...(o.retryNum ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}) });
    },
    interact: (payload) => {
      const form = new URLSearchParams({ payload: JSON.stringify({ team: { id: TEAM }, api_app_id: 'A0TEST', token: 'legacy', ...payload }) });
      return post(form.toString(), 'application/x-www-form-urlencoded');
    },
    count: async (table) => {
      const [rows] = (await s.t.db.sequelize.query(`SELECT COUNT(*) AS n FROM ${table}`)) as [Array<{ n: number | string }>, unknown];
      return Number(rows[0].n);
    },
    close: async () => {
      await s.close();
      await socket?.close();
      await fake.close();
    },
  };
}

/**
 * What Slack would have sent over HTTP, as the Socket Mode envelope carrying the same payload:
 * forms become the command's fields, `payload=` its JSON, events their JSON; the retry headers
 * become `retry_attempt` and `retry_reason`.
 */
async function overSocket(socket: FakeSlackSocket, body: string, contentType: string, headers: Record<string, string>) {
  let type: EnvelopeType;
  let payload: Record<string, unknown>;
  if (contentType.includes('json')) {
    payload = JSON.parse(body);
    type = 'events_api';
  } else {
    const form = Object.fromEntries(new URLSearchParams(body));
    type = typeof form.payload === 'string' ? 'interactive' : 'slash_commands';
    payload = typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  const retry = headers['x-slack-retry-num'];
  const ack = await socket.deliver(type, payload, { retryAttempt: retry ? Number(retry) : 0, retryReason: headers['x-slack-retry-reason'] });
  const keys = Object.keys(ack.payload);
  // A string acknowledgement travels as {text}; an HTTP answer would have been that text.
  const text = keys.length === 0 ? '' : keys.length === 1 && typeof ack.payload.text === 'string' ? ack.payload.text : JSON.stringify(ack.payload);
  return { status: 200, text };
}

/** Waits a little for work that must NOT happen (after an ack), so "nothing was sent" is meaningful. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** `/helpdesk <text>` as `user`: the private answer Slack would show (what reached the response_url). */
export async function askHelpdesk(t: SlackTestServer, user: string, text: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const before = t.fake.of('response_url').length;
  await t.command('/helpdesk', user, text);
  return (await t.fake.waitFor('response_url', undefined, before + 1))[before].body;
}
