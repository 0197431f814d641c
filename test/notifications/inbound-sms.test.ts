/**
 * POST /twilio/sms (issue 5 §7, R1): Twilio's signature is checked before anything (forged -> 403,
 * nothing changed); a known number's text comments on their latest open ticket or opens one; a
 * webhook Twilio delivers twice adds nothing twice.
 */
import { TEST_DATABASES } from '../support/db';
import { startNotifyWorld, NotifyWorld } from './world';

jest.setTimeout(60000);

describe.each(TEST_DATABASES)('inbound SMS on %s', (db) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await startNotifyWorld(db);
  });
  afterAll(() => w.close());

  const URL = 'https://helpdesk.example.com/twilio/sms';
  const post = (params: Record<string, string>, signature?: string) =>
    fetch(w.s.url + '/twilio/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== undefined ? { 'x-twilio-signature': signature } : {}) },
      body: new URLSearchParams(params).toString(),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const sms = (from: string, body: string, sid: string) => ({ From: from, To: '+33700000000', Body: body, MessageSid: sid, AccountSid: w.twilio.sid });
  const counts = async () => ({
    tickets: (await w.s.t.uow.read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 100 })).length,
    audit: (await w.s.t.db.sequelize.query('SELECT COUNT(*) AS n FROM audit_entries', { plain: true, raw: true }) as any)?.n,
    comments: (await w.s.t.db.sequelize.query('SELECT COUNT(*) AS n FROM comments', { plain: true, raw: true }) as any)?.n,
  });

  it('refuses a forged, missing or replayed-elsewhere signature with 403 and changes nothing', async () => {
    await w.person({ name: 'Léa Petit', email: 'lea@example.com', phone: '06 11 11 11 11', locale: 'fr' });
    const before = await counts();
    const params = sms('+33611111111', 'Mon PC ne démarre plus', 'SM1');
    expect((await post(params, 'AAAAforgedAAAA=')).status).toBe(403);
    expect((await post(params)).status).toBe(403);
    // Signed for another URL, or with the body changed after signing.
    expect((await post(params, w.twilio.sign('https://evil.example.com/twilio/sms', params))).status).toBe(403);
    expect((await post({ ...params, Body: 'autre' }, w.twilio.sign(URL, params))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('opens a ticket for a known number, then adds the next texts as comments; a redelivery adds nothing', async () => {
    const first = sms('+33611111111', 'Mon PC ne démarre plus depuis ce matin', 'SM2');
    const opened = await post(first, w.twilio.sign(URL, first));
    expect(opened.status).toBe(200);
    const n = Number(/ticket #(\d+)/.exec(opened.text)![1]);
    expect(opened.text).toContain('<Response><Message>Merci, ticket #');
    const ticket = (await w.s.t.uow.read.tickets.get(n))!;
    expect(ticket).toMatchObject({ title: 'Mon PC ne démarre plus depuis ce matin', sourceChannel: 'sms' });

    const again = sms('+33611111111', "J'ai essayé de le rebrancher.", 'SM3');
    const commented = await post(again, w.twilio.sign(URL, again));
    expect(commented.text).toContain(`ajouté au ticket #${n}`);
    expect((await post(again, w.twilio.sign(URL, again))).status).toBe(200); // Twilio retried
    const comments = await w.s.t.uow.read.comments.list(n, true);
    expect(comments.map((c) => [c.body, c.channel, c.sender])).toEqual([["J'ai essayé de le rebrancher.", 'sms', 'customer']]);
    // R19: each text was recorded in the inbox under its MessageSid before the answer, once.
    const recorded = await w.s.t.uow.read.inbox.list({ source: 'sms', limit: 10 });
    expect(recorded.map((e) => [e.key, e.state])).toEqual([['sms:SM2', 'done'], ['sms:SM3', 'done']]);
  });

  it('answers an unknown number without creating anything', async () => {
    const before = await counts();
    const params = sms('+33799999999', 'Bonjour', 'SM4');
    const r = await post(params, w.twilio.sign(URL, params));
    expect(r.status).toBe(200);
    expect(r.text).toContain('unknown to the IT helpdesk');
    // A blank text from a known number: an empty answer, nothing filed.
    const blank = sms('+33611111111', '   ', 'SM5');
    const empty = await post(blank, w.twilio.sign(URL, blank));
    expect(empty.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await counts()).toEqual(before);
  });
});
