import { TEST_DATABASES } from '../../support/db';
import { ALICE, cardOf, QUEUE, settle, startTeamsServer, TeamsTestServer, THEO, TINA } from '../../support/teams';
import { queueWorld } from '../../support/teams-world';

const submit = (data: Record<string, unknown>) => ({ commandId: 'newTicketForCaller', commandContext: 'compose', data });

/** Issue 4 deliverable 7: phone support files for a caller from Teams (R1), technicians only. */
describe.each(TEST_DATABASES)('Teams: "New ticket for a caller" message extension (R1) on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());

  it('a technician files for a caller known by e-mail: the card reaches the queue, the caller hears in Teams; a resend files once', async () => {
    await queueWorld(t);
    t.fake.reset();
    const before = await t.count('tickets');
    const id = 'ext-submit-1';
    const r = await t.invoke(THEO, 'composeExtension/submitAction', submit({ caller: ALICE.email, description: 'Appel : plus de son dans Teams\ndepuis la mise à jour' }), { id });
    expect(r.status).toBe(200);
    expect(r.body.task.type).toBe('message');
    expect(r.body.task.value).toMatch(/^Ticket #\d+ filed for alice@exemple\.fr: Appel : plus de son dans Teams$/);
    const again = await t.invoke(THEO, 'composeExtension/submitAction', submit({ caller: ALICE.email, description: 'Appel : plus de son dans Teams\nx' }), { id });
    expect(again.body.task.value).toBe(r.body.task.value);
    expect(await t.count('tickets')).toBe(before + 1);
    const n = Number(/#(\d+)/.exec(r.body.task.value)![1]);
    const ticket = (await t.s.t.uow.read.tickets.get(n))!;
    const [alice, theo] = [await t.s.t.uow.read.people.find({ by: 'email', value: ALICE.email! }), await t.s.t.uow.read.people.find({ by: 'email', value: THEO.email! })];
    expect([ticket.requesterId, ticket.createdById, ticket.sourceChannel]).toEqual([alice!.id, theo!.id, 'phone']);
    await t.fake.waitFor((c) => c.conversationId === QUEUE && JSON.stringify(cardOf(c.body) ?? {}).includes('plus de son'));
    const [told] = await t.fake.waitFor((c) => c.conversationId === 'a:dm-alice' && /pour vous/.test(c.body.text ?? ''));
    // From the outbox (retried through an outage): the sentence, the ticket's link, how to reply.
    expect(told.body.text).toBe(`Théo Technicien a créé le ticket #${n} pour vous : Appel : plus de son dans Teams\n\n[helpdesk.example.test/tickets/${n}](https://helpdesk.example.test/tickets/${n})\n\nPour répondre : citez ce message, ou écrivez « #${n} » suivi de votre message.`);
  });

  it('a new caller by phone number becomes a person with the name given', async () => {
    await queueWorld(t);
    const r = await t.invoke(TINA, 'composeExtension/submitAction', submit({ caller: '06 12 34 56 78', name: 'Jean Appelant', description: 'Mot de passe expiré' }));
    expect(r.body.task.value).toMatch(/^Ticket #\d+ filed for Jean Appelant: Mot de passe expiré$/);
    expect(await t.s.t.uow.read.people.find({ by: 'phone', value: '+33612345678' })).toMatchObject({ displayName: 'Jean Appelant', role: 'employee' });
  });

  it('is refused to employees and without a caller, in their language, and files nothing', async () => {
    await queueWorld(t);
    const before = await t.count('tickets');
    const employee = await t.invoke(ALICE, 'composeExtension/submitAction', submit({ caller: 'bob@exemple.fr', description: 'pour Bob' }));
    expect(employee.body.task.value).toBe('Seuls les techniciens et le support téléphonique peuvent créer un ticket pour un appelant.');
    const noCaller = await t.invoke(THEO, 'composeExtension/submitAction', submit({ caller: '  ', description: 'sans appelant' }));
    expect(noCaller.body.task.value).toBe("Give the caller's e-mail or phone number, and the problem.");
    const unknown = await t.invoke(THEO, 'composeExtension/submitAction', submit({ caller: 'not a person', description: 'x' }));
    expect(unknown.body.task.value).toBe('No such person: not a person.');
    await settle();
    expect(await t.count('tickets')).toBe(before);
  });
});
