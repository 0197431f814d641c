import { TEST_DATABASES } from '../support/db';
import { paris, useWorld, Who } from '../support/fixtures';
import { runSlaSweep } from '../../core/sla/sla-sweep';
import { changeStatus } from '../../core/tickets/change-status.service';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { reopenTicket } from '../../core/tickets/reopen-ticket.service';
import { setServiceRouting } from '../../core/routing/manage-routing.service';
import { expectError } from '../support/fixtures';
import type { Service } from '../../core/people/person.entity';
import { auditActions, outbox } from './outbox';

describe.each(TEST_DATABASES)('R10/R13 SLA sweep: warnings, escalations, breaches (%s)', (dbName) => {
  // Tuesday 13 January 2026, 10:00 Paris: a P3 ticket is due to be owned Wednesday 10:00 (570 business minutes).
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let support: Service;
  let tech: Who;
  let lead: Who;
  let rita: Who;

  beforeEach(async () => {
    const w = world();
    support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
    lead = await w.technician([support], 'Léa Lead');
    await w.db.uow.transaction((s) => s.services.update(support.id, { leadId: lead.person.id }));
    await w.db.uow.transaction((s) => s.chat.bind({ platform: 'slack', teamId: 'T1', channelId: 'CMANAGERS', purpose: 'managers', serviceId: null }, new Date()));
    rita = await w.employee('Rita Requester');
  });

  const sweep = (at: string) => runSlaSweep(world().deps, paris(at));

  it('warns the assignee at 75% of the time to own in business time (across the night), once however many sweeps', async () => {
    const w = world();
    const t = await w.ticket(rita.actor, { category: 'software', title: 'Excel plante' });
    expect(t.ownDueAt.toISOString()).toBe(paris('2026-01-14 10:00').toISOString());
    await w.db.uow.transaction((s) => s.tickets.addAssignee(t.id, tech.person.id, paris('2026-01-13 10:00')));
    // 75% of 570 = 427.5 business minutes: Tuesday 10:00 + 427.5 = 17:07:30 the same day.
    expect((await sweep('2026-01-13 17:07')).events).toBe(0);
    expect(await outbox(w.db, 'sla_warning')).toEqual([]);
    const r = await sweep('2026-01-13 17:08');
    expect(r.events).toBeGreaterThanOrEqual(1);
    const warnings = await outbox(w.db, 'sla_warning');
    expect(warnings.filter((m) => m.params.clock === 'own').map((m) => m.personId)).toEqual([tech.person.id]);
    // Overnight and the next morning: the sweep runs again and again, nothing new is written.
    for (const at of ['2026-01-13 17:09', '2026-01-13 23:00', '2026-01-14 08:45']) await sweep(at);
    expect((await outbox(w.db, 'sla_warning')).filter((m) => m.params.clock === 'own')).toHaveLength(1);
    expect(await auditActions(w.db, t.id, 'sla_')).toEqual(['sla_warning']);
  });

  it('escalates at 100% to the assignees and the service lead, records the breach, then tells the managers at 150%', async () => {
    const w = world();
    const t = await w.ticket(rita.actor, { category: 'software', title: 'VPN' });
    await w.db.uow.transaction((s) => s.tickets.addAssignee(t.id, tech.person.id, paris('2026-01-13 10:00')));
    await sweep('2026-01-13 17:30');
    await sweep('2026-01-14 09:59');
    expect(await outbox(w.db, 'sla_escalation')).toEqual([]);
    await sweep('2026-01-14 10:00');
    const escalations = await outbox(w.db, 'sla_escalation');
    expect(escalations.map((m) => m.personId).sort()).toEqual([tech.person.id, lead.person.id].sort());
    const state = await w.db.uow.read.sla.state(t.id);
    expect(state).toMatchObject({ ownLevel: 2, ownMet: false, resolveMet: null });
    expect(state!.ownBreachedAt!.toISOString()).toBe(paris('2026-01-14 10:00').toISOString());
    // 150% of 570 = 855: 285 business minutes after Wednesday 10:00 is 14:45.
    await sweep('2026-01-14 14:44');
    expect((await outbox(w.db, 'sla_escalation')).filter((m) => m.address === 'CMANAGERS')).toEqual([]);
    await sweep('2026-01-14 14:45');
    const managers = (await outbox(w.db, 'sla_escalation')).filter((m) => m.address === 'CMANAGERS');
    expect(managers).toHaveLength(1);
    expect(managers[0].params).toMatchObject({ number: t.id, clock: 'own', level: 'managers' });
    expect(await auditActions(w.db, t.id, 'sla_')).toEqual(['sla_warning', 'sla_escalation', 'sla_managers']);
  });

  it('pending pauses the clock: no warning while waiting, and the due date moves by the paused business time', async () => {
    const w = world();
    const t = await w.ticket(rita.actor, { category: 'software', title: 'Imprimante' });
    await claimTicket(w.deps, tech.actor, t.id); // owned: only the resolve clock runs (P3: 1710 min, Friday 10:00)
    w.clock.set(paris('2026-01-13 11:00'));
    await changeStatus(w.deps, tech.actor, t.id, { status: 'pending' });
    // Thursday 18:00 would be past 75% of the resolve target had the clock run.
    expect((await sweep('2026-01-15 17:00')).events).toBe(0);
    w.clock.set(paris('2026-01-16 11:00')); // 3 business days pending (Tue 11:00 -> Fri 11:00 = 1710 min)
    const back = await changeStatus(w.deps, tech.actor, t.id, { status: 'in_progress' });
    expect(back.resolveDueAt.toISOString()).toBe(paris('2026-01-21 10:00').toISOString());
    expect((await sweep('2026-01-16 11:01')).events).toBe(0);
    expect(await outbox(w.db, 'sla_warning')).toEqual([]);
  });

  it("runs a service's clocks on its own calendar: a 24/7 desk is warned in the night, the others wait for the morning", async () => {
    const w = world();
    const admin = await w.admin();
    const allWeek = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ from: '00:00', to: '24:00' }]]));
    await expectError(setServiceRouting(w.deps, admin.actor, support.id, { calendar: { timezone: 'Mars/Olympus', hours: allWeek, holidays: 'none' } }), 'validation_failed');
    await setServiceRouting(w.deps, admin.actor, support.id, { calendar: { timezone: 'Europe/Paris', hours: allWeek, holidays: 'none' } });
    w.clock.set(paris('2026-01-13 17:00'));
    const desk = await w.ticket(rita.actor, { category: 'software', title: 'Serveur' });
    const office = await w.ticket(rita.actor, { category: 'hardware', title: 'Écran' });
    // 570 minutes around the clock: 17:00 + 9 h 30 = 02:30; the office calendar gives Wednesday 17:00 (60 + 510).
    expect(desk.ownDueAt.toISOString()).toBe(paris('2026-01-14 02:30').toISOString());
    expect(office.ownDueAt.toISOString()).toBe(paris('2026-01-14 17:00').toISOString());
    await w.db.uow.transaction((s) => s.chat.bind({ platform: 'slack', teamId: 'T1', channelId: 'CALL', purpose: 'technicians', serviceId: support.id }, new Date()));
    // 75% of 570 = 427.5: 17:00 + 7 h 07.5 = 00:07:30 for the desk.
    await runSlaSweep(w.deps, paris('2026-01-14 00:08'));
    expect((await outbox(w.db, 'sla_warning')).map((m) => [m.ticketId, m.address])).toEqual([[desk.id, 'CALL']]);
    expect(await w.db.uow.read.sla.state(office.id)).toBeNull();
  });

  it('records time to own met for a ticket owned in time, and a reopen starts a new cycle that warns again', async () => {
    const w = world();
    const t = await w.ticket(rita.actor, { category: 'software', title: 'Outlook' });
    w.clock.set(paris('2026-01-13 11:00'));
    await claimTicket(w.deps, tech.actor, t.id);
    await sweep('2026-01-13 11:01');
    expect(await w.db.uow.read.sla.state(t.id)).toMatchObject({ cycle: 0, ownMet: true, resolveMet: null });
    w.clock.set(paris('2026-01-13 12:00'));
    await changeStatus(w.deps, tech.actor, t.id, { status: 'resolved', resolution: 'ok' });
    await sweep('2026-01-13 12:01');
    expect(await w.db.uow.read.sla.state(t.id)).toMatchObject({ cycle: 0, ownMet: true, resolveMet: true });
    w.clock.set(paris('2026-01-13 13:00'));
    await reopenTicket(w.deps, rita.actor, t.id, { comment: 'encore' });
    // The new cycle: resolve due Friday 13:00 (1710 from Tuesday 13:00); 75% = 1282.5 -> Thursday 15:22:30.
    await sweep('2026-01-15 15:23');
    const warnings = (await outbox(w.db, 'sla_warning')).filter((m) => m.ticketId === t.id && m.params.clock === 'resolve');
    expect(warnings.map((m) => m.dedupeKey)).toEqual([`sla_warning:${t.id}:resolve:1:p${tech.person.id}`]);
    expect(await w.db.uow.read.sla.state(t.id)).toMatchObject({ cycle: 1, resolveLevel: 1, resolveMet: null });
  });
});
