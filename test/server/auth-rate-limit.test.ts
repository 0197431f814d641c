import { startTestServer, TestServer } from '../support/server';
import { TEST_DATABASES } from '../support/db';
import { sign } from '../support/slack';

/**
 * R9: failed authentication is limited per client address and per token prefix, on every way in
 * (REST bearer tokens, web sign-in, Slack signatures, Twilio signatures): past the limit, 429 with
 * Retry-After; valid traffic from elsewhere (and the owner of a guessed token) is never slowed.
 * Addresses come from X-Forwarded-For, as behind the reverse proxy the server trusts.
 */
const SECRET = 'rate-limit-signing-secret';

describe.each(TEST_DATABASES)('R9 failed authentication is rate limited (%s)', (dbName) => {
  let s: TestServer;
  let valid: string;
  let n = 0;
  // Each case attacks from its own address, so one case's count never spills into the next.
  const attacker = () => ({ 'x-forwarded-for': `203.0.113.${++n}` });
  const api = (token: string, headers: Record<string, string> = {}) => fetch(`${s.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    s = await startTestServer(dbName, { env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api/', TWILIO_AUTH_TOKEN: 'twilio-token', TWILIO_ACCOUNT_SID: 'AC123', TWILIO_FROM: '+33100000000' } });
    valid = await s.token('employee', { email: 'valid@example.com' });
  });
  afterAll(() => s?.close());

  it('REST: bad bearer tokens from one address turn 429 with Retry-After and a code; other addresses are served at once', async () => {
    const from = attacker();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await api(`hd_guess_${String(i).padStart(20, '0')}`, from)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(20);
    const limited = await api('hd_guess_another_one_000000', from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    // Valid traffic from another address: every request answers, none refused, none waiting.
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await api(valid, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('REST: guesses at one token from many addresses are limited by the token prefix; its owner still gets in', async () => {
    const prefix = valid.slice(0, 8);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await api(`${prefix}${'x'.repeat(30)}${i}`, attacker())).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    expect((await api(valid, attacker())).status).toBe(200);
  });

  it('web sign-in: refused sign-ins from one address turn 429', async () => {
    const from = attacker();
    const page = await fetch(`${s.url}/signin`, { headers: from });
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await fetch(`${s.url}/signin`, { method: 'POST', redirect: 'manual', headers: { ...from, cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, person: String(900000 + i) }).toString() });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses[0]).toBe(422);
    expect(statuses.at(-1)).toBe(429);
  });

  it('Slack and Twilio: bad signatures from one address turn 429; a correctly signed request from elsewhere is not refused', async () => {
    const slackFrom = attacker();
    const body = 'command=%2Fhelpdesk&text=help&user_id=U1&team_id=T1&channel_id=C1';
    const slack: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await fetch(`${s.url}/slack/events`, { method: 'POST', headers: { ...slackFrom, 'content-type': 'application/x-www-form-urlencoded', ...sign(body, undefined, 'wrong-secret') }, body });
      slack.push(r.status);
    }
    expect(slack[0]).toBe(401);
    expect(slack.at(-1)).toBe(429);
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'ok' });
    const fine = await fetch(`${s.url}/slack/events`, { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.8', 'content-type': 'application/json', ...sign(challenge, undefined, SECRET) }, body: challenge });
    expect(fine.status).toBe(200);

    const smsFrom = attacker();
    const sms: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await fetch(`${s.url}/twilio/sms`, { method: 'POST', headers: { ...smsFrom, 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' }, body: 'From=%2B33600000000&Body=hi&MessageSid=SM1' });
      sms.push(r.status);
    }
    expect(sms[0]).toBe(403);
    expect(sms.at(-1)).toBe(429);
  });
});
