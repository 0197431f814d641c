import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, Who } from '../../support/fixtures';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { linkTickets, unlinkTickets } from '../../../core/tickets/link-tickets.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import type { LinkType, LinkView } from '../../../core/tickets/link.entity';

describe.each(TEST_DATABASES)('R5 ticket links (%s)', (dbName) => {
  const world = useWorld(dbName);
  let tech: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    rita = await w.employee('Rita Requester');
  });

  const file = (title: string) => world().ticket(rita.actor, { category: 'software', title });
  const linksOf = async (id: number) =>
    (await getTicket(world().deps, tech.actor, id)).links!.map((l) => ({ type: l.type, number: l.ticket?.number, title: l.ticket?.title }));

  it.each<[LinkType, LinkView, LinkView]>([
    ['depends_on', 'depends_on', 'blocks'],
    ['blocks', 'blocks', 'depends_on'],
    ['parent_of', 'parent_of', 'child_of'],
    ['child_of', 'child_of', 'parent_of'],
    ['duplicate_of', 'duplicate_of', 'duplicated_by'],
    ['related_to', 'related_to', 'related_to'],
  ])('A %s B reads as "%s" from A and "%s" from B, with an audit entry on each end', async (type, fromA, fromB) => {
    const w = world();
    const a = await file('Ticket A');
    const b = await file('Ticket B');
    const link = await linkTickets(w.deps, tech.actor, a.id, { type, ticket: `#${b.id}` });
    expect(link.id).toEqual(expect.any(Number));

    expect(await linksOf(a.id)).toEqual([{ type: fromA, number: b.id, title: 'Ticket B' }]);
    expect(await linksOf(b.id)).toEqual([{ type: fromB, number: a.id, title: 'Ticket A' }]);
    // The requester reads links too.
    expect((await getTicket(w.deps, rita.actor, b.id)).links!.map((l) => l.type)).toEqual([fromB]);

    const lastA = (await ticketHistory(w.deps, tech.actor, a.id)).pop()!;
    const lastB = (await ticketHistory(w.deps, tech.actor, b.id)).pop()!;
    expect(lastA).toMatchObject({ action: 'linked', actorName: 'Thomas Tech', before: null, after: { linkId: link.id, type: fromA, ticket: b.id } });
    expect(lastB).toMatchObject({ action: 'linked', actorName: 'Thomas Tech', before: null, after: { linkId: link.id, type: fromB, ticket: a.id } });
  });

  it('a depends_on cycle A -> B -> C -> A is refused with the path: link_cycle (unprocessable)', async () => {
    const w = world();
    const [a, b, c] = [await file('A'), await file('B'), await file('C')];
    await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    await linkTickets(w.deps, tech.actor, b.id, { type: 'depends_on', ticket: c.id });
    const err = await expectError(linkTickets(w.deps, tech.actor, c.id, { type: 'depends_on', ticket: a.id }), 'link_cycle', {
      path: `#${c.id} → #${a.id} → #${b.id} → #${c.id}`,
    });
    expect(err.kind).toBe('unprocessable');
    // The same cycle written the other way round.
    await expectError(linkTickets(w.deps, tech.actor, a.id, { type: 'blocks', ticket: c.id }), 'link_cycle');
    expect(await linksOf(c.id)).toEqual([{ type: 'blocks', number: b.id, title: 'B' }]);
  });

  it('a two-ticket dependency loop is refused too', async () => {
    const w = world();
    const [a, b] = [await file('A'), await file('B')];
    await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    await expectError(linkTickets(w.deps, tech.actor, b.id, { type: 'depends_on', ticket: a.id }), 'link_cycle');
  });

  it('a parent_of cycle is refused', async () => {
    const w = world();
    const [a, b, c] = [await file('A'), await file('B'), await file('C')];
    await linkTickets(w.deps, tech.actor, a.id, { type: 'parent_of', ticket: b.id });
    await linkTickets(w.deps, tech.actor, c.id, { type: 'child_of', ticket: b.id });
    const err = await expectError(linkTickets(w.deps, tech.actor, c.id, { type: 'parent_of', ticket: a.id }), 'link_cycle');
    expect(err.kind).toBe('unprocessable');
    expect(await linksOf(a.id)).toEqual([{ type: 'parent_of', number: b.id, title: 'B' }]);
  });

  it('a ticket has one parent at most: second_parent names the first', async () => {
    const w = world();
    const [p1, p2, child] = [await file('P1'), await file('P2'), await file('Enfant')];
    await linkTickets(w.deps, tech.actor, p1.id, { type: 'parent_of', ticket: child.id });
    await expectError(linkTickets(w.deps, tech.actor, p2.id, { type: 'parent_of', ticket: child.id }), 'second_parent', { number: child.id, parent: p1.id });
    await expectError(linkTickets(w.deps, tech.actor, child.id, { type: 'child_of', ticket: p2.id }), 'second_parent', { number: child.id, parent: p1.id });
    expect(await linksOf(p2.id)).toEqual([]);
  });

  it('a ticket cannot be linked to itself: link_self', async () => {
    const w = world();
    const a = await file('A');
    const err = await expectError(linkTickets(w.deps, tech.actor, a.id, { type: 'related_to', ticket: `#${a.id}` }), 'link_self');
    expect(err.kind).toBe('unprocessable');
    expect(await linksOf(a.id)).toEqual([]);
  });

  it('the same link twice is refused, whichever end or wording: link_exists', async () => {
    const w = world();
    const [a, b, c] = [await file('A'), await file('B'), await file('C')];
    await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    await expectError(linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id }), 'link_exists');
    await expectError(linkTickets(w.deps, tech.actor, b.id, { type: 'blocks', ticket: a.id }), 'link_exists');
    await linkTickets(w.deps, tech.actor, a.id, { type: 'related_to', ticket: c.id });
    await expectError(linkTickets(w.deps, tech.actor, c.id, { type: 'related_to', ticket: a.id }), 'link_exists');
    // A duplicate has one original.
    await linkTickets(w.deps, tech.actor, b.id, { type: 'duplicate_of', ticket: c.id });
    await expectError(linkTickets(w.deps, tech.actor, b.id, { type: 'duplicate_of', ticket: a.id }), 'link_exists');
    expect((await linksOf(a.id)).map((l) => l.type).sort()).toEqual(['depends_on', 'related_to']);
  });

  it('unlink from either end removes the link for both, audited on both', async () => {
    const w = world();
    const [a, b, c] = [await file('A'), await file('B'), await file('C')];
    const link = await linkTickets(w.deps, tech.actor, a.id, { type: 'depends_on', ticket: b.id });
    await expectError(unlinkTickets(w.deps, tech.actor, c.id, link.id), 'link_not_found');
    await unlinkTickets(w.deps, tech.actor, b.id, link.id);
    expect(await linksOf(a.id)).toEqual([]);
    expect(await linksOf(b.id)).toEqual([]);
    expect((await ticketHistory(w.deps, tech.actor, a.id)).pop()).toMatchObject({ action: 'unlinked', before: { linkId: link.id, type: 'depends_on', ticket: b.id }, after: null });
    expect((await ticketHistory(w.deps, tech.actor, b.id)).pop()).toMatchObject({ action: 'unlinked', before: { linkId: link.id, type: 'blocks', ticket: a.id } });
    await expectError(unlinkTickets(w.deps, tech.actor, a.id, link.id), 'link_not_found');
    // Once unlinked, A resolves without waiting for B.
    expect((await changeStatus(w.deps, tech.actor, a.id, { status: 'resolved', resolution: 'ok' })).status).toBe('resolved');
  });

  it('R16 linking is staff work, and only to tickets the technician can see', async () => {
    const w = world();
    const a = await file('A');
    const b = await file('B');
    await expectError(linkTickets(w.deps, rita.actor, a.id, { type: 'related_to', ticket: b.id }), 'forbidden');
    const network = await w.service('reseau');
    const nina = await w.technician([network], 'Nina');
    const hidden = await w.ticket(nina.actor, { service: 'reseau', title: 'Switch' });
    await expectError(linkTickets(w.deps, tech.actor, a.id, { type: 'related_to', ticket: hidden.id }), 'ticket_not_found', { number: hidden.id });
    await expectError(linkTickets(w.deps, tech.actor, a.id, { type: 'related_to', ticket: 999999 }), 'ticket_not_found');
    expect(await linksOf(a.id)).toEqual([]);
  });
});
