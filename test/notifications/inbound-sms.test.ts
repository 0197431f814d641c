/**
 * POST /twilio/sms (R1, R15): Twilio's signature is checked before anything (forged -> 403,
 * nothing changed); a known number's text comments on the ticket it names (#N) or their only open
 * ticket, asks which when several are open, or opens one; a
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

  it('matches a reply by its #N; with several open tickets and no number it asks which, and files nothing (R15)', async () => {
    const second = sms('+33611111111', 'Et le scanner aussi est en panne', 'SM6');
    // Léa has one open ticket: a text without a number still lands on it.
    const landed = await post(second, w.twilio.sign(URL, second));
    const first = Number(/ticket #(\d+)/.exec(landed.text)![1]);
    // A second ticket of hers (filed on the web, say), then a text without a number: the question back.
    const token = await w.s.token('admin');
    const created = await w.s.call('POST', '/api/v1/tickets', token, { title: 'Scanner HS', requester: 'lea@example.com' });
    expect(created.status).toBe(201);
    const scanner = created.body.number as number;
    const before = await counts();
    const vague = sms('+33611111111', 'Toujours pareil', 'SM7');
    const asked = await post(vague, w.twilio.sign(URL, vague));
    expect(asked.text).toContain('Pour quel ticket ?');
    expect(asked.text).toContain(`#${scanner}`);
    expect(asked.text).toContain(`#${first}`);
    expect(await counts()).toEqual(before);

    const named = sms('+33611111111', `#${scanner} il fait un bruit étrange`, 'SM8');
    const onScanner = await post(named, w.twilio.sign(URL, named));
    expect(onScanner.text).toContain(`ajouté au ticket #${scanner}`);
    expect((await w.s.t.uow.read.comments.list(scanner, true)).map((c) => c.body)).toEqual(['il fait un bruit étrange']);

    // Someone else's ticket number is answered, never commented on.
    await w.person({ name: 'Marc Autre', email: 'marc@example.com' });
    const stranger = await w.s.call('POST', '/api/v1/tickets', token, { title: 'Pas à Léa', requester: 'marc@example.com' });
    expect(stranger.status).toBe(201);
    const wrong = sms('+33611111111', `#${stranger.body.number} coucou`, 'SM9');
    const refused = await post(wrong, w.twilio.sign(URL, wrong));
    expect(refused.text).toContain('ne fait pas partie de vos tickets');
    expect(await w.s.t.uow.read.comments.list(stranger.body.number, true)).toEqual([]);
  });
});
