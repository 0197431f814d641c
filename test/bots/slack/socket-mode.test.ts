import { TEST_DATABASES } from '../../support/db';
import { nextId, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import { ALICE, SLACK_USERS } from '../../support/slack-world';
import { loadSettings } from '../../../adapters/config/settings';

const dm = (text: string) => ({ type: 'message', channel_type: 'im', channel: `D${ALICE}`, user: ALICE, text, ts: `${Math.floor(Date.now() / 1000)}.${Math.floor(Math.random() * 1e6)}` });
const offers = (t: SlackTestServer, text: string) => t.fake.of('chat.postMessage', (b) => b.channel === `D${ALICE}` && String(b.text).includes(text));

/**
 * Socket Mode (R17 on premises: no public request URL): SLACK_APP_TOKEN makes the server open a
 * WebSocket to Slack through apps.connections.open, acknowledge each envelope, and keep the link
 * through `disconnect` messages, dropped sockets and a failing apps.connections.open.
 */
describe.each(TEST_DATABASES)('Slack over Socket Mode (R17 R1) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { users: SLACK_USERS, mode: 'socket' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.fake.reset());

  it('connects with the app-level token and serves no /slack/events (nothing for an outsider to call)', async () => {
    expect(t.socket!.opens).toBeGreaterThanOrEqual(1);
    expect(t.socket!.connections).toBe(1);
    const res = await fetch(`${t.s.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"event_callback"}' });
    expect(res.status).toBe(404);
  });

  it('acknowledges a slash command envelope and files the ticket (R1)', async () => {
    const before = await t.count('tickets');
    const payload = { team_id: 'T0TEST', channel_id: `D${ALICE}`, user_id: ALICE, command: '/ticket', text: 'écran noir au démarrage', response_url: t.fake.responseUrl('R1'), trigger_id: nextId('TRG'), api_app_id: 'A0TEST' };
    const ack = await t.socket!.deliver('slash_commands', payload);
    expect(ack.retryAttempt).toBe(0);
    const [filed] = await t.fake.waitFor('chat.postMessage', (b) => /^Ticket #\d+ créé/.test(b.text));
    expect(filed.body.text).toMatch(/écran noir au démarrage$/);
    expect(await t.count('tickets')).toBe(before + 1);
  });

  it('counts each input in helpdesk_inbound_events_total{source="slack"} (R6)', async () => {
    const read = async () => Number(/^helpdesk_inbound_events_total\{source="slack"\} (\d+)$/m.exec(await (await fetch(`${t.s.url}/metrics`)).text())?.[1] ?? 0);
    const before = await read();
    await t.event(dm('bonjour'));
    expect(await read()).toBe(before + 1);
  });

  it('reconnects through apps.connections.open after a `disconnect` message and goes on answering', async () => {
    const opens = t.socket!.opens;
    t.socket!.disconnect('refresh_requested');
    // Delivered while the client reconnects: the fake holds it until the new socket says hello.
    const res = await t.event(dm('le vpn refuse ma connexion'));
    expect(res.status).toBe(200);
    expect(t.socket!.opens).toBe(opens + 1);
    expect(t.socket!.connections).toBe(2);
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && String(b.text).includes('le vpn refuse ma connexion'));
  }, 30000);

  it('reconnects after a dropped socket, retrying an apps.connections.open that fails, and an envelope resent after the drop is answered once', async () => {
    const opens = t.socket!.opens;
    const connections = t.socket!.connections;
    t.socket!.failOpens(1, 'http_500');
    t.socket!.drop();
    const event = dm('la souris ne répond plus');
    const eventId = nextId('Ev');
    expect((await t.event(event, { eventId })).status).toBe(200);
    expect(t.socket!.opens).toBe(opens + 2);
    expect(t.socket!.connections).toBe(connections + 1);
    // Slack resends an envelope it believes lost, with retry_attempt 1: the event id makes it a no-op.
    expect((await t.event(event, { eventId, retryNum: 1 })).status).toBe(200);
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && String(b.text).includes('la souris ne répond plus'));
    await settle();
    expect(offers(t, 'la souris ne répond plus')).toHaveLength(1);
  }, 30000);

  it('acknowledges an envelope no listener handles, so Slack does not resend it, and writes nothing', async () => {
    const before = await t.count('tickets');
    const ack = await t.socket!.deliver('interactive', { type: 'shortcut', callback_id: 'nope', user: { id: ALICE } });
    expect(ack.payload).toEqual({});
    expect(await t.count('tickets')).toBe(before);
  });
});

describe('Socket Mode settings (R17)', () => {
  it('takes SLACK_APP_TOKEN with the bot token and no signing secret', () => {
    const s = loadSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-x' });
    expect(s.SLACK_APP_TOKEN).toBe('xapp-1-A-1-x');
  });
  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, /^Invalid setting SLACK_APP_TOKEN: use the app-level token \(xapp-/],
    [{ SLACK_APP_TOKEN: 'xapp-1-A-1-x' }, /^Invalid setting SLACK_BOT_TOKEN: /],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^Invalid setting SLACK_SIGNING_SECRET: set SLACK_SIGNING_SECRET .* or SLACK_APP_TOKEN/],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => loadSettings(env)).toThrow(message);
  });
});
