import { TEST_DATABASES } from '../../support/db';
import { ADMIN, ALICE, BOB, GENERAL, personalChat, QUEUE, startTeamsServer, TEAM, TeamsTestServer, THEO } from '../../support/teams';
import { installInTeam } from '../../support/teams-world';
import type { ConnectorCall } from '../../support/fake-bot-connector';

const inChannel = (channel: string) => (c: ConnectorCall) => c.method === 'POST' && c.conversationId?.startsWith(channel) === true;

/** Issue 4 deliverable 4: installing records the team's channels; admins bind channels and give roles with @mentions (R12, R9). */
describe.each(TEST_DATABASES)('Teams: install, channel setup and roles (R12 R9) on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
  });

  it('installing the app in a team records every channel of the team, and the install in a personal chat greets', async () => {
    await installInTeam(t);
    const refs = await t.s.t.uow.read.conversationRefs.ofTeam('teams', TEAM);
    expect(refs.map((r) => [r.conversationId, r.conversationType, r.serviceUrl]).sort()).toEqual([
      [GENERAL, 'channel', t.fake.serviceUrl],
      [QUEUE, 'channel', t.fake.serviceUrl],
    ]);
    const [hello] = await t.fake.waitFor(inChannel(GENERAL));
    expect(hello.body.text).toMatch(/^Helpdesk is installed/);
    await t.personal(ALICE, '', { type: 'conversationUpdate', membersAdded: [{ id: '28:helpdesk-bot' }], text: undefined });
    const [welcome] = await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE));
    expect(welcome.body.text).toBe('Bonjour ! Décrivez-moi votre problème informatique et je vous aide, ou tapez « aide ».');
    expect(await t.s.t.uow.read.conversationRefs.personal('teams', ALICE.aadObjectId)).not.toBeNull();
  });

  it('an admin binds a channel to a service (created) and another to the managers; a role is given by @mention', async () => {
    await installInTeam(t);
    await t.channel(ADMIN, 'setup technicians Support Informatique');
    const [bound] = await t.fake.waitFor(inChannel(QUEUE));
    expect(bound.body.text).toBe('This channel is now the queue of "Support Informatique": every new ticket is posted here.');
    const svc = (await t.s.t.uow.read.services.findBySlug('support-informatique'))!;
    expect(await t.s.t.uow.read.chat.binding('teams', QUEUE, 'technicians')).toMatchObject({ serviceId: svc.id, teamId: TEAM });
    await t.channel(ADMIN, 'setup managers', { channel: GENERAL });
    await t.fake.waitFor((c) => inChannel(GENERAL)(c) && /managers/.test(c.body.text));
    expect(await t.s.t.uow.read.chat.binding('teams', GENERAL, 'managers')).not.toBeNull();
    await t.channel(ADMIN, `role <at>${THEO.name}</at> technician Support Informatique`, { mentions: [THEO] });
    const [role] = await t.fake.waitFor((c) => inChannel(QUEUE)(c) && /role/.test(c.body.text));
    expect(role.body.text).toBe('Théo Technicien now has the technician role (service "Support Informatique").');
    const theo = (await t.s.t.uow.read.people.find({ by: 'aadObjectId', value: THEO.aadObjectId }))!;
    expect(theo).toMatchObject({ role: 'technician', email: 'theo@exemple.fr' });
    expect(await t.s.t.uow.read.people.serviceIdsOf(theo.id)).toEqual([svc.id]);
  });

  it('an employee cannot bind or give roles; usage is explained; messages without a mention outside a ticket thread are ignored', async () => {
    await installInTeam(t);
    t.fake.reset();
    await t.channel(BOB, 'setup technicians support');
    const [refused] = await t.fake.waitFor(inChannel(QUEUE));
    expect(refused.body.text).toBe('You are not allowed to do that.');
    await t.channel(BOB, `role <at>${THEO.name}</at> admin`, { mentions: [THEO] });
    await t.fake.waitFor(inChannel(QUEUE), 2);
    expect(t.fake.sent(inChannel(QUEUE))[1].body.text).toBe('You are not allowed to do that.');
    expect(await t.s.t.uow.read.people.find({ by: 'aadObjectId', value: THEO.aadObjectId })).toBeNull();
    await t.channel(ADMIN, 'setup');
    await t.fake.waitFor(inChannel(QUEUE), 3);
    expect(t.fake.sent(inChannel(QUEUE))[2].body.text).toMatch(/^Usage: `@Helpdesk setup technicians ‹service›`/);
    await t.channel(THEO, 'just chatting with colleagues', { mention: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.sent(inChannel(QUEUE))).toHaveLength(3);
    // Reading the channel is not meeting anyone: Théo is still unknown.
    expect(await t.s.t.uow.read.people.find({ by: 'aadObjectId', value: THEO.aadObjectId })).toBeNull();
    expect(await t.s.t.uow.read.chat.bindingsFor('teams', 'technicians', null)).toEqual([]);
  });

  it('"my tickets" asked in a channel is answered in the personal chat, opened if needed (R16)', async () => {
    await installInTeam(t);
    await t.channel(ADMIN, 'my tickets');
    const [here] = await t.fake.waitFor(inChannel(QUEUE));
    expect(here.body.text).toBe('I answered you in a private chat.');
    const [opened] = await t.fake.waitFor((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(opened.body.members).toEqual([{ id: ADMIN.aadObjectId }]);
    const [list] = await t.fake.waitFor((c) => c.conversationId === opened.id);
    expect(list.body.text).toBe('You have no tickets.');
  });
});
