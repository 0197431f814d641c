import { TEST_DATABASES } from '../../support/db';
import { expectError, paris, useWorld, Who } from '../../support/fixtures';
import { changeStatus } from '../../../core/tickets/change-status.service';
import { claimTicket } from '../../../core/tickets/claim-ticket.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { listTickets, ListTicketsInput } from '../../../core/tickets/list-tickets.service';
import type { Ticket } from '../../../core/tickets/ticket.entity';
import type { Actor } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R12/R8 listTickets filters (%s)', (dbName) => {
  // Tuesday 13 January 2026, 10:00 Paris.
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let rita: Who;
  let bob: Who;
  let tech: Who;
  let boss: Who;
  let t: Record<'printer' | 'wifi' | 'server' | 'claimed' | 'pending' | 'resolved' | 'cancelled', Ticket>;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    const reseau = await w.service('reseau');
    await w.routeCategory('software', support);
    await w.routeCategory('network', reseau);
    rita = await w.employee('Rita');
    bob = await w.employee('Bob');
    tech = await w.technician([support, reseau], 'Tom');
    boss = await w.manager('Marie');
    t = {
      printer: await w.ticket(rita.actor, { title: "L'imprimante du 2e bourre", category: 'software', urgency: 'low' }), // P4
      wifi: await w.ticket(bob.actor, { title: 'Wi-Fi coupé', category: 'network', urgency: 'high' }), // P2
      server: await w.ticket(rita.actor, { title: 'Serveur lent', description: 'Le partage Compta rame', urgency: 'critical' }), // P2, unrouted
      claimed: await w.ticket(bob.actor, { title: 'Outlook', category: 'software' }), // P3
      pending: await w.ticket(rita.actor, { title: 'Licence', category: 'software' }),
      resolved: await w.ticket(bob.actor, { title: 'Souris', category: 'software' }),
      cancelled: await w.ticket(rita.actor, { title: 'Erreur de saisie', category: 'software' }),
    };
    for (const k of ['claimed', 'pending', 'resolved'] as const) await claimTicket(w.deps, tech.actor, t[k].id);
    await changeStatus(w.deps, tech.actor, t.pending.id, { status: 'pending' });
    await changeStatus(w.deps, tech.actor, t.resolved.id, { status: 'resolved', resolution: 'Pile changée' });
    await changeStatus(w.deps, rita.actor, t.cancelled.id, { status: 'cancelled' });
  });

  const ids = async (actor: Actor, input: ListTicketsInput) =>
    (await listTickets(world().deps, actor, { limit: 100, ...input })).items.map((i) => i.number).sort((a, b) => a - b);
  const of = (...keys: Array<keyof typeof t>) => keys.map((k) => t[k].id).sort((a, b) => a - b);

  it('status, including "open" for every not-yet-finished status', async () => {
    expect(await ids(boss.actor, { status: 'open' })).toEqual(of('printer', 'wifi', 'server', 'claimed', 'pending'));
    expect(await ids(boss.actor, { status: 'resolved,cancelled' })).toEqual(of('resolved', 'cancelled'));
    expect(await ids(boss.actor, { status: 'pending' })).toEqual(of('pending'));
    await expectError(listTickets(world().deps, boss.actor, { status: 'reopened' }), 'validation_failed');
  });

  it('service, category, priority', async () => {
    expect(await ids(boss.actor, { service: 'reseau' })).toEqual(of('wifi'));
    expect(await ids(boss.actor, { category: 'network' })).toEqual(of('wifi'));
    expect(await ids(boss.actor, { priority: '2' })).toEqual(of('wifi', 'server'));
    expect(await ids(tech.actor, { service: 'mine', status: 'open' })).toEqual(of('printer', 'wifi', 'claimed', 'pending'));
    await expectError(listTickets(world().deps, boss.actor, { service: 'inconnu' }), 'service_not_found');
  });

  it('assignee me / none, requester me', async () => {
    expect(await ids(tech.actor, { assignee: 'me' })).toEqual(of('claimed', 'pending', 'resolved'));
    expect(await ids(boss.actor, { assignee: 'none' })).toEqual(of('printer', 'wifi', 'server', 'cancelled'));
    expect(await ids(boss.actor, { assignee: tech.person.email! })).toEqual(of('claimed', 'pending', 'resolved'));
    expect(await ids(rita.actor, { requester: 'me' })).toEqual(of('printer', 'server', 'pending', 'cancelled'));
    expect(await ids(boss.actor, { requester: bob.person.email!, status: 'open' })).toEqual(of('wifi', 'claimed'));
  });

  it('R8 overdue follows the controlled clock and matches the overdue flag', async () => {
    const w = world();
    expect(await ids(boss.actor, { overdue: 'true' })).toEqual([]);
    // 13:00: the unowned P2 tickets missed their 120-minute time to own.
    w.clock.set(paris('2026-01-13 13:00'));
    expect(await ids(boss.actor, { overdue: 'true' })).toEqual(of('wifi', 'server'));
    // Wednesday 11:00: the unowned P4 missed its 570 minutes too; pending, resolved and owned ones do not count.
    w.clock.set(paris('2026-01-14 11:00'));
    expect(await ids(boss.actor, { overdue: 'true' })).toEqual(of('printer', 'wifi', 'server'));
    const page = await listTickets(w.deps, boss.actor, { limit: 100 });
    expect(page.items.filter((i) => i.overdue).map((i) => i.number).sort((a, b) => a - b)).toEqual(of('printer', 'wifi', 'server'));
    expect((await getTicket(w.deps, rita.actor, t.printer.id)).overdue).toBe(true);
    expect((await getTicket(w.deps, bob.actor, t.claimed.id)).overdue).toBe(false);
  });

  it('q searches title and description, and "#N" finds the ticket by number', async () => {
    expect(await ids(boss.actor, { q: 'imprimante' })).toEqual(of('printer'));
    expect(await ids(boss.actor, { q: 'compta' })).toEqual(of('server'));
    expect(await ids(boss.actor, { q: `#${t.wifi.id}` })).toEqual(of('wifi'));
    expect(await ids(boss.actor, { q: '100%' })).toEqual([]);
    // A search never widens what a person may see.
    expect(await ids(bob.actor, { q: 'imprimante' })).toEqual([]);
    expect(await ids(bob.actor, { q: `#${t.printer.id}` })).toEqual([]);
  });

  it('items show what a person reads: names, service, category, assignees', async () => {
    const page = await listTickets(world().deps, boss.actor, { q: 'Outlook' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      number: t.claimed.id,
      title: 'Outlook',
      status: 'assigned',
      priority: 3,
      requester: { id: bob.person.id, name: 'Bob' },
      assignees: [{ id: tech.person.id, name: 'Tom' }],
      service: { slug: 'support' },
      category: { slug: 'software', name: 'Logiciel' },
      overdue: false,
    });
    expect(page.nextCursor).toBeNull();
  });
});

