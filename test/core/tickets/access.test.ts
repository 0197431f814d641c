import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { addComment, listComments } from '../../../core/tickets/add-comment.service';
import { assignTicket } from '../../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { listTickets } from '../../../core/tickets/list-tickets.service';
import { reopenTicket } from '../../../core/tickets/reopen-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import { updateTicket } from '../../../core/tickets/update-ticket.service';
import { setWatcher } from '../../../core/tickets/watch-ticket.service';
import type { Ticket } from '../../../core/tickets/ticket.entity';
import { canSee, canWork } from '../../../core/tickets/ticket.access';
import type { Actor } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R16/R9 who sees which ticket (%s)', (dbName) => {
  const world = useWorld(dbName);
  let rita: Who; // employee
  let bob: Who; // another employee
  let tom: Who; // technician, support
  let nina: Who; // technician, reseau
  let boss: Who; // manager
  let supportTicket: Ticket; // rita's, routed to support
  let networkTicket: Ticket; // bob's, routed to reseau
  let unrouted: Ticket; // bob's, no category
  let lent: Ticket; // bob's, reseau, assigned to tom by the manager

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    const reseau = await w.service('reseau');
    await w.routeCategory('software', support);
    await w.routeCategory('network', reseau);
    rita = await w.employee('Rita');
    bob = await w.employee('Bob');
    tom = await w.technician([support], 'Tom');
    nina = await w.technician([reseau], 'Nina');
    boss = await w.manager('Marie');
    supportTicket = await w.ticket(rita.actor, { title: 'Excel', category: 'software' });
    networkTicket = await w.ticket(bob.actor, { title: 'Wi-Fi', category: 'network' });
    unrouted = await w.ticket(bob.actor, { title: 'Chaise cassée' });
    lent = await w.ticket(bob.actor, { title: 'Câblage', category: 'network' });
    await assignTicket(w.deps, boss.actor, lent.id, { add: [tom.person.id] });
  });

  const numbers = async (actor: Actor, filters: Record<string, string> = {}) =>
    (await listTickets(world().deps, actor, { limit: 100, ...filters })).items.map((t) => t.number).sort((a, b) => a - b);
  const sorted = (...ts: Ticket[]) => ts.map((t) => t.id).sort((a, b) => a - b);

  it("an employee gets ticket_not_found (not forbidden) for someone else's ticket, whatever the use case", async () => {
    const w = world();
    const id = networkTicket.id;
    await expectError(getTicket(w.deps, rita.actor, id), 'ticket_not_found', { number: id });
    await expectError(addComment(w.deps, rita.actor, id, { body: 'coucou' }), 'ticket_not_found', { number: id });
    await expectError(changeStatus(w.deps, rita.actor, id, { status: 'cancelled' }), 'ticket_not_found', { number: id });
    await expectError(listComments(w.deps, rita.actor, id), 'ticket_not_found');
    await expectError(ticketHistory(w.deps, rita.actor, id), 'ticket_not_found');
    await expectError(updateTicket(w.deps, rita.actor, id, { title: 'pirate' }), 'ticket_not_found');
    await expectError(reopenTicket(w.deps, rita.actor, id), 'ticket_not_found');
    await expectError(setWatcher(w.deps, rita.actor, id, rita.person.id, true), 'ticket_not_found');
    // A number that does not exist reads the same.
    await expectError(getTicket(w.deps, rita.actor, 999999), 'ticket_not_found', { number: 999999 });

    const view = await getTicket(w.deps, bob.actor, id);
    expect(view).toMatchObject({ title: 'Wi-Fi', status: 'new', watchers: [] });
    expect(await listComments(w.deps, bob.actor, id)).toEqual([]);
  });

  it('listTickets for an employee returns only their own and watched tickets', async () => {
    const w = world();
    expect(await numbers(rita.actor)).toEqual(sorted(supportTicket));
    expect(await numbers(bob.actor)).toEqual(sorted(networkTicket, unrouted, lent));

    await setWatcher(w.deps, bob.actor, networkTicket.id, rita.person.email!, true);
    expect(await numbers(rita.actor)).toEqual(sorted(supportTicket, networkTicket));
    expect(await numbers(rita.actor, { requester: 'me' })).toEqual(sorted(supportTicket));
    expect((await getTicket(w.deps, rita.actor, networkTicket.id)).watchers).toEqual([{ id: rita.person.id, name: 'Rita' }]);
    // Even asking for everything by another requester yields nothing of theirs beyond what is watched.
    expect(await numbers(rita.actor, { requester: bob.person.email! })).toEqual(sorted(networkTicket));
  });

  it("a technician sees their services' tickets, their assignments and unrouted tickets", async () => {
    const w = world();
    expect(await numbers(tom.actor)).toEqual(sorted(supportTicket, unrouted, lent));
    expect(await numbers(nina.actor)).toEqual(sorted(networkTicket, unrouted, lent));
    await expectError(getTicket(w.deps, tom.actor, networkTicket.id), 'ticket_not_found');
    await expectError(getTicket(w.deps, nina.actor, supportTicket.id), 'ticket_not_found');
    expect((await getTicket(w.deps, tom.actor, lent.id)).assignees).toEqual([{ id: tom.person.id, name: 'Tom' }]);
    expect((await getTicket(w.deps, tom.actor, unrouted.id)).service).toBeNull();
  });

  it("R16 an unrouted ticket, role by role: only its own people, technicians and those who see everything may open it", async () => {
    const w = world();
    const admin = await w.admin();
    const id = unrouted.id;
    // Unrouted (no service, nobody assigned): being staff is what lets a technician in, not a service.
    expect(unrouted).toMatchObject({ serviceId: null, assigneeIds: [] });
    const table: Array<[string, Who, boolean]> = [
      ['employee, not theirs', rita, false],
      ['employee, the requester', bob, true],
      ['technician, support', tom, true],
      ['technician, reseau', nina, true],
      ['manager', boss, true],
      ['admin', admin, true],
    ];
    for (const [who, p, sees] of table) {
      const read = getTicket(w.deps, p.actor, id);
      if (sees) await expect(read).resolves.toMatchObject({ title: 'Chaise cassée' });
      else await expectError(read, 'ticket_not_found', { number: id });
      expect([who, canSee(p.actor, unrouted)]).toEqual([who, sees]);
      expect([who, canWork(p.actor, unrouted)]).toEqual([who, p !== bob && p !== rita]);
    }
    await expectError(addComment(w.deps, rita.actor, id, { body: 'je regarde' }), 'ticket_not_found');
    // The requester sees it but does not work it.
    await expectError(assignTicket(w.deps, bob.actor, id, { add: [bob.person.id] }), 'forbidden');
  });

  it('a technician also finds the tickets they filed themselves, in any service', async () => {
    const w = world();
    const own = await w.ticket(tom.actor, { title: 'Mon VPN', category: 'network' });
    expect((await getTicket(w.deps, tom.actor, own.id)).title).toBe('Mon VPN');
    expect(await numbers(tom.actor, { requester: 'me' })).toEqual(sorted(own));
  });

  it('managers see everything', async () => {
    const w = world();
    expect(await numbers(boss.actor)).toEqual(sorted(supportTicket, networkTicket, unrouted, lent));
    expect((await getTicket(w.deps, boss.actor, networkTicket.id)).title).toBe('Wi-Fi');
    const admin = await w.admin();
    expect(await numbers(admin.actor)).toEqual(sorted(supportTicket, networkTicket, unrouted, lent));
  });

  it('watchers: the requester adds a colleague, who sees and may leave; others may not add anyone', async () => {
    const w = world();
    const saved = await setWatcher(w.deps, rita.actor, supportTicket.id, bob.person.id, true);
    expect(saved.watcherIds).toEqual([bob.person.id]);
    expect((await getTicket(w.deps, bob.actor, supportTicket.id)).watchers).toEqual([{ id: bob.person.id, name: 'Bob' }]);
    expect((await ticketHistory(w.deps, rita.actor, supportTicket.id)).pop()).toMatchObject({
      action: 'watcher_added',
      before: { watcherIds: [] },
      after: { watcherIds: [bob.person.id] },
    });

    // A watcher may not bring in more people, but may leave.
    const carl = await w.employee('Carl');
    await expectError(setWatcher(w.deps, bob.actor, supportTicket.id, carl.person.id, true), 'forbidden');
    await setWatcher(w.deps, bob.actor, supportTicket.id, bob.person.id, false);
    await expectError(getTicket(w.deps, bob.actor, supportTicket.id), 'ticket_not_found');
    expect(await numbers(bob.actor)).toEqual(sorted(networkTicket, unrouted, lent));
    // Staff may add watchers too.
    await setWatcher(w.deps, tom.actor, supportTicket.id, carl.person.id, true);
    expect(await numbers(carl.actor)).toEqual(sorted(supportTicket));
  });

  it('an employee may fix the title of their untaken ticket, but nothing a technician decides', async () => {
    const w = world();
    expect((await updateTicket(w.deps, rita.actor, supportTicket.id, { title: 'Excel plante' })).title).toBe('Excel plante');
    await expectError(updateTicket(w.deps, rita.actor, supportTicket.id, { impact: 'critical' }), 'forbidden');
    expect((await getTicket(w.deps, rita.actor, supportTicket.id)).impact).toBe('medium');
  });
});
