import { SLACK_MATRIX, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import { ALICE, queueWorld, SLACK_USERS, THEO } from '../../support/slack-world';

/** Issue 3: phone support files for callers (R1); the App Home tab works from phone and PC alike (R11). */
describe.each(SLACK_MATRIX)('Slack: /ticket for a caller and the App Home tab (R1 R11) on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: [...SLACK_USERS, { id: 'UBOB00001', name: 'Bob Durand', email: 'bob@exemple.fr', locale: 'fr-FR' }], mode });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await queueWorld(t);
    t.fake.reset();
  });

  it('a technician files for a Slack caller, who is told in a DM', async () => {
    await t.command('/ticket', THEO, `for <@${ALICE}|alice> Son PC ne démarre plus`);
    const [reply] = await t.fake.waitFor('response_url');
    const n = Number(/#(\d+)/.exec(reply.body.text)![1]);
    expect(reply.body.text).toBe(`Ticket #${n} créé pour <@${ALICE}|alice> : Son PC ne démarre plus`);
    const [dm] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(dm.body.text).toBe(`Théo Technicien a créé le ticket #${n} pour vous : Son PC ne démarre plus`);
    const alice = await t.s.t.uow.read.people.find({ by: 'slackUserId', value: ALICE });
    const theo = await t.s.t.uow.read.people.find({ by: 'slackUserId', value: THEO });
    expect(await t.s.t.uow.read.tickets.get(n)).toMatchObject({ requesterId: alice!.id, createdById: theo!.id, sourceChannel: 'phone' });
  });

  it('a technician files for a Slack user the helpdesk never met, and for an e-mail or a phone number', async () => {
    await t.command('/ticket', THEO, 'for <@UBOB00001> Écran cassé');
    await t.command('/ticket', THEO, 'for carla@exemple.fr Badge refusé');
    await t.command('/ticket', THEO, 'pour 0612345678 Téléphone muet');
    const replies = await t.fake.waitFor('response_url', undefined, 3);
    expect(replies).toHaveLength(3);
    expect(replies.map((r) => r.body.text)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Ticket #\d+ créé pour 0612345678 : Téléphone muet$/),
      expect.stringMatching(/^Ticket #\d+ créé pour <@UBOB00001> : Écran cassé$/),
      expect.stringMatching(/^Ticket #\d+ créé pour carla@exemple.fr : Badge refusé$/),
    ]));
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === 'DUBOB00001' && /pour vous/.test(b.text));
    expect(await t.s.t.uow.read.people.find({ by: 'email', value: 'bob@exemple.fr' })).toMatchObject({ slackUserId: 'UBOB00001', role: 'employee' });
    expect(await t.s.t.uow.read.people.find({ by: 'phone', value: '+33612345678' })).not.toBeNull();
  });

  it('an employee gets a clear refusal and nothing is created', async () => {
    const before = { tickets: await t.count('tickets'), people: await t.count('people') };
    await t.command('/ticket', ALICE, 'for <@UBOB00001> Écran cassé');
    const [reply] = await t.fake.waitFor('response_url');
    expect(reply.body.text).toBe("Seuls les techniciens et le support téléphonique peuvent créer un ticket pour quelqu'un d'autre. Pour vous-même : `/ticket description`.");
    await settle();
    expect({ tickets: await t.count('tickets'), people: await t.count('people') }).toEqual(before);
    expect(t.fake.of('chat.postMessage')).toEqual([]);
  });

  it('"/ticket for" without a description explains the usage', async () => {
    await t.command('/ticket', THEO, `for <@${ALICE}>`);
    const [reply] = await t.fake.waitFor('response_url');
    expect(reply.body.text).toMatch(/^Usage : `\/ticket for/);
  });

  it('the Home tab shows the person\'s tickets and a "Report an issue" button that opens the form', async () => {
    await t.event({ type: 'app_home_opened', user: ALICE, channel: `D${ALICE}`, tab: 'home' });
    const [home] = await t.fake.waitFor('views.publish');
    expect(home.body.user_id).toBe(ALICE);
    expect(home.body.view.type).toBe('home');
    const text = JSON.stringify(home.body.view.blocks);
    expect(text).toContain('Imprimante en panne');
    const button = home.body.view.blocks[0].elements[0];
    expect(button).toMatchObject({ action_id: 'report_issue', text: { text: 'Signaler un problème' } });
    await t.interact({ type: 'block_actions', user: { id: ALICE }, trigger_id: 'TRGHOME1', view: { id: 'VHOME' }, actions: [{ ...button, block_id: 'home', action_ts: '1' }] });
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body).toMatchObject({ trigger_id: 'TRGHOME1', view: { callback_id: 'report_modal' } });
  });
});
