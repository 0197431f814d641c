import { TEST_DATABASES } from '../../support/db';
import { activityBase, ALICE, personalChat, startTeamsServer, TeamsTestServer } from '../../support/teams';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Issue 4 deliverable 1: with an app id, every request's Bot Framework token is checked (R9). */
describe.each(TEST_DATABASES)('Teams: token check with MICROSOFT_APP_ID set on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, {
      env: { MICROSOFT_APP_ID: '0b7c7d2e-1f4a-4c1e-9d5b-2a3b4c5d6e7f', MICROSOFT_APP_PASSWORD: 'not-used-here', MICROSOFT_APP_TENANT_ID: '11111111-2222-4333-8444-555555555555' },
    });
  });
  afterAll(() => t.close());

  const message = () => ({ ...activityBase(t.fake, ALICE, { id: personalChat(ALICE), conversationType: 'personal' }, {}), type: 'message', text: 'mon imprimante ne marche plus' });

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a header that is not a bearer token', { authorization: 'Basic YWxpY2U6c2VjcmV0' }],
    ['a bearer that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['an unsigned JWT claiming to be for the bot', { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ aud: '0b7c7d2e-1f4a-4c1e-9d5b-2a3b4c5d6e7f', iss: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 600 })}.` }],
  ])('%s gets 401 and nothing is read or written', async (_, headers) => {
    const r = await t.send(message(), headers);
    expect(r.status).toBe(401);
    expect(await t.count('conversation_refs')).toBe(0);
    expect(await t.count('people')).toBe(0);
    expect(t.fake.calls).toEqual([]);
  });

  it('the rest of the server does not ask for a Teams token', async () => {
    expect((await t.s.call('GET', '/healthz', null)).status).toBe(200);
  });
});

describe.each(TEST_DATABASES)('Teams: local mode without an app id on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db);
  });
  afterAll(() => t.close());

  it('accepts an activity without a token and answers through the connector, with no token either', async () => {
    const r = await t.personal(ALICE, 'help');
    expect(r.status).toBe(200);
    const [answer] = await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE));
    expect(answer.authorization).toBeUndefined();
  });
});
