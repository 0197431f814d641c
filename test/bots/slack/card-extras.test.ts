import { TEST_DATABASES } from '../../support/db';
import { nextId, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import type { SlackCall } from '../../support/fake-slack';
import { ADMIN, ALICE, press, queueWorld, QUEUE, SLACK_USERS, THEO, TINA } from '../../support/slack-world';
import { createArticle } from '../../../core/kb/create-article.service';
import { systemActor } from '../../../core/shared/actor';
import { createService } from '../../../core/people/manage-services.service';
import { createTicket } from '../../../core/tickets/create-ticket.service';
import { assignTicket } from '../../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../../core/tickets/change-status.service';

const actionIds = (c: SlackCall) => (c.body.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));
const element = (c: SlackCall, id: string) => (c.body.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === id);

/** Issue 8 items 4-5 and issue 3's Note and Remove on the technician card (R15, R19). */
describe.each(TEST_DATABASES)('Slack: suggestions, articles from tickets, notes and removals on the card (R15 R19) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS });
  });
  afterAll(() => t.close());

  const resolve = async (n: number, resolution: string) => {
    await t.interact(press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }));
    await t.fake.waitFor('chat.update');
    await t.interact({ type: 'view_submission', user: { id: THEO }, view: { id: nextId('V'), callback_id: 'resolve_modal', private_metadata: String(n), state: { values: { resolution: { resolution: { value: resolution } } } } } });
    return (await t.fake.waitFor('chat.update', undefined, 2))[1];
  };

  it('a new ticket\'s card gets related articles and similar resolved tickets in its thread; a resolved card turns into a draft article once', async () => {
    const { n, card } = await queueWorld(t);
    expect(t.fake.of('chat.postMessage', (b) => b.thread_ts === card.result!.ts)).toEqual([]); // nothing to suggest yet
    const resolved = await resolve(n, 'Toner remplacé, imprimante relancée');
    expect(actionIds(resolved)).toContain('kb_draft');
    const deps = t.s.running.deps;
    const article = await createArticle(deps, systemActor('fr'), { title: 'Imprimante en panne : changer le toner', body: 'Ouvrir le capot, remplacer la cartouche.', audience: 'technicians', language: 'fr', publish: true });
    // Another service's resolved ticket, as similar as can be: the support channel must not see it (R9).
    await createService(deps, systemActor('fr'), { name: 'Direction' });
    const other = (await createTicket(deps, systemActor('fr'), { title: 'Imprimante en panne direction', service: 'direction', requester: 'alice@exemple.fr' })).ticket.id;
    await assignTicket(deps, systemActor('fr'), other, { add: ['theo@exemple.fr'] });
    await changeStatus(deps, systemActor('fr'), other, { status: 'resolved', resolution: 'Secret de la direction' });
    t.fake.reset();

    await t.interact({ type: 'view_submission', user: { id: ALICE }, view: { id: nextId('V'), callback_id: 'report_modal', private_metadata: '{}', state: { values: { title: { title: { value: 'Imprimante en panne au 3e' } }, category: { category: { selected_option: { value: 'hardware' } } } } } } });
    const [second] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && !b.thread_ts);
    const [hint] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts === second.result!.ts);
    const shown = JSON.stringify(hint.body.blocks);
    expect(hint.body.text).toBe('Related articles · Similar resolved tickets');
    expect(shown).toContain('Imprimante en panne : changer le toner');
    expect(shown).toContain(`|#${n}>`);
    expect(shown).toContain('Toner remplacé, imprimante relancée');
    expect(shown).not.toContain(`#${other}`);
    expect(shown).not.toContain('Secret de la direction');

    t.fake.reset();
    await t.interact(press(THEO, n, { action_id: 'kb_draft', value: String(n), type: 'button' }));
    const [done] = await t.fake.waitFor('chat.postEphemeral');
    const id = Number(/n°(\d+)/.exec(done.body.text)![1]);
    expect(id).not.toBe(article.id);
    expect(done.body).toMatchObject({ user: THEO, text: `Brouillon d'article n°${id} « Imprimante en panne » créé à partir du ticket #${n} : relisez-le puis publiez-le.` });
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.thread_ts && b.text === `Théo Technicien drafted article ${id} from this ticket.`);
    expect(await t.s.t.uow.read.kb.get(id)).toMatchObject({ status: 'draft', audience: 'technicians', resolvedCount: 1 });
    expect(await t.s.t.uow.read.kb.articlesOfTicket(n)).toEqual([id]);

    await t.interact(press(THEO, n, { action_id: 'kb_draft', value: String(n), type: 'button' }));
    await t.interact(press(ALICE, n, { action_id: 'kb_draft', value: String(n), type: 'button' }));
    const answers = (await t.fake.waitFor('chat.postEphemeral', undefined, 3)).slice(1).map((c) => [c.body.user, c.body.text]);
    expect(answers).toEqual(expect.arrayContaining([
      [THEO, `Le ticket #${n} a déjà son article : n°${id} « Imprimante en panne ».`],
      [ALICE, "Vous n'avez pas le droit de faire cela."],
    ]));
    expect(await t.count('kb_articles')).toBe(2);
  });

  it('Note opens a modal; its submission is one internal comment (twice delivered), announced in the thread, never sent to the requester', async () => {
    const { n } = await queueWorld(t);
    t.fake.reset();
    const p = press(THEO, n, { action_id: 'ticket_note', value: String(n), type: 'button' });
    await t.interact(p);
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body).toMatchObject({ trigger_id: p.trigger_id, view: { callback_id: 'note_modal', private_metadata: String(n) } });
    const submit = { type: 'view_submission', user: { id: THEO }, view: { id: nextId('V'), callback_id: 'note_modal', private_metadata: String(n), state: { values: { note: { note: { value: 'Toner commandé chez le fournisseur' } } } } } };
    await t.interact(submit);
    await t.interact(submit);
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.text === 'Internal note from Théo Technicien saved.');
    await t.interact(press(ALICE, n, { action_id: 'ticket_note', value: String(n), type: 'button' }));
    const [refusal] = await t.fake.waitFor('chat.postEphemeral');
    expect(refusal.body).toMatchObject({ user: ALICE, text: "Vous n'avez pas le droit de faire cela." });
    await settle();
    expect(t.fake.of('views.open')).toHaveLength(1);
    expect(t.fake.of('chat.postMessage', (b) => b.channel === `D${ALICE}`)).toEqual([]);
    const comments = await t.s.t.uow.read.comments.list(n, true);
    expect(comments.map((c) => [c.body, c.internal, c.sender])).toEqual([['Toner commandé chez le fournisseur', true, 'technician']]);

    // Malformed submissions (blank note, forged ticket) are told to the technician in a DM and write nothing.
    const bad = (meta: string, value: string) => ({ ...submit, view: { ...submit.view, id: nextId('V'), private_metadata: meta, state: { values: { note: { note: { value } } } } } });
    await t.interact(bad(String(n), '   '));
    await t.interact(bad('DROP', 'x'));
    const told = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${THEO}`, 2);
    for (const m of told) expect(m.body.text).toMatch(/^La demande est invalide/);
    expect(await t.s.t.uow.read.comments.list(n, true)).toHaveLength(1);
  });

  it('Remove takes one assignee off; a stale or forbidden removal is refused privately and changes nothing', async () => {
    const { n } = await queueWorld(t);
    t.fake.reset();
    await t.interact(press(ADMIN, n, { action_id: 'ticket_assign', type: 'multi_users_select', selected_users: [THEO, TINA] }));
    const [update] = await t.fake.waitFor('chat.update');
    const remove = element(update, 'ticket_unassign');
    expect(remove.options.map((o: any) => o.text.text).sort()).toEqual(['Théo Technicien', 'Tina Tech']);
    const tina = remove.options.find((o: any) => o.text.text === 'Tina Tech');
    const theo = remove.options.find((o: any) => o.text.text === 'Théo Technicien');
    t.fake.reset();
    await t.interact(press(THEO, n, { action_id: 'ticket_unassign', type: 'static_select', selected_option: tina }));
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE && b.text === 'Théo Technicien removed Tina Tech from the ticket.');
    const [after] = await t.fake.waitFor('chat.update');
    expect(element(after, 'ticket_unassign').options.map((o: any) => o.text.text)).toEqual(['Théo Technicien']);
    const theoId = (await t.s.t.uow.read.people.find({ by: 'slackUserId', value: THEO }))!.id;
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toEqual([theoId]);

    t.fake.reset();
    await t.interact(press(THEO, n, { action_id: 'ticket_unassign', type: 'static_select', selected_option: tina }));
    await t.interact(press(ALICE, n, { action_id: 'ticket_unassign', type: 'static_select', selected_option: theo }));
    const refusals = await t.fake.waitFor('chat.postEphemeral', undefined, 2);
    expect(refusals.map((r) => [r.body.user, r.body.text])).toEqual(expect.arrayContaining([
      [THEO, expect.stringMatching(/^La demande est invalide/)],
      [ALICE, "Vous n'avez pas le droit de faire cela."],
    ]));
    await settle();
    expect(t.fake.of('chat.update')).toEqual([]);
    expect((await t.s.t.uow.read.tickets.get(n))!.assigneeIds).toEqual([theoId]);
  });
});
