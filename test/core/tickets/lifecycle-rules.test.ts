import { TEST_DATABASES } from '../../support/db';
import { expectError, paris, useWorld, Who } from '../../support/fixtures';
import { listComments } from '../../../core/tickets/add-comment.service';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { linkTickets } from '../../../core/tickets/link-tickets.service';
import { reopenTicket } from '../../../core/tickets/reopen-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { updateTicket } from '../../../core/tickets/update-ticket.service';

describe.each(TEST_DATABASES)('R3/R5/R10 lifecycle rules (%s)', (dbName) => {
  // Tuesday 13 January 2026, 10:00 Paris.
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let tech: Who;
  let boss: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    boss = await w.manager('Marie Manager');
    rita = await w.employee('Rita Requester');
  });

  const file = (title = 'Logiciel') => world().ticket(rita.actor, { category: 'software', title });
  const resolve = (who: Who, id: number, extra: Record<string, unknown> = {}) =>
    changeStatus(world().deps, who.actor, id, { status: 'resolved', resolution: 'Corrigé', ...extra });

  it('R10 pending records pendingSince; leaving it adds the paused business minutes and pushes the due dates back', async () => {
    const w = world();
    const t = await file();
    // P3 from Tuesday 10:00: own +570 -> Wednesday 10:00, resolve +1710 -> Friday 10:00.
    expect(t.ownDueAt.toISOString()).toBe(paris('2026-01-14 10:00').toISOString());
    expect(t.resolveDueAt.toISOString()).toBe(paris('2026-01-16 10:00').toISOString());
    await claimTicket(w.deps, tech.actor, t.id);

    w.clock.set(paris('2026-01-13 10:30'));
    const pending = await changeStatus(w.deps, tech.actor, t.id, { status: 'pending', pendingUntil: '2026-01-20T09:00:00+01:00' });
    expect(pending.pendingSince).toEqual(paris('2026-01-13 10:30'));
    let view = await getTicket(w.deps, rita.actor, t.id);
    expect(view).toMatchObject({ status: 'pending', pendingSince: paris('2026-01-13 10:30'), pendingUntil: paris('2026-01-20 09:00'), overdue: false });

    // Paused Tuesday 10:30-18:00 (450) and Wednesday 08:30-11:30 (180): 630 business minutes.
    w.clock.set(paris('2026-01-14 11:30'));
    const back = await changeStatus(w.deps, tech.actor, t.id, { status: 'in_progress' });
    expect(back).toMatchObject({ status: 'in_progress', pausedMinutes: 630, pendingSince: null, pendingUntil: null });
    view = await getTicket(w.deps, rita.actor, t.id);
    expect(view.pausedMinutes).toBe(630);
    expect(view.pendingSince).toBeNull();
    expect(view.ownDueAt.toISOString()).toBe(paris('2026-01-15 11:00').toISOString()); // 570 + 630 = 1200
    expect(view.resolveDueAt.toISOString()).toBe(paris('2026-01-19 11:00').toISOString()); // 1710 + 630 = 2340

    const last = (await ticketHistory(w.deps, tech.actor, t.id)).pop()!;
    expect(last.before).toMatchObject({ status: 'pending', pausedMinutes: 0, pendingSince: paris('2026-01-13 10:30').toISOString() });
    expect(last.after).toMatchObject({ status: 'in_progress', pausedMinutes: 630, resolveDueAt: paris('2026-01-19 11:00').toISOString() });
  });

  it('R10 a second pause adds to the first', async () => {
    const w = world();
    const t = await file();
    await claimTicket(w.deps, tech.actor, t.id);
    await changeStatus(w.deps, tech.actor, t.id, { status: 'pending' });
    w.clock.advance(60);
    await changeStatus(w.deps, tech.actor, t.id, { status: 'in_progress' });
    await changeStatus(w.deps, tech.actor, t.id, { status: 'pending' });
    w.clock.advance(30);
    const resolved = await resolve(tech, t.id);
    expect(resolved.pausedMinutes).toBe(90);
    expect((await getTicket(w.deps, tech.actor, t.id)).resolveDueAt.toISOString()).toBe(paris('2026-01-16 11:30').toISOString());
  });

  it('resolving needs a resolution: resolution_required, status unchanged', async () => {
    const w = world();
    const t = await file();
    const err = await expectError(changeStatus(w.deps, tech.actor, t.id, { status: 'resolved' }), 'resolution_required', { number: t.id });
    expect(err.kind).toBe('unprocessable');
    expect((await getTicket(w.deps, tech.actor, t.id)).status).toBe('new');
  });

  it('R5 a ticket that depends on an open one cannot be resolved: open_dependencies names #N', async () => {
    const w = world();
    const a = await file('Application');
    const b = await file('Base de données');
    await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    const err = await expectError(resolve(tech, a.id), 'open_dependencies', { number: a.id, tickets: `#${b.id}` });
    expect(err.kind).toBe('conflict');
    // A technician's force is not a manager's decision.
    await expectError(resolve(tech, a.id, { force: true }), 'open_dependencies');
    expect((await getTicket(w.deps, tech.actor, a.id)).status).toBe('new');

    await resolve(tech, b.id);
    expect((await resolve(tech, a.id)).status).toBe('resolved');
  });

  it('R5 a manager may force over open dependencies: status_forced in the audit and a system comment', async () => {
    const w = world();
    const a = await file('Application');
    const b = await file('Base de données');
    await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    const saved = await resolve(boss, a.id, { force: true });
    expect(saved.status).toBe('resolved');

    const last = (await ticketHistory(w.deps, boss.actor, a.id)).pop()!;
    expect(last).toMatchObject({ action: 'status_forced', actorName: 'Marie Manager', actorRole: 'manager' });
    expect(last.after).toMatchObject({ status: 'resolved', forcedOver: [b.id] });

    const comments = await listComments(w.deps, rita.actor, a.id);
    expect(comments.map((c) => [c.sender, c.authorId, c.internal, c.body])).toEqual([
      ['system', null, false, `Résolu malgré des dépendances ouvertes (#${b.id}) par décision de Marie Manager.`],
    ]);
  });

  it('R5 a manager force without open dependencies is an ordinary status change', async () => {
    const w = world();
    const a = await file();
    await resolve(boss, a.id, { force: true });
    expect((await ticketHistory(w.deps, boss.actor, a.id)).pop()!.action).toBe('status_changed');
    expect(await listComments(w.deps, boss.actor, a.id)).toEqual([]);
  });

  it('R5 a parent cannot be resolved, nor closed, while a child is open: open_children', async () => {
    const w = world();
    const parent = await file('Migration Windows 11');
    const child = await file('Poste de Rita');
    await linkTickets(w.deps, tech.actor, parent.id, { type: 'parent_of', ticket: child.id });
    await expectError(resolve(tech, parent.id), 'open_children', { number: parent.id, tickets: `#${child.id}` });

    // Resolved before the child was attached: closing is refused as well.
    const other = await file('Migration Office');
    await resolve(tech, other.id);
    const late = await file('Poste de Paul');
    await linkTickets(w.deps, tech.actor, late.id, { type: 'child_of', ticket: other.id });
    await expectError(changeStatus(w.deps, tech.actor, other.id, { status: 'closed' }), 'open_children', { tickets: `#${late.id}` });
    expect((await getTicket(w.deps, tech.actor, other.id)).status).toBe('resolved');

    await changeStatus(w.deps, tech.actor, late.id, { status: 'cancelled' });
    expect((await changeStatus(w.deps, tech.actor, other.id, { status: 'closed' })).status).toBe('closed');
  });

  it('R5 closing with duplicateOf links to the original and says so in a system comment', async () => {
    const w = world();
    const original = await file('Imprimante du 2e');
    const dup = await file('Imprimante 2e étage');
    const saved = await changeStatus(w.deps, tech.actor, dup.id, { status: 'closed', duplicateOf: `#${original.id}` });
    expect(saved.status).toBe('closed');

    const view = await getTicket(w.deps, rita.actor, dup.id);
    expect(view.closedAt).toEqual(w.clock.now());
    expect(view.resolvedAt).toEqual(w.clock.now());
    expect(view.links).toEqual([{ linkId: expect.any(Number), type: 'duplicate_of', ticket: { number: original.id, title: 'Imprimante du 2e', status: 'new' } }]);
    const back = await getTicket(w.deps, rita.actor, original.id);
    expect(back.links).toEqual([{ linkId: view.links![0].linkId, type: 'duplicated_by', ticket: { number: dup.id, title: 'Imprimante 2e étage', status: 'closed' } }]);

    const comments = await listComments(w.deps, rita.actor, dup.id);
    expect(comments.map((c) => [c.sender, c.body])).toEqual([['system', `Fermé comme doublon du ticket #${original.id}.`]]);
    expect(comments[0].authorId).toBeNull();
    await expectError(changeStatus(w.deps, tech.actor, original.id, { status: 'pending', duplicateOf: dup.id }), 'validation_failed');
  });

  it('R3 reopening: the requester reopens a resolved ticket; a closed one takes staff; clocks restart', async () => {
    const w = world();
    const t = await file();
    await claimTicket(w.deps, tech.actor, t.id);
    await resolve(tech, t.id);

    w.clock.set(paris('2026-01-15 09:00'));
    const reopened = await reopenTicket(w.deps, rita.actor, t.id, { comment: 'Ça recommence' });
    expect(reopened).toMatchObject({ status: 'assigned', reopenCount: 1, resolvedAt: null, resolution: null, slaStartedAt: paris('2026-01-15 09:00') });
    const view = await getTicket(w.deps, rita.actor, t.id);
    expect(view).toMatchObject({ status: 'assigned', reopenCount: 1, resolution: null });
    expect(view.resolveDueAt.toISOString()).toBe(paris('2026-01-20 09:00').toISOString()); // 1710 from Thursday 09:00
    expect((await listComments(w.deps, tech.actor, t.id)).pop()).toMatchObject({ body: 'Ça recommence', sender: 'customer', authorId: rita.person.id });
    expect((await ticketHistory(w.deps, rita.actor, t.id)).pop()).toMatchObject({ action: 'reopened', actorName: 'Rita Requester' });

    await resolve(tech, t.id);
    await changeStatus(w.deps, rita.actor, t.id, { status: 'closed' });
    await expectError(reopenTicket(w.deps, rita.actor, t.id), 'forbidden');
    expect((await getTicket(w.deps, rita.actor, t.id)).status).toBe('closed');
    expect(await reopenTicket(w.deps, tech.actor, t.id)).toMatchObject({ status: 'assigned', reopenCount: 2, closedAt: null });

    const fresh = await file();
    await expectError(reopenTicket(w.deps, tech.actor, fresh.id), 'invalid_transition', { from: 'new', to: 'reopened' });
  });

  it('R16 the requester may cancel their open ticket and close their resolved one, nothing else', async () => {
    const w = world();
    const t = await file();
    for (const status of ['in_progress', 'pending', 'resolved', 'assigned'] as const) {
      await expectError(changeStatus(w.deps, rita.actor, t.id, { status, resolution: 'fait' }), 'forbidden');
    }
    await expectError(changeStatus(w.deps, rita.actor, t.id, { status: 'closed' }), 'forbidden');
    expect(await changeStatus(w.deps, rita.actor, t.id, { status: 'cancelled' })).toMatchObject({ status: 'cancelled' });
    expect((await ticketHistory(w.deps, tech.actor, t.id)).pop()).toMatchObject({ action: 'status_changed', actorPersonId: rita.person.id });

    const r = await file();
    await resolve(tech, r.id);
    await expectError(changeStatus(w.deps, rita.actor, r.id, { status: 'cancelled' }), 'forbidden');
    expect(await changeStatus(w.deps, rita.actor, r.id, { status: 'closed' })).toMatchObject({ status: 'closed' });
  });

  it.each<[string, 'new' | 'resolved', (id: number, w: ReturnType<typeof world>, who: Who) => Promise<unknown>]>([
    ['cancel it', 'new', (id, w, who) => changeStatus(w.deps, who.actor, id, { status: 'cancelled' })],
    ['close it', 'resolved', (id, w, who) => changeStatus(w.deps, who.actor, id, { status: 'closed' })],
    ['reopen it', 'resolved', (id, w, who) => reopenTicket(w.deps, who.actor, id)],
    ['retitle it', 'new', (id, w, who) => updateTicket(w.deps, who.actor, id, { title: 'Titre du collègue' })],
  ])('R9/R16 a watcher follows a ticket but may not %s: forbidden (only its requester may)', async (_label, status, act) => {
    const w = world();
    const colleague = await w.employee('Colette Collègue');
    const t = await w.ticket(rita.actor, { category: 'software', title: 'Titre de Rita', watchers: [colleague.person.id] });
    if (status === 'resolved') await resolve(tech, t.id);
    expect((await getTicket(w.deps, colleague.actor, t.id)).status).toBe(status);

    await expectError(act(t.id, w, colleague), 'forbidden', { number: t.id });
    const view = await getTicket(w.deps, rita.actor, t.id);
    expect({ status: view.status, title: view.title }).toEqual({ status, title: 'Titre de Rita' });
    // The requester herself may.
    await act(t.id, w, rita);
  });
});
