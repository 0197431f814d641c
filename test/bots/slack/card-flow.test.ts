import { nextId, SLACK_MATRIX, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import { ADMIN, ALICE, press, queueWorld, QUEUE, SLACK_USERS, THEO, TINA } from '../../support/slack-world';
import type { SlackCall } from '../../support/fake-slack';

const cardText = (c: SlackCall) => JSON.stringify(c.body.blocks);

/** Issue 3, technicians work tickets from cards (R12, R19, R4 chat): every change through core, shown in place. */
describe.each(SLACK_MATRIX)('Slack: technician cards in the service channel (R12 R19 R4) on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS, mode });
  });
  afterAll(() => t.close());

  const world = () => queueWorld(t);

  it('posts a new ticket as a card in its service channel, with Claim, Assign, Status, Resolve and Note', async () => {
    const { n, card } = await world();
    expect(card.body.blocks[0].text.text).toBe(`#${n} Imprimante en panne`);
    const actions = card.body.blocks.find((b: any) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id).sort()).toEqual(['ticket_assign', 'ticket_claim', 'ticket_note', 'ticket_resolve', 'ticket_status']);
  });

  it('one way out: the presser sees the new card at once through respond, the outbox updates the posted card in place and adds one line, nothing is posted twice', async () => {
    const { n, card } = await world();
    await t.s.running.notifications.worker.idle();
    t.fake.reset();
    await t.interact({ ...press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }), response_url: t.fake.responseUrl(nextId('R')), container: { type: 'message', channel_id: QUEUE, message_ts: card.result?.ts } });
    const [shown] = await t.fake.waitFor('response_url');
    expect(shown.body.replace_original).toBe(true);
    expect(JSON.stringify(shown.body.blocks)).toContain('Théo Technicien');
    const [update] = await t.fake.waitFor('chat.update');
    expect(update.body.ts).toBe(card.result?.ts);
    expect(JSON.stringify(update.body.blocks)).toContain('Théo Technicien');
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts);
    await t.s.running.notifications.worker.idle();
    await settle();
    // No second card, no second line, no second update: the outbox did it once, the presser's answer was no post.
    expect(t.fake.of('chat.postMessage', (b) => b.channel === QUEUE && !b.thread_ts)).toEqual([]);
    expect(t.fake.of('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts)).toHaveLength(1);
    expect(t.fake.of('chat.update')).toHaveLength(1);
    expect(await t.count('ticket_messages')).toBe((await t.s.t.uow.read.chat.messagesOf(n, 'slack')).length);
  });

  it('a ticket filed with /ticket and no category (not routed yet) reaches every technicians\' channel', async () => {
    await world();
    t.fake.reset();
    await t.command('/ticket', ALICE, 'Je ne sais pas à qui demander');
    const [card] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE);
    expect(card.body.blocks[0].text.text).toMatch(/^#\d+ Je ne sais pas à qui demander$/);
  });

  it('two technicians claiming at once: one wins, the card shows them, the other hears who took it', async () => {
    const { n } = await world();
    t.fake.reset();
    await Promise.all([t.interact(press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' })), t.interact(press(TINA, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }))]);
    const [update] = await t.fake.waitFor('chat.update');
    const [refusal] = await t.fake.waitFor('chat.postEphemeral');
    const ticket = await t.s.t.uow.read.tickets.get(n);
    expect(ticket!.assigneeIds).toHaveLength(1);
    const winner = (await t.s.t.uow.read.people.get(ticket!.assigneeIds[0]))!;
    const loser = winner.slackUserId === THEO ? TINA : THEO;
    expect(cardText(update)).toContain(winner.displayName);
    expect(update.body).toMatchObject({ channel: QUEUE, ts: expect.any(String) });
    expect(refusal.body.user).toBe(loser);
    expect(refusal.body.text).toContain(winner.displayName);
    const [line] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts);
    expect(line.body.text).toMatch(new RegExp(`^${winner.displayName} (a pris|claimed)`));
    const [dm] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && /Technicien/.test(b.text));
    expect(dm.body.text).toMatch(new RegExp(`^Ticket #${n} « Imprimante en panne » : Assigné\\. Technicien : ${winner.displayName}\\. Échéance : .+\\.$`));
    await settle();
    expect(t.fake.of('chat.update')).toHaveLength(1);
  });

  it('assigns two people at once from the multi-user select', async () => {
    const { n } = await world();
    t.fake.reset();
    await t.interact(press(ADMIN, n, { action_id: 'ticket_assign', type: 'multi_users_select', selected_users: [THEO, TINA] }));
    const [update] = await t.fake.waitFor('chat.update');
    expect(cardText(update)).toContain('Théo Technicien');
    expect(cardText(update)).toContain('Tina Tech');
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toHaveLength(2);
  });

  it('changes status from the select and resolves through the modal; the requester hears each change', async () => {
    const { n } = await world();
    await t.interact(press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }));
    await t.fake.waitFor('chat.update');
    t.fake.reset();
    await t.interact(press(THEO, n, { action_id: 'ticket_status', type: 'static_select', selected_option: { value: `${n}:in_progress` } }));
    const [update] = await t.fake.waitFor('chat.update');
    // Channel cards speak the deployment's language (HELPDESK_LOCALE=en in tests); Alice reads French.
    expect(cardText(update)).toContain('In progress');
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && /En cours/.test(b.text));

    const resolvePress = press(THEO, n, { action_id: 'ticket_resolve', value: String(n), type: 'button' });
    await t.interact(resolvePress);
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body).toMatchObject({ trigger_id: resolvePress.trigger_id, view: { callback_id: 'resolve_modal', private_metadata: String(n) } });
    await t.interact({ type: 'view_submission', user: { id: THEO }, view: { id: nextId('V'), callback_id: 'resolve_modal', private_metadata: String(n), state: { values: { resolution: { resolution: { value: 'Toner remplacé' } } } } } });
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && /Résolu/.test(b.text));
    const resolved = await t.s.t.uow.read.tickets.get(n);
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Toner remplacé' });
    const updates = await t.fake.waitFor('chat.update', undefined, 2);
    expect(cardText(updates[1])).toContain('Toner remplacé');
  });

  it('refuses a press by someone who may not do it, ephemerally, and changes nothing', async () => {
    const { n } = await world();
    t.fake.reset();
    await t.interact(press(ALICE, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }));
    await t.interact(press(ALICE, n, { action_id: 'ticket_assign', type: 'multi_users_select', selected_users: ['UNOBODY01'] }));
    await t.interact(press(ALICE, n + 1000, { action_id: 'ticket_claim', value: String(n + 1000), type: 'button' }));
    const refusals = await t.fake.waitFor('chat.postEphemeral', undefined, 3);
    // Each press is worked on after its own ack, so the answers may arrive in any order.
    expect(refusals.map((r) => r.body.text).sort()).toEqual(["Vous n'avez pas le droit de faire cela.", "Vous n'avez pas le droit de faire cela.", `Le ticket #${n + 1000} est introuvable.`].sort());
    await settle();
    expect(t.fake.of('chat.update')).toEqual([]);
    expect(await t.s.t.uow.read.tickets.get(n)).toMatchObject({ status: 'new', assigneeIds: [] });
    expect(await t.s.t.uow.read.people.find({ by: 'slackUserId', value: 'UNOBODY01' })).toBeNull();
  });
});

describe.each(SLACK_MATRIX)('Slack: follow-ups never undo the work (R12 R19) on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS, mode });
  });
  afterAll(() => t.close());

  it('choosing "Resolved" in the Status select asks for the resolution instead of failing', async () => {
    const { n } = await queueWorld(t);
    t.fake.reset();
    const p = press(THEO, n, { action_id: 'ticket_status', type: 'static_select', selected_option: { value: `${n}:resolved` } });
    await t.interact(p);
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body).toMatchObject({ trigger_id: p.trigger_id, view: { callback_id: 'resolve_modal', private_metadata: String(n) } });
    expect((await t.s.t.uow.read.tickets.get(n))!.status).toBe('new');
  });

  it('a card update Slack refuses is logged; the claim stands and the thread line and requester DM still go out', async () => {
    const { n } = await queueWorld(t);
    t.fake.reset();
    t.fake.failNext('chat.update', 'message_not_found');
    await t.interact(press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }));
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts);
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect((await t.s.t.uow.read.tickets.get(n))!.status).toBe('assigned');
    expect(t.fake.of('chat.postEphemeral')).toEqual([]);
  });
});