describe.each(TEST_DATABASES)('R12 listTickets sorts and cursor pagination (%s)', (dbName) => {
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let boss: Who;
  let all: Ticket[];

  beforeEach(async () => {
    const w = world();
    boss = await w.manager('Marie');
    const tech = await w.technician([], 'Tom');
    all = [];
    const urgencies = ['low', 'medium', 'high', 'critical'] as const;
    for (let i = 0; i < 23; i++) {
      // Groups of tickets share a creation minute, so sort keys tie and the id must break the tie.
      if (i % 4 === 0) w.clock.advance(3);
      all.push(await w.ticket(boss.actor, { title: `Ticket ${i}`, urgency: urgencies[i % 4], impact: 'medium' }));
    }
    // Touch some tickets later so "updated" differs from "newest", with ties on updated_at.
    w.clock.advance(10);
    for (const i of [3, 7, 11]) await claimTicket(w.deps, tech.actor, all[i].id);
  });

  async function walk(sort: 'priority' | 'newest' | 'updated', limit: number): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await listTickets(world().deps, boss.actor, { sort, limit, ...(cursor ? { cursor } : {}) });
      expect(r.items.length).toBeLessThanOrEqual(limit);
      seen.push(...r.items.map((i) => i.number));
      if (!r.nextCursor) return seen;
      cursor = r.nextCursor;
    }
    throw new Error('pagination did not end');
  }

  it.each(['priority', 'newest', 'updated'] as const)('sort %s: pages of 5 give every ticket once, in the order of one big page', async (sort) => {
    const full = (await listTickets(world().deps, boss.actor, { sort, limit: 100 })).items.map((i) => i.number);
    expect(full).toHaveLength(23);
    const paged = await walk(sort, 5);
    expect(paged).toEqual(full);
    expect(new Set(paged).size).toBe(23);
  });

  it('the orders themselves: newest by number, priority by P then due date then number, updated by last change', async () => {
    const byId = [...all].sort((a, b) => b.id - a.id).map((x) => x.id);
    expect(await walk('newest', 7)).toEqual(byId);
    const byPriority = [...all].sort((a, b) => a.priority - b.priority || a.resolveDueAt.getTime() - b.resolveDueAt.getTime() || a.id - b.id).map((x) => x.id);
    expect(await walk('priority', 4)).toEqual(byPriority);
    const touched = [11, 7, 3].map((i) => all[i].id);
    const updated = await walk('updated', 6);
    expect(updated.slice(0, 3)).toEqual(touched);
    expect(updated.slice(3)).toEqual(byId.filter((id) => !touched.includes(id)));
  });

  it('a ticket filed between two pages does not shift or repeat the next page (newest)', async () => {
    const w = world();
    const first = await listTickets(w.deps, boss.actor, { sort: 'newest', limit: 10 });
    await w.ticket(boss.actor, { title: 'Nouveau entre deux pages' });
    const second = await listTickets(w.deps, boss.actor, { sort: 'newest', limit: 10, cursor: first.nextCursor! });
    const expected = [...all].sort((a, b) => b.id - a.id).map((x) => x.id);
    expect([...first.items, ...second.items].map((i) => i.number)).toEqual(expected.slice(0, 20));
  });

  it('a malformed cursor, or one from another sort, is validation_failed', async () => {
    const w = world();
    const page = await listTickets(w.deps, boss.actor, { sort: 'priority', limit: 5 });
    expect(page.nextCursor).toEqual(expect.any(String));
    for (const cursor of ['not-a-cursor', '!!!', Buffer.from('["newest",-1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const err = await expectError(listTickets(w.deps, boss.actor, { sort: 'newest', cursor }), 'validation_failed');
      expect(err.details?.[0].path).toBe('cursor');
    }
    await expectError(listTickets(w.deps, boss.actor, { sort: 'newest', cursor: page.nextCursor! }), 'validation_failed');
    await expectError(listTickets(w.deps, boss.actor, { limit: 0 }), 'validation_failed');
    await expectError(listTickets(w.deps, boss.actor, { limit: 101 }), 'validation_failed');
  });
});
