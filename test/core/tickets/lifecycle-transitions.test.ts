import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who, World } from '../../support/fixtures';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { listComments } from '../../../core/tickets/add-comment.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { STATUSES, Status } from '../../../core/tickets/ticket.entity';

/**
 * The transition table as a user meets it through changeStatus. Written out here rather than read
 * from the code, so a change to the table has to change this test too. `new -> assigned` is in the
 * table but needs an assignee, which a `new` ticket never has (claiming or assigning moves it).
 */
const ALLOWED: Record<Status, Status[]> = {
  new: ['in_progress', 'pending', 'resolved', 'cancelled'],
  assigned: ['in_progress', 'pending', 'resolved', 'cancelled'],
  in_progress: ['assigned', 'pending', 'resolved', 'cancelled'],
  pending: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
};

const CASES = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as [Status, Status, boolean]));

/** Brings a fresh ticket of the support service into `status`, the way a technician would. */
async function ticketIn(w: World, status: Status, tech: Who, requester: Who): Promise<number> {
  const t = await w.ticket(requester.actor, { category: 'software', title: `en ${status}` });
  const move = (to: Status) => changeStatus(w.deps, tech.actor, t.id, { status: to, resolution: 'Réinstallé' });
  switch (status) {
    case 'new':
      break;
    case 'assigned':
      await claimTicket(w.deps, tech.actor, t.id);
      break;
    case 'in_progress':
      await move('in_progress');
      break;
    case 'pending':
      await claimTicket(w.deps, tech.actor, t.id);
      await move('pending');
      break;
    case 'resolved':
      await claimTicket(w.deps, tech.actor, t.id);
      await move('resolved');
      break;
    case 'closed':
      await claimTicket(w.deps, tech.actor, t.id);
      await move('resolved');
      await move('closed');
      break;
    case 'cancelled':
      await move('cancelled');
      break;
  }
  expect((await getTicket(w.deps, tech.actor, t.id)).status).toBe(status);
  return t.id;
}

describe.each(TEST_DATABASES)('R3 lifecycle: the transition table (%s)', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who;
  let requester: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    requester = await w.employee('Rita Requester');
  });

  it.each(CASES)('%s -> %s allowed: %s', async (from, to, allowed) => {
    const w = world();
    const id = await ticketIn(w, from, tech, requester);
    const stepsBefore = (await ticketHistory(w.deps, tech.actor, id)).length;
    w.clock.advance(5);
    const call = changeStatus(w.deps, tech.actor, id, { status: to, resolution: 'Réinstallé' });

    if (!allowed) {
      const err = await expectError(call, 'invalid_transition', { number: id, from, to });
      expect(err.kind).toBe('conflict');
      expect((await getTicket(w.deps, tech.actor, id)).status).toBe(from);
      expect(await ticketHistory(w.deps, tech.actor, id)).toHaveLength(stepsBefore);
      return;
    }
    const saved = await call;
    expect(saved.status).toBe(to);
    const view = await getTicket(w.deps, requester.actor, id);
    expect(view.status).toBe(to);
    const history = await ticketHistory(w.deps, tech.actor, id);
    expect(history).toHaveLength(stepsBefore + 1);
    const last = history[history.length - 1];
    expect(last).toMatchObject({ action: 'status_changed', actorName: 'Thomas Tech', channel: 'api' });
    expect(last.before).toMatchObject({ status: from });
    expect(last.after).toMatchObject({ status: to });
    if (to === 'resolved') expect(view).toMatchObject({ resolution: 'Réinstallé', resolvedAt: w.clock.now() });
    if (to === 'closed') expect(view.closedAt).toEqual(w.clock.now());
  });

  it('moving a new ticket to in_progress makes the technician its assignee and owner', async () => {
    const w = world();
    const id = await ticketIn(w, 'new', tech, requester);
    w.clock.advance(10);
    const saved = await changeStatus(w.deps, tech.actor, id, { status: 'in_progress' });
    expect(saved.assigneeIds).toEqual([tech.person.id]);
    const view = await getTicket(w.deps, requester.actor, id);
    expect(view.assignees).toEqual([{ id: tech.person.id, name: 'Thomas Tech' }]);
    expect(view.ownedAt).toEqual(w.clock.now());
    expect(view.firstResponseAt).toEqual(w.clock.now());
  });

  it('a comment given with a status change is kept on the ticket', async () => {
    const w = world();
    const id = await ticketIn(w, 'assigned', tech, requester);
    await changeStatus(w.deps, tech.actor, id, { status: 'in_progress', comment: 'Je regarde ça' });
    const comments = await listComments(w.deps, requester.actor, id);
    expect(comments.map((c) => [c.body, c.sender, c.authorId])).toEqual([['Je regarde ça', 'technician', tech.person.id]]);
  });

  it('a status outside the vocabulary is a validation error', async () => {
    const w = world();
    const id = await ticketIn(w, 'new', tech, requester);
    const err = await expectError(changeStatus(w.deps, tech.actor, id, { status: 'reopened' as Status }), 'validation_failed');
    expect(err.details?.map((d) => d.path)).toEqual(['status']);
  });
});
