import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { listComments } from '../../../core/tickets/add-comment.service';
import { assignTicket } from '../../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { transferTicket } from '../../../core/tickets/transfer-ticket.service';
import { HelpdeskError } from '../../../core/shared/errors';
import type { Service } from '../../../core/people/person.entity';

describe.each(TEST_DATABASES)('R12/R19 claim, assign, transfer (%s)', (dbName) => {
  const world = useWorld(dbName);
  let support: Service;
  let tech: Who;
  let other: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    other = await w.technician([support], 'Olga Other');
    rita = await w.employee('Rita Requester');
  });

  const file = () => world().ticket(rita.actor, { category: 'software', title: 'Outlook plante' });

  it('claim makes the technician the assignee and owner and moves the ticket to assigned', async () => {
    const w = world();
    const t = await file();
    w.clock.advance(15);
    const saved = await claimTicket(w.deps, tech.actor, t.id);
    expect(saved).toMatchObject({ status: 'assigned', assigneeIds: [tech.person.id], ownedAt: w.clock.now() });

    const view = await getTicket(w.deps, rita.actor, t.id);
    expect(view).toMatchObject({ status: 'assigned', assignees: [{ id: tech.person.id, name: 'Thomas Tech' }], ownedAt: w.clock.now() });
    const last = (await ticketHistory(w.deps, rita.actor, t.id)).pop()!;
    expect(last).toMatchObject({ action: 'claimed', actorName: 'Thomas Tech', before: { assigneeIds: [], status: 'new' }, after: { assigneeIds: [tech.person.id], status: 'assigned' } });
  });

  it('a second claim is refused with the first owner named', async () => {
    const w = world();
    const t = await file();
    await claimTicket(w.deps, tech.actor, t.id);
    const err = await expectError(claimTicket(w.deps, other.actor, t.id), 'already_claimed', { number: t.id, by: 'Thomas Tech' });
    expect(err.kind).toBe('conflict');
    expect((await getTicket(w.deps, rita.actor, t.id)).assignees).toEqual([{ id: tech.person.id, name: 'Thomas Tech' }]);
  });

  it('DESIGN 20 technicians pressing Claim at once give exactly one owner and 19 already_claimed', async () => {
    const w = world();
    const crowd: Who[] = [];
    for (let i = 1; i <= 20; i++) crowd.push(await w.technician([support], `Tech ${String(i).padStart(2, '0')}`));
    const t = await file();

    const results = await Promise.allSettled(crowd.map((c) => claimTicket(w.deps, c.actor, t.id)));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [crowd[i]] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const e of lost) {
      expect(e).toBeInstanceOf(HelpdeskError);
      expect({ code: e.code, by: e.params.by }).toEqual({ code: 'already_claimed', by: won[0].person.displayName });
    }
    const view = await getTicket(w.deps, rita.actor, t.id);
    expect(view.assignees).toEqual([{ id: won[0].person.id, name: won[0].person.displayName }]);
    expect(view.version).toBe(t.version + 1);
    expect((await ticketHistory(w.deps, rita.actor, t.id)).filter((e) => e.action === 'claimed')).toHaveLength(1);
  }, 60_000);

  it('who may claim: not the requester (forbidden), not another service (not found), not a closed ticket', async () => {
    const w = world();
    const t = await file();
    await expectError(claimTicket(w.deps, rita.actor, t.id), 'forbidden');
    const network = await w.service('reseau');
    const outsider = await w.technician([network], 'Nina Network');
    await expectError(claimTicket(w.deps, outsider.actor, t.id), 'ticket_not_found', { number: t.id });
    await changeStatus(w.deps, tech.actor, t.id, { status: 'cancelled' });
    await expectError(claimTicket(w.deps, tech.actor, t.id), 'invalid_transition', { from: 'cancelled' });
    expect((await getTicket(w.deps, tech.actor, t.id)).assignees).toEqual([]);
  });

  it('R19 two people assigned at once, by e-mail and by id', async () => {
    const w = world();
    const t = await file();
    w.clock.advance(30);
    const saved = await assignTicket(w.deps, tech.actor, t.id, { add: [tech.person.email!, other.person.id] });
    expect(saved.status).toBe('assigned');
    expect([...saved.assigneeIds].sort()).toEqual([tech.person.id, other.person.id].sort());

    const view = await getTicket(w.deps, rita.actor, t.id);
    expect(view.assignees.map((a) => a.name).sort()).toEqual(['Olga Other', 'Thomas Tech']);
    expect(view.ownedAt).toEqual(w.clock.now());
    const last = (await ticketHistory(w.deps, rita.actor, t.id)).pop()!;
    expect(last.action).toBe('assigned');
    expect(last.before).toMatchObject({ assigneeIds: [], status: 'new' });
    expect((last.after!.assigneeIds as number[]).slice().sort()).toEqual([tech.person.id, other.person.id].sort());

    await expectError(assignTicket(w.deps, tech.actor, t.id, { add: [other.person.id] }), 'already_assigned', { who: 'Olga Other' });
  });

  it('assigning an employee is refused: not_a_technician, nothing changes', async () => {
    const w = world();
    const t = await file();
    const bob = await w.employee('Bob Employé');
    const err = await expectError(assignTicket(w.deps, tech.actor, t.id, { add: [other.person.id, bob.person.id] }), 'not_a_technician', { who: 'Bob Employé' });
    expect(err.kind).toBe('unprocessable');
    expect(await getTicket(w.deps, tech.actor, t.id)).toMatchObject({ status: 'new', assignees: [] });
  });

  it('removing the last assignee puts an assigned ticket back in the queue as new', async () => {
    const w = world();
    const t = await file();
    await assignTicket(w.deps, tech.actor, t.id, { add: [tech.person.id, other.person.id] });
    expect(await assignTicket(w.deps, tech.actor, t.id, { remove: [other.person.id] })).toMatchObject({ status: 'assigned', assigneeIds: [tech.person.id] });
    expect(await assignTicket(w.deps, tech.actor, t.id, { remove: [tech.person.id] })).toMatchObject({ status: 'new', assigneeIds: [] });
    expect(await getTicket(w.deps, rita.actor, t.id)).toMatchObject({ status: 'new', assignees: [] });
    const last = (await ticketHistory(w.deps, tech.actor, t.id)).pop()!;
    expect(last).toMatchObject({ action: 'assigned', before: { assigneeIds: [tech.person.id], status: 'assigned' }, after: { assigneeIds: [], status: 'new' } });
  });

  it('assign needs people to add or remove, and refuses unknown people', async () => {
    const w = world();
    const t = await file();
    await expectError(assignTicket(w.deps, tech.actor, t.id, {}), 'validation_failed');
    await expectError(assignTicket(w.deps, tech.actor, t.id, { add: ['personne@example.test'] }), 'person_not_found');
  });

  it('R13 transferTicket clears the assignees, changes the service and applies its SLA policy', async () => {
    const w = world();
    const network = await w.service('reseau', [], 'Réseau');
    const nina = await w.technician([network], 'Nina Network');
    await w.db.uow.transaction((s) => s.settings.setSlaPolicy({ priority: 3, serviceId: network.id, ownMinutes: 60, resolveMinutes: 120 }));
    const t = await file();
    await claimTicket(w.deps, tech.actor, t.id);
    await changeStatus(w.deps, tech.actor, t.id, { status: 'in_progress' });

    w.clock.advance(45);
    const saved = await transferTicket(w.deps, tech.actor, t.id, { service: 'reseau', comment: 'Problème de proxy' });
    expect(saved).toMatchObject({ serviceId: network.id, assigneeIds: [], status: 'new' });
    // Counted from creation (Tuesday 10:00 Paris): 60 and 120 business minutes.
    expect(saved.ownDueAt.toISOString()).toBe('2026-01-13T10:00:00.000Z');
    expect(saved.resolveDueAt.toISOString()).toBe('2026-01-13T11:00:00.000Z');

    const view = await getTicket(w.deps, nina.actor, t.id);
    expect(view).toMatchObject({ status: 'new', assignees: [], service: { slug: 'reseau', name: 'Réseau' } });
    expect(view.resolveDueAt.toISOString()).toBe('2026-01-13T11:00:00.000Z');
    const last = (await ticketHistory(w.deps, nina.actor, t.id)).pop()!;
    expect(last).toMatchObject({ action: 'transferred', actorName: 'Thomas Tech', before: { serviceId: support.id, assigneeIds: [tech.person.id] }, after: { serviceId: network.id, assigneeIds: [] } });

    // The note is internal: staff read it, the requester does not.
    expect((await listComments(w.deps, nina.actor, t.id)).map((c) => [c.body, c.internal])).toEqual([['Problème de proxy', true]]);
    expect(await listComments(w.deps, rita.actor, t.id)).toEqual([]);

    // The former owner's service no longer holds it; the new service claims it.
    await expectError(getTicket(w.deps, tech.actor, t.id), 'ticket_not_found');
    expect((await claimTicket(w.deps, nina.actor, t.id)).assigneeIds).toEqual([nina.person.id]);
    await expectError(transferTicket(w.deps, nina.actor, t.id, { service: 'inconnu' }), 'service_not_found');
  });
});
