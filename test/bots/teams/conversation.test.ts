import { TEST_DATABASES } from '../../support/db';
import { ALICE, BOB, cardOf, personalChat, settle, startTeamsServer, TeamsTestServer, TENANT, TINA } from '../../support/teams';
import type { ConnectorCall } from '../../support/fake-bot-connector';

const inChat = (u: typeof ALICE) => (c: ConnectorCall) => c.method === 'POST' && c.conversationId === personalChat(u);
const input = (card: any, id: string) => card.body.find((b: any) => b.id === id);

/** Issue 4: employees in the bot's personal chat (R1, R2, R11), in French or English; resends file nothing twice. */
describe.each(TEST_DATABASES)('Teams: the personal chat (R1 R2 R11) on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
  });

  it('a problem gets a prefilled form (no article matches); the submit files #N once, however often it is sent', async () => {
    const id = 'msg-printer-1';
    expect((await t.personal(ALICE, 'mon imprimante ne marche plus', { id })).status).toBe(200);
    // Teams resends an activity it did not see answered: the same id does nothing.
    expect((await t.personal(ALICE, 'mon imprimante ne marche plus', { id })).status).toBe(200);
    const [prompt, form] = await t.fake.waitFor(inChat(ALICE), 2);
    expect(prompt.body.text).toBe('Je peux ouvrir un ticket pour : « mon imprimante ne marche plus ». Vérifiez le formulaire et envoyez-le.');
    const card = cardOf(form.body)!;
    expect(card.body[0].text).toBe('Nouveau ticket');
    expect(input(card, 'title').value).toBe('mon imprimante ne marche plus');
    expect(input(card, 'description').value).toBe('mon imprimante ne marche plus');
    expect(input(card, 'category').choices.map((c: any) => c.value)).toContain('hardware');
    expect(input(card, 'urgency').value).toBe('medium');

    const submit = { verb: 'file_ticket', title: 'Imprimante HS', description: 'mon imprimante ne marche plus', category: 'hardware', urgency: 'high' };
    await t.personal(ALICE, '', { value: submit, replyToId: form.id });
    const [receipt] = await t.fake.waitFor((c) => c.method === 'PUT' && c.activityId === form.id);
    expect(cardOf(receipt.body)!.body[1].text).toMatch(/^Ticket #\d+ créé : Imprimante HS$/);
    await t.fake.waitFor(inChat(ALICE), 3);
    // A double click sends the form twice (two activity ids, one form): still one ticket.
    await t.personal(ALICE, '', { value: submit, replyToId: form.id });
    const [seen] = await t.fake.waitFor((c) => inChat(ALICE)(c) && /déjà créé/.test(c.body.text ?? ''));
    expect(seen.body.text).toMatch(/^Ticket #\d+ déjà créé : Imprimante HS$/);
    expect(await t.count('tickets')).toBe(1);
    const [ticket] = await t.s.t.db.sequelize.query('SELECT urgency, source_channel FROM tickets', { type: 'SELECT' as never }) as any[];
    expect(ticket).toMatchObject({ urgency: 'high', source_channel: 'teams' });
    await settle();
    expect(t.fake.sent((c) => inChat(ALICE)(c) && /Je peux ouvrir/.test(c.body.text ?? ''))).toHaveLength(1);
  });

  it('stores the conversation reference and meets the person by AAD id and the e-mail of the member look-up', async () => {
    await t.personal(TINA, 'help');
    await t.fake.waitFor(inChat(TINA));
    const ref = await t.s.t.uow.read.conversationRefs.personal('teams', TINA.aadObjectId);
    expect(ref).toMatchObject({ conversationId: personalChat(TINA), serviceUrl: t.fake.serviceUrl, tenantId: TENANT, botId: '28:helpdesk-bot', conversationType: 'personal' });
    const person = await t.s.t.uow.read.people.find({ by: 'aadObjectId', value: TINA.aadObjectId });
    expect(person).toMatchObject({ email: 'tina@exemple.fr', displayName: 'Tina Tech', locale: 'en' });
    expect(t.fake.calls.some((c) => c.method === 'GET' && c.path.endsWith(`/members/${encodeURIComponent(TINA.id)}`))).toBe(true);
  });

  it('"my tickets" / "mes tickets" lists the person\'s own tickets; help answers in their language', async () => {
    await t.personal(ALICE, 'mes tickets');
    const [none] = await t.fake.waitFor(inChat(ALICE));
    expect(none.body.text).toBe("Vous n'avez aucun ticket.");
    await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'Écran noir' }, replyToId: 'form-x' });
    await t.fake.waitFor((c) => inChat(ALICE)(c) && /Écran noir/.test(c.body.text ?? ''));
    await t.personal(BOB, 'help');
    await t.fake.waitFor(inChat(BOB));
    await t.personal(BOB, '', { value: { verb: 'file_ticket', title: 'Bob’s mouse' }, replyToId: 'form-y' });
    await t.fake.waitFor((c) => inChat(BOB)(c) && /mouse/.test(c.body.text ?? ''));
    t.fake.reset();
    await t.personal(ALICE, 'my tickets');
    const [list] = await t.fake.waitFor(inChat(ALICE));
    const listed = JSON.stringify(cardOf(list.body));
    expect(listed).toContain('Écran noir');
    expect(listed).not.toContain('mouse');
    await t.personal(ALICE, 'aide');
    await t.personal(TINA, 'help');
    const [fr] = await t.fake.waitFor((c) => inChat(ALICE)(c) && !!cardOf(c.body) && c !== list);
    const [en] = await t.fake.waitFor(inChat(TINA));
    expect(cardOf(fr.body)!.body[0].text).toBe('Helpdesk : aide');
    expect(cardOf(en.body)!.body[0].text).toBe('Helpdesk: help');
  });

  it('bad input gets a friendly sentence and writes nothing', async () => {
    await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: '   ' }, replyToId: 'form-z' });
    const [noTitle] = await t.fake.waitFor(inChat(ALICE));
    expect(noTitle.body.text).toMatch(/^La demande est invalide : title/);
    await t.personal(ALICE, 'setup technicians support');
    const where = (await t.fake.waitFor(inChat(ALICE), 2))[1];
    expect(where.body.text).toBe('Tapez cette commande dans le canal à configurer, en mentionnant @Helpdesk.');
    await t.personal(ALICE, 'role bob@exemple.fr admin');
    const forbidden = (await t.fake.waitFor(inChat(ALICE), 3))[2];
    expect(forbidden.body.text).toBe("Vous n'avez pas le droit de faire cela.");
    expect(await t.count('tickets')).toBe(0);
    const bad = await t.send({ type: 'message', text: 'no conversation' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_activity');
    const notJson = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(notJson.status).toBe(400);
  });

  it('a Bot Connector outage loses the answer (logged), never the ticket, and the next message is served', async () => {
    const toAlice = (c: { method: string; conversationId: string | null }) => c.method === 'POST' && c.conversationId === personalChat(ALICE);
    // Two failures: the connector client's one quick retry fails too.
    t.fake.failNext(toAlice, 503);
    t.fake.failNext(toAlice, 503);
    expect((await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'Clavier cassé' }, replyToId: 'form-outage' })).status).toBe(200);
    expect(await t.count('tickets')).toBe(1);
    t.fake.failNext(toAlice, 500);
    t.fake.failNext(toAlice, 500);
    expect((await t.personal(ALICE, 'aide')).status).toBe(200);
    await t.personal(ALICE, 'mes tickets');
    const [list] = await t.fake.waitFor((c) => inChat(ALICE)(c) && JSON.stringify(cardOf(c.body) ?? {}).includes('Clavier cassé'));
    expect(list).toBeDefined();
  });
});
