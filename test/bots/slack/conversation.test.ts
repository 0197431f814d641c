import { nextId, SLACK_MATRIX, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import { BOT_USER } from '../../support/fake-slack';
import { ALICE, queueWorld, QUEUE, SLACK_USERS, THEO } from '../../support/slack-world';

const reportButton = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === 'report_issue');

/** Issue 3: a DM or a mention starts a report (R1, R2); card thread and DM talk to each other (R15, R4); retries are no-ops. */
describe.each(SLACK_MATRIX)('Slack: conversations, relay and replays (R1 R2 R4 R15) on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS, mode });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
  });

  it('a DM describing a problem gets a prefilled form, files #N on submit, and a retried event answers once', async () => {
    const event = { type: 'message', channel_type: 'im', channel: `D${ALICE}`, user: ALICE, text: 'mon imprimante ne marche plus', ts: '1767000200.000100' };
    const eventId = nextId('Ev');
    expect((await t.event(event, { eventId })).status).toBe(200);
    expect((await t.event(event, { eventId, retryNum: 1 })).status).toBe(200);
    const [offer] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(offer.body.text).toBe('Je peux ouvrir un ticket pour : « mon imprimante ne marche plus ». Vérifiez le formulaire et envoyez-le.');
    const button = reportButton(offer.body.blocks);
    expect(button).toMatchObject({ value: 'mon imprimante ne marche plus', text: { text: 'Signaler un problème' } });

    const triggerId = nextId('TRG');
    await t.interact({ type: 'block_actions', user: { id: ALICE }, trigger_id: triggerId, channel: { id: `D${ALICE}` }, actions: [{ ...button, type: 'button', block_id: 'b1', action_ts: '1' }] });
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body.trigger_id).toBe(triggerId);
    const inputs = JSON.stringify(open.body.view.blocks);
    expect(inputs).toContain('"initial_value":"mon imprimante ne marche plus"');
    await t.interact({ type: 'view_submission', user: { id: ALICE }, view: { id: nextId('V'), callback_id: 'report_modal', private_metadata: '{}', state: { values: { title: { title: { value: 'mon imprimante ne marche plus' } } } } } });
    const [filed] = await t.fake.waitFor('chat.postMessage', (b) => /^Ticket #\d+ créé/.test(b.text));
    expect(filed.body.text).toMatch(/^Ticket #\d+ créé : mon imprimante ne marche plus$/);
    await settle();
    expect(t.fake.of('chat.postMessage', (b) => /Je peux ouvrir/.test(b.text))).toHaveLength(1);
    expect(await t.count('tickets')).toBe(1);
  });

  it('an @mention in a channel answers the person privately with the form button, without the mention', async () => {
    await t.event({ type: 'app_mention', channel: 'CGENERAL1', user: ALICE, text: `<@${BOT_USER}> le wifi est très lent`, ts: '1767000300.000100' });
    const [offer] = await t.fake.waitFor('chat.postEphemeral');
    expect(offer.body).toMatchObject({ channel: 'CGENERAL1', user: ALICE });
    expect(reportButton(offer.body.blocks).value).toBe('le wifi est très lent');
    expect(await t.count('tickets')).toBe(0);
  });

  it('relays a technician thread reply to the requester, her DM reply back to the card, keeps [internal] notes internal, and stores each once', async () => {
    const { n, card } = await queueWorld(t);
    const [anchor] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && /^Ticket #/.test(b.text));
    const cardTs = card.result!.ts;
    const dmTs = anchor.result!.ts;
    t.fake.reset();

    const techReply = { type: 'message', channel_type: 'channel', channel: QUEUE, user: THEO, text: 'Je passe vous voir à 14h.', ts: '1767000400.000100', thread_ts: cardTs };
    const eventId = nextId('Ev');
    await t.event(techReply, { eventId });
    await t.event(techReply, { eventId, retryNum: 1 });
    const [toAlice] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(toAlice.body).toMatchObject({ thread_ts: dmTs, text: `#${n} · *Théo Technicien* : Je passe vous voir à 14h.` });

    await t.event({ type: 'message', channel_type: 'channel', channel: QUEUE, user: THEO, text: '[internal] toner HS, commande en cours', ts: '1767000401.000100', thread_ts: cardTs });
    await t.event({ type: 'message', channel_type: 'im', channel: `D${ALICE}`, user: ALICE, text: 'Merci, je serai là.', ts: '1767000402.000100', thread_ts: dmTs });
    const [toCard] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE);
    expect(toCard.body).toMatchObject({ thread_ts: cardTs, text: '*Alice Martin*: Merci, je serai là.' });

    // Slack also sends app_mention for "@Helpdesk ..." in the card thread: that is a reply, not a new report.
    await t.event({ type: 'app_mention', channel: QUEUE, user: THEO, text: `<@${BOT_USER}> on regarde`, ts: '1767000403.000100', thread_ts: cardTs });
    await settle();
    expect(t.fake.of('chat.postEphemeral')).toEqual([]);
    expect(t.fake.of('chat.postMessage', (b) => b.channel === `D${ALICE}`)).toHaveLength(1);
    const comments = await t.s.t.uow.read.comments.list(n, true);
    // The note and Alice's reply are worked on concurrently after their acks: their order is free.
    expect(comments).toHaveLength(3);
    expect(comments.map((c) => [c.body, c.internal, c.sender, c.channel])).toEqual(expect.arrayContaining([
      ['Je passe vous voir à 14h.', false, 'technician', 'slack'],
      ['toner HS, commande en cours', true, 'technician', 'slack'],
      ['Merci, je serai là.', false, 'customer', 'slack'],
    ]));
  });

});
