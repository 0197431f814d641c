import { TEST_DATABASES } from '../../support/db';
import { sign, startSlackServer, SlackTestServer, settle, SIGNING_SECRET } from '../../support/slack';

/** Issue 3 deliverable 1: only Slack, signing with our secret and recently, gets in; nothing else writes (R1, R9). */
describe.each(TEST_DATABASES)('Slack receiver: signatures and malformed payloads (R1) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { users: [{ id: 'UALICE001', name: 'Alice Martin', email: 'alice@exemple.fr', locale: 'fr-FR' }] });
  });
  afterAll(() => t.close());
  beforeEach(() => t.fake.reset());

  const ticketCommand = () =>
    new URLSearchParams({ team_id: 'T0TEST', channel_id: 'DUALICE001', user_id: 'UALICE001', command: '/ticket', text: 'Mon écran clignote', response_url: t.fake.responseUrl('x'), trigger_id: '1.2.3' }).toString();

  it.each([
    ['a forged signature', (b: string) => ({ ...sign(b), 'x-slack-signature': 'v0=' + '0'.repeat(64) })],
    ['another secret', (b: string) => sign(b, undefined, SIGNING_SECRET + 'x')],
    ['a stale timestamp (6 minutes old)', (b: string) => sign(b, Math.floor(Date.now() / 1000) - 6 * 60)],
    ['R9 a timestamp 10 minutes in the future', (b: string) => sign(b, Math.floor(Date.now() / 1000) + 600)],
    ['R9 a timestamp 5 minutes and 10 seconds in the future', (b: string) => sign(b, Math.floor(Date.now() / 1000) + 310)],
    ['R9 a timestamp 5 minutes and 10 seconds old', (b: string) => sign(b, Math.floor(Date.now() / 1000) - 310)],
    ['no signature headers', () => ({})],
    ['a non-numeric timestamp', (b: string) => ({ ...sign(b), 'x-slack-request-timestamp': 'yesterday' })],
  ])('refuses %s with 401 and writes nothing', async (_name, headers) => {
    const body = ticketCommand();
    const r = await t.post(body, 'application/x-www-form-urlencoded', headers(body));
    expect(r.status).toBe(401);
    await settle();
    expect(await t.count('tickets')).toBe(0);
    expect(await t.count('people')).toBe(0);
    expect(t.fake.calls).toEqual([]);
  });

  it('R9 accepts a clock a few minutes off either way (inside the 5-minute window)', async () => {
    for (const skew of [-240, 240]) {
      const body = JSON.stringify({ type: 'url_verification', challenge: `c${skew}` });
      const r = await t.post(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) + skew));
      expect([skew, r.status, JSON.parse(r.text)]).toEqual([skew, 200, { challenge: `c${skew}` }]);
    }
  });

  it('refuses a body changed after signing', async () => {
    const body = ticketCommand();
    const r = await t.post(body.replace('clignote', 'explose'), 'application/x-www-form-urlencoded', sign(body));
    expect(r.status).toBe(401);
  });

  it.each([
    ['invalid JSON event', '{"type":"event_callback",', 'application/json'],
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['an event without its event', JSON.stringify({ type: 'event_callback', event_id: 'Ev1' }), 'application/json'],
    ['an unknown payload type', JSON.stringify({ type: 'something_else' }), 'application/json'],
    ['interactivity with broken JSON', 'payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
    ['block_actions without actions', 'payload=' + encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'UALICE001' } })), 'application/x-www-form-urlencoded'],
    ['a command without a user', 'command=%2Fticket&text=hello', 'application/x-www-form-urlencoded'],
    ['an empty body', '', 'application/x-www-form-urlencoded'],
  ])('answers %s with a clean 400 and writes nothing', async (_name, body, type) => {
    const r = await t.post(body, type);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toEqual(expect.any(String));
    await settle(100);
    expect(await t.count('tickets')).toBe(0);
    expect(await t.count('inbound_events')).toBe(0);
  });

  it('answers Slack url_verification with the challenge', async () => {
    const r = await t.post(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), 'application/json');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ challenge: 'abc123' });
  });

  it('acknowledges a correctly signed command at once, then files the ticket', async () => {
    const started = Date.now();
    const r = await t.command('/ticket', 'UALICE001', 'Mon écran clignote');
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const [reply] = await t.fake.waitFor('response_url');
    expect(reply.body.text).toMatch(/^Ticket #\d+ créé : Mon écran clignote/);
    expect(await t.count('tickets')).toBe(1);
  });
});

describe.each(TEST_DATABASES)('Slack receiver: well-formed but wrong interactions (R1) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { users: [{ id: 'UALICE001', name: 'Alice Martin', email: 'alice@exemple.fr', locale: 'en-US' }] });
  });
  afterAll(() => t.close());

  it.each([
    ['a claim on a ticket number that is not one', { type: 'block_actions', user: { id: 'UALICE001' }, channel: { id: 'C1' }, actions: [{ action_id: 'ticket_claim', value: 'DROP TABLE', block_id: 'x' }] }, /^The request is invalid: ticket: invalid\.$/],
    ['a status select with a made-up status', { type: 'block_actions', user: { id: 'UALICE001' }, channel: { id: 'C1' }, actions: [{ action_id: 'ticket_status', selected_option: { value: '1:exploded' }, block_id: 'ticket:1' }] }, /^The request is invalid: status: invalid\.$/],
    ['an assign without users', { type: 'block_actions', user: { id: 'UALICE001' }, channel: { id: 'C1' }, actions: [{ action_id: 'ticket_assign', selected_users: 'U1', block_id: 'ticket:1' }] }, /^The request is invalid: selected_users: invalid\.$/],
  ])('answers %s with an ephemeral error and writes nothing', async (_name, payload, message) => {
    t.fake.reset();
    const r = await t.interact(payload);
    expect(r.status).toBe(200);
    const [reply] = await t.fake.waitFor('chat.postEphemeral');
    expect(reply.body).toMatchObject({ channel: 'C1', user: 'UALICE001' });
    expect(reply.body.text).toMatch(message);
    expect(await t.count('tickets')).toBe(0);
    expect(await t.count('audit_entries')).toBe(1);
  });

  it('a report form submitted without its inputs is refused in a DM and files nothing; an unknown action is simply acknowledged', async () => {
    t.fake.reset();
    expect((await t.interact({ type: 'view_submission', user: { id: 'UALICE001' }, view: { id: 'VBROKEN', callback_id: 'report_modal' } })).status).toBe(200);
    const [dm] = await t.fake.waitFor('chat.postMessage');
    expect(dm.body.text).toBe('The request is invalid: title: required.');
    expect((await t.interact({ type: 'block_actions', user: { id: 'UALICE001' }, actions: [{ action_id: 'who_knows', value: '1' }] })).status).toBe(200);
    await settle();
    expect(await t.count('tickets')).toBe(0);
  });
});
