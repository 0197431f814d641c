import { TEST_DATABASES } from '../support/db';
import { makeDeps, paris, testClock, useWorld, Who } from '../support/fixtures';
import { runSlaSweep } from '../../core/sla/sla-sweep';
import type { UnitOfWork } from '../../core/shared/store.port';
import { auditActions, outbox } from './outbox';

/**
 * Shutdown during a sweep (R10, R18): once told to stop, the SLA sweep returns between two tickets;
 * each ticket it reached has its level, audit entry and messages (one transaction), the others have
 * none, and the next sweep takes exactly the rest.
 */
describe.each(TEST_DATABASES)('R10 R18 SLA sweep stopped between two tickets (%s)', (dbName) => {
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let tech: Who;

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
  });

  it('stops after the ticket in hand and resumes with the others', async () => {
    const w = world();
    const rita = await w.employee('Rita');
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const t = await w.ticket(rita.actor, { category: 'software', title: `Poste ${i}` });
      await w.db.uow.transaction((s) => s.tickets.addAssignee(t.id, tech.person.id, paris('2026-01-13 10:00')));
      ids.push(t.id);
    }
    const stop = new AbortController();
    let commits = 0;
    // The process is told to stop while the fourth ticket's change is being written.
    const uow: UnitOfWork = Object.create(w.db.uow, {
      transaction: { value: (fn: Parameters<UnitOfWork['transaction']>[0]) => w.db.uow.transaction(fn).finally(() => ++commits === 4 && stop.abort()) },
    });
    const at = paris('2026-01-13 17:30');
    const deps = makeDeps(uow, testClock(at));
    const first = await runSlaSweep(deps, at, stop.signal);
    const warned = new Set((await outbox(w.db, 'sla_warning')).filter((m) => m.params.clock === 'own').map((m) => m.ticketId!));
    expect(first.candidates).toBe(12);
    expect(warned.size).toBe(4);
    for (const id of ids) expect(await auditActions(w.db, id, 'sla_')).toEqual(warned.has(id) ? ['sla_warning'] : []);

    await runSlaSweep(makeDeps(w.db.uow, testClock(at)), at);
    const all = (await outbox(w.db, 'sla_warning')).filter((m) => m.params.clock === 'own').map((m) => m.ticketId!);
    expect(all.sort((x, y) => x - y)).toEqual(ids);
    for (const id of ids) expect(await auditActions(w.db, id, 'sla_')).toEqual(['sla_warning']);
  });
});
