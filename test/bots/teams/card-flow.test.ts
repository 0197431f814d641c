import { TEST_DATABASES } from '../../support/db';
import { executeActions } from '../../cards/adaptive-check';
import { ALICE, ADMIN, BOB, cardOf, personalChat, QUEUE, settle, startTeamsServer, TeamsTestServer, THEO, TINA } from '../../support/teams';
import { queueWorld } from '../../support/teams-world';
import type { ConnectorCall } from '../../support/fake-bot-connector';

const text = (card: any) => JSON.stringify(card);
const answerCard = (r: { body: any }) => {
  expect(r.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return r.body.value;
};
const isCardUpdate = (cardId: string) => (c: ConnectorCall) => c.method === 'PUT' && c.conversationId === QUEUE && c.activityId === cardId;
const toAlice = (re: RegExp) => (c: ConnectorCall) => c.method === 'POST' && c.conversationId === personalChat(ALICE) && re.test(c.body.text ?? '');

/** Issue 4: technicians work tickets from Adaptive Cards in their channel (R12, R19, R4 chat, R15). */
describe.each(TEST_DATABASES)('Teams: technician cards in the service channel (R12 R19 R4 R15) on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());

  it('posts a new ticket as an Adaptive Card 1.5 in its bound channel, with Claim, Assign, Status and Resolve as Action.Execute', async () => {
    const { n, card } = await queueWorld(t);
    const c = cardOf(card.body)!;
    expect(c.version).toBe('1.5');
    expect(c.body[0].text).toBe(`#${n} Imprimante en panne`);
    expect(executeActions(c).map((a) => a.verb).sort()).toEqual(['ticket_assign', 'ticket_claim', 'ticket_refresh', 'ticket_resolve', 'ticket_status']);
    // The Assign choice lists the technicians met through Teams (by @mention and by e-mail).
    expect(text(c)).toContain('Théo Technicien');
    expect(text(c)).toContain('Tina Tech');
    // The outbox posted it and recorded where, so later changes replace this very message.
    await t.s.running.notifications.worker.idle();
    const rows = await t.s.t.uow.read.chat.messagesOf(n, 'teams');
    expect(rows.find((m) => m.kind === 'card')).toMatchObject({ channelId: QUEUE, messageTs: card.id });
  });

  it('two technicians claiming at once: one wins, the posted card is replaced for everyone, the other is told who took it', async () => {
    const { n, card } = await queueWorld(t);
    t.fake.reset();
    const [a, b] = await Promise.all([
      t.execute(THEO, 'ticket_claim', { ticket: n }, { replyToId: card.id }),
      t.execute(TINA, 'ticket_claim', { ticket: n }, { replyToId: card.id }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const ticket = (await t.s.t.uow.read.tickets.get(n))!;
    expect(ticket.assigneeIds).toHaveLength(1);
    const winner = (await t.s.t.uow.read.people.get(ticket.assigneeIds[0]))!;
    const [winnerAnswer, loserAnswer] = winner.email === THEO.email ? [a, b] : [b, a];
    expect(text(answerCard(winnerAnswer))).not.toContain('Nothing was changed');
    const refusal = answerCard(loserAnswer);
    expect(refusal.body[0].items[0].text).toMatch(/^(Rien n’a été modifié|Nothing was changed)$/);
    expect(refusal.body[0].items[1].text).toContain(`already taken by ${winner.displayName}`);
    const [update] = await t.fake.waitFor(isCardUpdate(card.id!));
    expect(text(cardOf(update.body))).toContain(winner.displayName);
    const [line] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE && c.activityId === card.id);
    expect(line.body.text).toBe(`${winner.displayName} claimed the ticket.`);
    const [dm] = await t.fake.waitFor(toAlice(/Technicien/));
    // Sent by the notification outbox (R4): the status line, the ticket's link, how to answer.
    expect(dm.body.text).toMatch(new RegExp(`^Ticket #${n} « Imprimante en panne » : Assigné\\. Technicien : ${winner.displayName}\\. Échéance : .+\\.\n\n\\[.+/tickets/${n}\\]\\(https?://.+/tickets/${n}\\)\n\nPour répondre : citez ce message, ou écrivez « #${n} » suivi de votre message\\.$`));
    await settle();
    expect(t.fake.sent(isCardUpdate(card.id!))).toHaveLength(1);
  });

  it('assigns two people at once from the choice set, and unticking removes one', async () => {
    const { n, card } = await queueWorld(t);
    const theo = (await t.s.t.uow.read.people.find({ by: 'email', value: THEO.email! }))!;
    const tina = (await t.s.t.uow.read.people.find({ by: 'email', value: TINA.email! }))!;
    t.fake.reset();
    const r = await t.execute(ADMIN, 'ticket_assign', { ticket: n, assignees: `${theo.id},${tina.id}` }, { replyToId: card.id });
    expect(text(answerCard(r))).toContain('Tina Tech');
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds.sort()).toEqual([theo.id, tina.id].sort());
    const [update] = await t.fake.waitFor(isCardUpdate(card.id!));
    expect(text(cardOf(update.body))).toMatch(/Théo Technicien.*Tina Tech|Tina Tech.*Théo Technicien/);
    await t.fake.waitFor(toAlice(/Technicien : (Théo Technicien, Tina Tech|Tina Tech, Théo Technicien)/));
    await t.execute(ADMIN, 'ticket_assign', { ticket: n, assignees: `${tina.id}` }, { replyToId: card.id });
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toEqual([tina.id]);
  });

  it('status and resolve change the ticket, replace the card and tell the requester; resolving needs a resolution', async () => {
    const { n, card } = await queueWorld(t);
    t.fake.reset();
    await t.execute(THEO, 'ticket_status', { ticket: n, status: 'in_progress' }, { replyToId: card.id });
    expect((await t.s.t.uow.read.tickets.get(n))!.status).toBe('in_progress');
    await t.fake.waitFor(toAlice(/: En cours\./));
    const empty = answerCard(await t.execute(THEO, 'ticket_resolve', { ticket: n, resolution: '  ' }, { replyToId: card.id }));
    expect(text(empty)).toContain('Say how ticket');
    expect((await t.s.t.uow.read.tickets.get(n))!.status).toBe('in_progress');
    await t.execute(THEO, 'ticket_resolve', { ticket: n, resolution: 'Toner remplacé' }, { replyToId: card.id });
    const ticket = (await t.s.t.uow.read.tickets.get(n))!;
    expect([ticket.status, ticket.resolution]).toEqual(['resolved', 'Toner remplacé']);
    await t.fake.waitFor(toAlice(/: Résolu\./));
    const updates = await t.fake.waitFor(isCardUpdate(card.id!), 2);
    expect(text(cardOf(updates[1].body))).toContain('Toner remplacé');
  });

  it('refuses a press by an employee with a card saying why, and changes nothing', async () => {
    const { n, card } = await queueWorld(t);
    await t.personal(BOB, 'help');
    await t.fake.waitFor((c) => c.conversationId === personalChat(BOB));
    const audit = await t.count('audit_entries');
    t.fake.reset();
    for (const [verb, data] of [['ticket_claim', {}], ['ticket_status', { status: 'cancelled' }], ['ticket_resolve', { resolution: 'x' }]] as const) {
      const c = answerCard(await t.execute(BOB, verb, { ticket: n, ...data }, { replyToId: card.id }));
      expect(c.body[0].text).toBe('Nothing was changed');
      expect(c.body[1].text).toBe(`Ticket #${n} was not found.`);
    }
    // The requester sees her ticket but may not work it: told so in French, above the card she may see.
    const own = answerCard(await t.execute(ALICE, 'ticket_claim', { ticket: n }, { replyToId: card.id }));
    expect(own.body[0].items.map((b: any) => b.text)).toEqual(['Rien n’a été modifié', "Vous n'avez pas le droit de faire cela."]);
    expect(executeActions(own).map((a) => a.verb)).toEqual(['ticket_refresh']);
    const forged = answerCard(await t.execute(THEO, 'ticket_claim', { ticket: 'DROP TABLE' }, { replyToId: card.id }));
    expect(forged.body[1].text).toBe('The request is invalid: ticket: invalid.');
    await settle();
    expect(t.fake.sent()).toEqual([]);
    expect(await t.count('audit_entries')).toBe(audit);
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toEqual([]);
  });

  it('a resent invoke (same activity id) changes nothing a second time', async () => {
    const { n, card } = await queueWorld(t);
    t.fake.reset();
    const id = 'invoke-resent-1';
    await t.execute(THEO, 'ticket_status', { ticket: n, status: 'in_progress' }, { replyToId: card.id, id });
    await t.fake.waitFor(isCardUpdate(card.id!));
    const again = await t.execute(THEO, 'ticket_status', { ticket: n, status: 'in_progress' }, { replyToId: card.id, id });
    expect(text(answerCard(again))).not.toContain('Nothing was changed');
    await settle();
    expect(t.fake.sent(isCardUpdate(card.id!))).toHaveLength(1);
    const changes = (await t.s.t.uow.read.audit.forTicket(n)).filter((e) => e.action === 'status_changed');
    expect(changes).toHaveLength(1);
  });

  it('relays a technician reply in the card thread to the requester, her reply back to the thread; [internal] stays internal', async () => {
    const { n, card } = await queueWorld(t);
    t.fake.reset();
    await t.channel(THEO, 'Pouvez-vous redémarrer l’imprimante ?', { rootId: card.id });
    const [relayed] = await t.fake.waitFor(toAlice(/redémarrer/));
    expect(relayed.body.text).toBe(`#${n} · *Théo Technicien* : Pouvez-vous redémarrer l’imprimante ?\n\n[helpdesk.example.test/tickets/${n}](https://helpdesk.example.test/tickets/${n})\n\nPour répondre : citez ce message, ou écrivez « #${n} » suivi de votre message.`);
    await t.channel(THEO, '[internal] le modèle est en fin de vie', { rootId: card.id });
    await t.personal(ALICE, 'Toujours en panne après redémarrage', { replyToId: relayed.id });
    const [back] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE && c.activityId === card.id && /Toujours/.test(c.body.text));
    expect(back.body.text).toBe('*Alice Martin*: Toujours en panne après redémarrage');
    // Without quoting, "#N words" is a reply too; someone else's ticket number is refused.
    await t.personal(ALICE, `#${n} Le voyant clignote en orange`);
    await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE && c.activityId === card.id && /voyant/.test(c.body.text));
    await t.personal(BOB, `#${n} je m'invite`);
    const [refused] = await t.fake.waitFor((c) => c.conversationId === personalChat(BOB));
    expect(refused.body.text).toBe(`Ticket #${n} was not found.`);
    await settle();
    expect(t.fake.sent(toAlice(/fin de vie/))).toEqual([]);
    const comments = await t.s.t.uow.read.comments.list(n, true);
    expect(comments.map((c) => [c.body, c.internal])).toEqual([
      ['Pouvez-vous redémarrer l’imprimante ?', false],
      ['le modèle est en fin de vie', true],
      ['Toujours en panne après redémarrage', false],
      ['Le voyant clignote en orange', false],
    ]);
  });
});
