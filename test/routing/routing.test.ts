import { TEST_DATABASES } from '../support/db';
import { expectError, paris, useWorld, Who } from '../support/fixtures';
import { addAbsence, addRoutingRule, setServiceRouting } from '../../core/routing/manage-routing.service';
import { runAcceptanceSweep } from '../../core/routing/acceptance-sweep';
import { changeStatus } from '../../core/tickets/change-status.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import type { Service } from '../../core/people/person.entity';
import { outbox } from '../sla/outbox';

describe.each(TEST_DATABASES)('R7/R13 routing: service, assignment, time limit to accept (%s)', (dbName) => {
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let admin: Who;
  let network: Service;
  let support: Service;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    admin = await w.admin();
    network = await w.service('reseau');
    support = await w.service('support');
    await w.routeCategory('network', network);
    await w.routeCategory('software', support);
    rita = await w.employee('Rita');
  });

  it('R13 a category sends the ticket to its service; a routing rule on the text or department wins; staff naming a service override both', async () => {
    const w = world();
    expect((await w.ticket(rita.actor, { category: 'network', title: 'Wi-Fi lent' })).serviceId).toBe(network.id);
    await addRoutingRule(w.deps, admin.actor, { name: 'VPN to support', if: [{ field: 'text', op: 'contains', value: 'vpn' }], service: 'support' });
    const vpn = await w.ticket(rita.actor, { category: 'network', title: 'Le VPN ne se connecte pas' });
    expect(vpn.serviceId).toBe(support.id);
    const phone = await w.technician([support], 'Paul Phone');
    const override = await createTicket(w.deps, phone.actor, { title: 'VPN en panne', category: 'network', service: 'reseau', requester: rita.person.email! });
    expect(override.ticket.serviceId).toBe(network.id);
    await expectError(addRoutingRule(w.deps, admin.actor, { name: 'late', if: [{ field: 'similarReportsInHour', gte: 3 }], service: 'support' }), 'validation_failed');
    await expectError(addRoutingRule(w.deps, rita.actor, { name: 'x', if: [{ field: 'title', op: 'contains', value: 'x' }], service: 'support' }), 'forbidden');
  });

  it('R7 round-robin is fair over 1,000 tickets and never sets the time to own', async () => {
    const w = world();
    const techs = [await w.technician([support], 'A'), await w.technician([support], 'B'), await w.technician([support], 'C')];
    await setServiceRouting(w.deps, admin.actor, 'support', { mode: 'round_robin' });
    const counts = new Map<number, number>();
    // Ten at a time: the turn counter is one UPDATE, so concurrent filings still take distinct turns.
    for (let i = 0; i < 1000; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => w.ticket(rita.actor, { category: 'software', title: `Logiciel ${i + j}` })));
      for (const t of batch) {
        expect(t.status).toBe('assigned');
        expect(t.ownedAt).toBeNull();
        counts.set(t.assigneeIds[0], (counts.get(t.assigneeIds[0]) ?? 0) + 1);
      }
    }
    // 1000 = 334 + 333 + 333: strict turns, nobody more than one ahead.
    expect([...counts.keys()].sort()).toEqual(techs.map((t) => t.person.id).sort());
    expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
  }, 120_000);

  it('R7/R13 round-robin takes turns among who is present only, and an absence is over at the instant it ends', async () => {
    const w = world();
    const a = await w.technician([support], 'Anna');
    const b = await w.technician([support], 'Bruno, on holiday');
    const c = await w.technician([support], 'Chloé');
    await setServiceRouting(w.deps, admin.actor, 'support', { mode: 'round_robin' });
    await addAbsence(w.deps, admin.actor, { person: b.person.id, startsAt: '2026-01-12T00:00:00+01:00', endsAt: '2026-01-14T09:00:00+01:00', reason: 'congés' });
    const during: number[] = [];
    for (let i = 0; i < 6; i++) during.push((await w.ticket(rita.actor, { category: 'software', title: `Pendant ${i}` })).assigneeIds[0]);
    expect(new Set(during)).toEqual(new Set([a.person.id, c.person.id]));
    // 09:00:00.000 sharp, the very instant the absence ends: Bruno takes his turn again.
    w.clock.set(paris('2026-01-14 09:00'));
    const back: number[] = [];
    for (let i = 0; i < 3; i++) back.push((await w.ticket(rita.actor, { category: 'software', title: `Retour ${i}` })).assigneeIds[0]);
    expect(back.sort()).toEqual([a.person.id, b.person.id, c.person.id].sort());
  });

  it('R7 least-loaded gives the ticket to the member with the fewest open tickets, skipping who is off', async () => {
    const w = world();
    const busy = await w.technician([support], 'Busy');
    const idle = await w.technician([support], 'Idle, on holiday');
    const free = await w.technician([support], 'Free');
    await setServiceRouting(w.deps, admin.actor, 'support', { mode: 'least_loaded' });
    await addAbsence(w.deps, admin.actor, { person: idle.person.id, startsAt: '2026-01-12T00:00:00+01:00', endsAt: '2026-01-17T00:00:00+01:00', reason: 'congés' });
    // busy already holds two open tickets, free one.
    for (const [who, n] of [[busy, 2], [free, 1]] as const) {
      for (let i = 0; i < n; i++) {
        const t = await createTicket(w.deps, admin.actor, { title: 'pre', service: 'reseau', requester: rita.person.id });
        await w.db.uow.transaction((s) => s.tickets.addAssignee(t.ticket.id, who.person.id, w.clock.now()));
      }
    }
    const first = await w.ticket(rita.actor, { category: 'software', title: 'Écran noir' });
    expect(first.assigneeIds).toEqual([free.person.id]); // idle has 0 but is off
    const second = await w.ticket(rita.actor, { category: 'software', title: 'Clavier' });
    expect([busy.person.id, free.person.id]).toContain(second.assigneeIds[0]);
    expect(second.assigneeIds[0]).not.toBe(idle.person.id);
    // Back from holiday: the idle member now has the fewest.
    w.clock.set(paris('2026-01-19 09:00'));
    expect((await w.ticket(rita.actor, { category: 'software', title: 'Souris' })).assigneeIds).toEqual([idle.person.id]);
    // Everyone off: nobody is picked and the team claims it.
    for (const p of [busy, free, idle]) await addAbsence(w.deps, p.actor, { person: p.person.id, startsAt: '2026-01-19T00:00:00+01:00', endsAt: '2026-01-20T00:00:00+01:00' });
    const nobody = await w.ticket(rita.actor, { category: 'software', title: 'Imprimante' });
    expect(nobody).toMatchObject({ status: 'new', assigneeIds: [] });
  });

  it('R13 a ticket assigned but not started within the limit (business minutes) goes back to the queue and the team is told', async () => {
    const w = world();
    const tech = await w.technician([support], 'Thomas');
    await setServiceRouting(w.deps, admin.actor, 'support', { mode: 'round_robin', acceptMinutes: 60 });
    await w.db.uow.transaction((s) => s.chat.bind({ platform: 'slack', teamId: 'T1', channelId: 'CSUPPORT', purpose: 'technicians', serviceId: support.id }, new Date()));
    w.clock.set(paris('2026-01-13 17:30'));
    const late = await w.ticket(rita.actor, { category: 'software', title: 'Excel' });
    const started = await w.ticket(rita.actor, { category: 'software', title: 'Word' });
    expect(late.assigneeIds).toEqual([tech.person.id]);
    await changeStatus(w.deps, tech.actor, started.id, { status: 'in_progress' });
    // 17:30 + 60 business minutes = next morning 09:00 (30 min Tuesday, 30 min Wednesday from 08:30).
    expect((await runAcceptanceSweep(w.deps, paris('2026-01-14 08:59'))).returned).toEqual([]);
    expect((await runAcceptanceSweep(w.deps, paris('2026-01-14 09:00'))).returned).toEqual([late.id]);
    const back = await w.db.uow.read.tickets.get(late.id);
    expect(back).toMatchObject({ status: 'new', assigneeIds: [], ownedAt: null });
    expect((await w.db.uow.read.tickets.get(started.id))!.status).toBe('in_progress');
    const told = await outbox(w.db, 'acceptance_expired');
    expect(told.map((m) => m.address === 'CSUPPORT' ? 'channel' : m.personId)).toEqual(['channel', tech.person.id]);
    expect((await runAcceptanceSweep(w.deps, paris('2026-01-14 09:30'))).returned).toEqual([]);
  });
});
