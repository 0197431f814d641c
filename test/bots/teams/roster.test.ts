import { TEST_DATABASES } from '../../support/db';
import { ADMIN, BOB, personalChat, QUEUE, startTeamsServer, TEAM, TeamsTestServer } from '../../support/teams';
import { parseHelpdeskCommand } from '../../../core/chat/chat-command';
import { queueWorld } from '../../support/teams-world';
import type { FakeTeamsUser } from '../../support/fake-bot-connector';

const ROSA: FakeTeamsUser = { id: '29:rosa', aadObjectId: '00000000-0000-4000-9000-000000000077', name: 'Rosa Roster', email: 'rosa@exemple.fr', locale: 'fr-FR' };

/** Teams without a directory: a teammate the bot never met is found in the team's roster (R6, R12). */
describe.each(TEST_DATABASES)('Teams: roles by e-mail from the team roster (R6 R12) on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());

  it('R6: `role <e-mail> technician <service>` for a teammate known only from the roster works, then that technician claims the card', async () => {
    const { n, card } = await queueWorld(t);
    t.fake.addUser(ROSA);
    // Rosa joined the team after the install and never wrote to the bot (roster pages of two).
    t.fake.setRoster(TEAM, [ADMIN, ROSA, { ...ROSA, id: '29:other', aadObjectId: '00000000-0000-4000-9000-000000000078', name: 'Other', email: 'other@exemple.fr' }]);
    expect(await t.s.t.uow.read.people.find({ by: 'email', value: ROSA.email! })).toBeNull();
    t.fake.reset();
    await t.channel(ADMIN, `role ${ROSA.email} technician support`);
    const [answer] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId?.startsWith(QUEUE) === true);
    expect(answer.body.text).toContain('Rosa Roster');
    expect(t.fake.calls.filter((c) => c.path.endsWith('/pagedmembers')).length).toBe(2);
    const rosa = (await t.s.t.uow.read.people.find({ by: 'email', value: ROSA.email! }))!;
    expect(rosa).toMatchObject({ role: 'technician', aadObjectId: ROSA.aadObjectId });
    const r = await t.execute(ROSA, 'ticket_claim', { ticket: n }, { replyToId: card.id });
    expect(r.status).toBe(200);
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toEqual([rosa.id]);
  });

  it('R6: an e-mail neither known nor in the roster is still "not found", politely', async () => {
    await queueWorld(t);
    t.fake.reset();
    await t.channel(ADMIN, 'role ghost@exemple.fr technician support');
    const [answer] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId?.startsWith(QUEUE) === true);
    expect(answer.body.text).toMatch(/ghost@exemple\.fr/);
    expect(await t.s.t.uow.read.people.find({ by: 'email', value: 'ghost@exemple.fr' })).toBeNull();
  });

  it('R6: `directory map <group> technician <service>` in chat maps a directory group as data (admins only), in French and English', async () => {
    await queueWorld(t);
    t.fake.reset();
    await t.channel(ADMIN, 'directory map IT-Support-Poste technician support');
    const [answer] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId?.startsWith(QUEUE) === true);
    expect(answer.body.text).toBe('Group IT-Support-Poste: technicians support. Applied at the next directory sync.');
    expect(await t.s.t.uow.read.directory.maps()).toEqual([expect.objectContaining({ groupRef: 'IT-Support-Poste', role: 'technician' })]);
    await t.personal(BOB, 'annuaire associer IT-Managers responsable');
    const [refused] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === personalChat(BOB));
    expect(refused.body.text).toMatch(/not allowed|pas le droit/);
    expect(await t.s.t.uow.read.directory.maps()).toHaveLength(1);
  });
});

describe('directory chat words (R6)', () => {
  it.each([
    ['directory map IT-Support-Poste technician poste', { kind: 'directory_map', group: 'IT-Support-Poste', role: 'technician', service: 'poste' }],
    ['annuaire associer IT-Managers responsable', { kind: 'directory_map', group: 'IT-Managers', role: 'manager' }],
    ['annuaire groupes', { kind: 'directory_groups' }],
    ['directory map IT-Support employee', { kind: 'help' }],
  ])('%s', (text, intent) => {
    expect(parseHelpdeskCommand(text)).toEqual(intent);
  });
});
