import { TEST_DATABASES } from '../../support/db';
import { nextId, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import type { SlackCall } from '../../support/fake-slack';
import { createPerson } from '../../../core/people/manage-people.service';
import { systemActor } from '../../../core/shared/actor';

const ALICE = 'UALICE001';
const EMMA = 'UEMMA0001';
const ADMIN = 'UADMIN001';

const buttons = (c: SlackCall) => (c.body.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : []));
const submission = (user: string, viewId: string, values: Record<string, any>, meta = '{}') => ({
  type: 'view_submission',
  user: { id: user },
  trigger_id: nextId('TRG'),
  view: { id: viewId, callback_id: 'report_modal', private_metadata: meta, state: { values } },
});

/** Issue 3, employees (R1, R2, R11): report in under a minute from Slack, follow one's own tickets. */
describe.each(TEST_DATABASES)('Slack: employees report and follow tickets (R1 R2 R11) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, {
      admins: ['admin@exemple.fr'],
      users: [
        { id: ALICE, name: 'Alice Martin', email: 'alice@exemple.fr', locale: 'fr-FR' },
        { id: EMMA, name: 'Emma Brown', email: 'emma@example.com', locale: 'en-US' },
        { id: ADMIN, name: 'Ada Admin', email: 'admin@exemple.fr', locale: 'en-GB' },
      ],
    });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    t.fake.reset();
    await t.s.t.reset();
  });

  it('/ticket text files at once with defaults, answers with the number and an "Edit details" button, and meets the person by e-mail', async () => {
    expect((await t.command('/ticket', ALICE, "L'imprimante du 2e étage affiche erreur 50.4")).status).toBe(200);
    const [reply] = await t.fake.waitFor('response_url');
    const n = Number(/#(\d+)/.exec(reply.body.text)![1]);
    expect(reply.body.text).toBe(`Ticket #${n} créé : L'imprimante du 2e étage affiche erreur 50.4`);
    expect(reply.body.response_type).toBe('ephemeral');
    expect(buttons(reply)).toEqual([expect.objectContaining({ action_id: 'ticket_edit', value: String(n), text: expect.objectContaining({ text: 'Modifier les détails' }) })]);
    expect(t.fake.of('users.info')[0].body.user).toBe(ALICE);
    const me = await t.s.t.uow.read.people.find({ by: 'slackUserId', value: ALICE });
    expect(me).toMatchObject({ email: 'alice@exemple.fr', displayName: 'Alice Martin', locale: 'fr', role: 'employee' });
    const ticket = await t.s.t.uow.read.tickets.get(n);
    expect(ticket).toMatchObject({ requesterId: me!.id, urgency: 'medium', sourceChannel: 'slack', status: 'new' });
  });

  it('links an existing person by e-mail instead of creating a second one, and answers in English for an English Slack', async () => {
    const existing = await createPerson(t.s.running.deps, systemActor('en'), { displayName: 'Emma B.', email: 'emma@example.com', role: 'employee' });
    await t.command('/ticket', EMMA, 'VPN drops every hour');
    await t.fake.waitFor('response_url');
    await t.command('/ticket', EMMA, 'Second one');
    const replies = await t.fake.waitFor('response_url', undefined, 2);
    expect(replies.map((r) => r.body.text)).toEqual([expect.stringMatching(/^Ticket #\d+ filed: VPN drops every hour$/), expect.stringMatching(/^Ticket #\d+ filed: Second one$/)]);
    expect(t.fake.of('users.info')).toHaveLength(1);
    expect(await t.count('people')).toBe(1);
    expect((await t.s.t.uow.read.people.get(existing.id))!.slackUserId).toBe(EMMA);
  });

  it('a replayed slash command (same trigger) files one ticket and is answered once (R19: the inbox knows its key)', async () => {
    const triggerId = nextId('TRG');
    expect((await t.command('/ticket', ALICE, 'Souris cassée', { triggerId })).status).toBe(200);
    expect((await t.command('/ticket', ALICE, 'Souris cassée', { triggerId })).status).toBe(200);
    const [reply] = await t.fake.waitFor('response_url');
    await settle();
    expect(await t.count('tickets')).toBe(1);
    expect(reply.body.text).toMatch(/créé/);
    expect(t.fake.of('response_url')).toHaveLength(1);
  });

  it('/ticket alone opens the report modal with the trigger id; submitting it files the ticket once and confirms in a DM', async () => {
    const triggerId = nextId('TRG');
    await t.command('/ticket', ALICE, '', { triggerId });
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body.trigger_id).toBe(triggerId);
    expect(open.body.view.callback_id).toBe('report_modal');
    const values = {
      title: { title: { type: 'plain_text_input', value: 'Écran noir' } },
      description: { description: { type: 'plain_text_input', value: 'Depuis ce matin' } },
      category: { category: { type: 'static_select', selected_option: { value: 'hardware' } } },
      urgency: { urgency: { type: 'static_select', selected_option: { value: 'high' } } },
    };
    expect((await t.interact(submission(ALICE, 'VREPORT1', values))).status).toBe(200);
    expect((await t.interact(submission(ALICE, 'VREPORT1', values))).status).toBe(200);
    const [dm] = await t.fake.waitFor('chat.postMessage', (b) => /Écran noir/.test(b.text));
    expect(dm.body.text).toMatch(/^Ticket #\d+ créé : Écran noir$/);
    expect(dm.body.channel).toBe(`D${ALICE}`);
    await settle();
    const all = await t.s.t.uow.read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 10 });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ title: 'Écran noir', urgency: 'high', priority: 2 });
  });

  it('"mes tickets" in a DM and /tickets list the person\'s own tickets', async () => {
    await t.command('/ticket', ALICE, 'Clavier qui colle');
    await t.fake.waitFor('response_url');
    await t.command('/ticket', EMMA, 'Not Alice');
    await t.fake.waitFor('response_url', undefined, 2);
    t.fake.reset();
    await t.event({ type: 'message', channel_type: 'im', channel: `D${ALICE}`, user: ALICE, text: 'mes tickets', ts: '1767000100.000100' });
    const [list] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    const shown = JSON.stringify(list.body.blocks);
    expect(shown).toContain('Clavier qui colle');
    expect(shown).not.toContain('Not Alice');
    await t.command('/tickets', ALICE, '');
    const [reply] = await t.fake.waitFor('response_url');
    expect(JSON.stringify(reply.body.blocks)).toContain('Clavier qui colle');
  });

  it('/helpdesk answers with help; setup binds the channel for admins only; role gives roles', async () => {
    await t.command('/helpdesk', ALICE, '');
    const [help] = await t.fake.waitFor('response_url');
    expect(help.body.blocks.length).toBeGreaterThan(0);

    await t.command('/helpdesk', ALICE, 'setup technicians Support poste', { channel: 'CSUPPORT1' });
    const [refused] = await t.fake.waitFor('response_url', undefined, 2).then((r) => r.slice(1));
    expect(refused.body.text).toBe("Vous n'avez pas le droit de faire cela.");
    expect(await t.count('channel_bindings')).toBe(0);
    expect(await t.count('services')).toBe(0);

    await t.command('/helpdesk', ADMIN, 'setup technicians Support poste', { channel: 'CSUPPORT1' });
    const bound = (await t.fake.waitFor('response_url', undefined, 3))[2];
    expect(bound.body).toMatchObject({ response_type: 'in_channel', text: 'This channel is now the queue of "Support poste": every new ticket is posted here.' });
    await t.command('/helpdesk', ADMIN, `role <@${ALICE}|alice> technician Support poste`, { channel: 'CSUPPORT1' });
    const roled = (await t.fake.waitFor('response_url', undefined, 4))[3];
    expect(roled.body.text).toBe('Alice Martin now has the technician role (service "Support poste").');
    const alice = await t.s.t.uow.read.people.find({ by: 'slackUserId', value: ALICE });
    expect(alice!.role).toBe('technician');
    expect(await t.s.t.uow.read.people.serviceIdsOf(alice!.id)).toHaveLength(1);
    await t.command('/helpdesk', ADMIN, 'setup managers', { channel: 'CMANAGERS' });
    expect((await t.fake.waitFor('response_url', undefined, 5))[4].body.text).toBe("This channel will receive the managers' reports.");
    expect(await t.count('channel_bindings')).toBe(2);
  });
});
