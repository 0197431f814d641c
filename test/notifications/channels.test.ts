/**
 * Every channel against a real local peer (R4, R12): ticket changes made through the REST API reach
 * an smtp-server (mails parsed: language, HTML and text parts, Reply-To), a Twilio API (SMS within
 * two GSM-7 segments) and Slack's Web API (DM with the link); internal notes reach nobody.
 */
import { TEST_DATABASES } from '../support/db';
import { smsLength, smsSegments } from '../../core/notifications/sms-text';
import { startNotifyWorld, NotifyWorld, waitUntil } from './world';
import { notify } from '../../core/notifications/notify';

jest.setTimeout(60000);

describe.each(TEST_DATABASES)('notification channels on %s (R4 R12)', (db) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await startNotifyWorld(db);
  });
  afterAll(() => w.close());

  it('mails the mailing list at a new ticket, then the French requester at the claim and a public comment, never an internal note', async () => {
    const svc = await w.s.call('POST', '/api/v1/services', w.admin, { name: 'Support', slug: 'support' });
    expect(svc.status).toBe(201);
    expect((await w.s.call('PUT', '/api/v1/services/support/intake', w.admin, { mailingList: 'support-list@example.com' })).status).toBe(200);
    await w.person({ name: 'Claire Dupont', email: 'claire@example.com', locale: 'fr' });
    const theo = await w.person({ name: 'Théo Martin', email: 'theo@example.com', role: 'technician', services: ['support'], locale: 'fr' });

    const created = await w.s.call('POST', '/api/v1/tickets', theo.token, { title: 'Écran noir après la mise à jour', description: 'Plus rien.', requester: 'claire@example.com', service: 'support' });
    expect(created.status).toBe(201);
    const n = created.body.number ?? created.body.id;
    const [listMail] = await w.smtp.waitFor(1);
    expect(listMail.to).toMatchObject({ text: 'support-list@example.com' });
    expect(listMail.subject).toBe(`[Ticket #${n}] Écran noir après la mise à jour`);
    expect(listMail.text).toContain(`New ticket #${n} "Écran noir après la mise à jour"`); // the deployment's language (en)
    expect(listMail.text).toContain('requested by Claire Dupont');

    expect((await w.s.call('POST', `/api/v1/tickets/${n}/claim`, theo.token)).status).toBe(200);
    const claimMail = (await w.smtp.waitFor(2))[1];
    expect(claimMail.to).toMatchObject({ text: 'claire@example.com' });
    expect(claimMail.headers.get('content-language')).toBe('fr');
    expect(claimMail.text).toContain(`Ticket #${n} « Écran noir après la mise à jour » : pris en charge par Théo Martin.`);
    expect(claimMail.text).toMatch(/Statut : Assigné\. Technicien : Théo Martin\. Prochaine échéance : \d+ .+\./);
    expect(claimMail.text).toContain(`https://helpdesk.example.com/tickets/${n}`);
    expect(claimMail.html).toContain(`<a href="https://helpdesk.example.com/tickets/${n}">`);
    expect(claimMail.replyTo).toMatchObject({ value: [{ address: `helpdesk+${n}@example.com` }] });

    expect((await w.s.call('POST', `/api/v1/tickets/${n}/comments`, theo.token, { body: 'Note interne : pilote à revoir', internal: true })).status).toBe(201);
    expect((await w.s.call('POST', `/api/v1/tickets/${n}/comments`, theo.token, { body: 'Pouvez-vous redémarrer ?' })).status).toBe(201);
    const commentMail = (await w.smtp.waitFor(3))[2];
    expect(commentMail.text).toContain('nouvelle réponse de Théo Martin');
    expect(commentMail.text).toContain('Pouvez-vous redémarrer ?');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.smtp.mails).toHaveLength(3);
    expect(w.smtp.mails.some((m) => (m.text ?? '').includes('Note interne'))).toBe(false);

    // Every message and attempt is on record for the admins.
    const outbox = await w.s.call('GET', `/api/v1/outbox?ticket=${n}`, w.admin);
    expect(outbox.body.entries.map((e: any) => [e.event, e.state, e.attempts])).toEqual([
      ['ticket_created', 'sent', 1],
      ['assigned', 'sent', 1],
      ['comment_added', 'sent', 1],
    ]);
    const one = await w.s.call('GET', `/api/v1/outbox/${outbox.body.entries[1].id}`, w.admin);
    expect(one.body.attemptLog).toEqual([expect.objectContaining({ attempt: 1, ok: true, error: null })]);
  });

  it('DMs a Slack requester in English with the status, technician, deadline and link', async () => {
    await w.person({ name: 'Bob Smith', email: 'bob@example.com', locale: 'en', slackUserId: 'UBOB00001' });
    const tina = await w.person({ name: 'Tina Tech', email: 'tina@example.com', role: 'technician', services: ['support'] });
    const created = await w.s.call('POST', '/api/v1/tickets', tina.token, { title: 'VPN drops', description: 'Every hour.', requester: 'bob@example.com', service: 'support' });
    const n = created.body.number ?? created.body.id;
    const before = w.slack.posts.length;
    expect((await w.s.call('POST', `/api/v1/tickets/${n}/status`, tina.token, { status: 'in_progress' })).status).toBe(200);
    await w.slack.waitFor(before + 1);
    const dm = w.slack.posts[before];
    expect(dm.channel).toBe('DUBOB00001');
    expect(dm.text).toMatch(new RegExp(`^Ticket #${n} "VPN drops": In progress\\. Technician: Tina Tech\\. Due: .+\\.$`));
    expect(JSON.stringify(dm.blocks)).toContain(`https://helpdesk.example.com/tickets/${n}`);
    // Bob has a chat reference: no e-mail for him.
    expect(w.smtp.mails.some((m) => (m.to as any).text === 'bob@example.com')).toBe(false);
  });

  it('texts a person who chose SMS, accents folded into GSM-7 and within two segments', async () => {
    const dana = await w.person({ name: 'Dana Lefèvre', email: 'dana@example.com', locale: 'fr', phone: '06 12 34 56 78' });
    const prefs = await w.s.call('PUT', '/api/v1/me/notifications', dana.token, { channels: ['sms'] });
    expect(prefs.body).toMatchObject({ channels: ['sms'], rhythm: 'immediate', isDefault: false });
    const tina = await w.person({ name: 'Tînà Çôté', email: 'tina2@example.com', role: 'technician', services: ['support'] });
    const title = 'Imprimante du 2e étage : bourrage papier à répétition, même après le remplacement du tambour et la mise à jour du pilote';
    const n = (await w.s.call('POST', '/api/v1/tickets', tina.token, { title, description: '…', requester: 'dana@example.com', service: 'support' })).body.number;
    expect((await w.s.call('POST', `/api/v1/tickets/${n}/claim`, tina.token)).status).toBe(200);
    const [sms] = await w.twilio.waitFor(1);
    expect(sms.to).toBe('+33612345678');
    expect(sms.from).toBe('+33700000000');
    expect(sms.body).toMatch(new RegExp(`^Ticket #${n} "Imprimante du 2e étage : bourrage papier à répétition, meme après le remplacement du tambour`));
    expect(sms.body).toContain('pris en charge par Tinà Çoté.'); // î ô folded; à Ç é are GSM-7
    expect(smsLength(sms.body).encoding).toBe('GSM-7');
    expect(smsSegments(sms.body)).toBeLessThanOrEqual(2);
    expect(w.smtp.mails.some((m) => (m.to as any).text === 'dana@example.com')).toBe(false);
  });

  it('a message the peer refuses for good is parked as failed, listed for admins, and retried on demand', async () => {
    await w.s.running.deps.uow.transaction((s) =>
      notify(s, w.s.running.deps.clock.now(), [{ recipient: { kind: 'channel', platform: 'slack', channelId: 'CGONE' }, event: 'report_ready', ticketId: null, params: { text: 'Rapport prêt' } }]),
    );
    await waitUntil('the parked row', async () => (await w.s.call('GET', '/api/v1/outbox?state=failed', w.admin)).body.entries.length === 1);
    const failed = (await w.s.call('GET', '/api/v1/outbox?state=failed', w.admin)).body.entries[0];
    expect(failed).toMatchObject({ channel: 'slack', address: 'CGONE', attempts: 1, lastError: expect.stringContaining('channel_not_found') });
    const employee = await w.person({ name: 'Eve', email: 'eve@example.com' });
    expect((await w.s.call('GET', '/api/v1/outbox', employee.token)).status).toBe(403);
    const retried = await w.s.call('POST', '/api/v1/outbox/retry', w.admin, { ids: [failed.id] });
    expect(retried.body).toEqual({ requeued: 1 });
    expect((await w.s.call('GET', `/api/v1/outbox/${failed.id}`, w.admin)).body).toMatchObject({ state: 'pending', attempts: 0 });
    expect((await w.s.call('POST', '/api/v1/outbox/retry', w.admin, { ids: ['x'] })).body.error.code).toBe('validation_failed');
  });
});
