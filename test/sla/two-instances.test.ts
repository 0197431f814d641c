import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { mariadbUrl, TEST_DATABASES } from '../support/db';
import { makeDeps, paris, testClock, useWorld, Who } from '../support/fixtures';
import { runSlaSweep } from '../../core/sla/sla-sweep';
import { auditActions, outbox } from './outbox';

// On MariaDB the second instance is a second connection pool on the same database; an in-memory
// SQLite database cannot be opened twice, so there the two sweeps share one pool and interleave.
describe.each(TEST_DATABASES)('R13 SLA sweep on two instances at once (%s)', (dbName) => {
  const world = useWorld(dbName, paris('2026-01-13 10:00'));
  let second: Database | undefined;
  let tech: Who;

  beforeAll(async () => {
    if (dbName === 'mariadb') second = await openDatabase(mariadbUrl(), { poolMax: 10 });
  });
  afterAll(async () => {
    await second?.close();
  });

  beforeEach(async () => {
    const w = world();
    const support = await w.service('support');
    await w.routeCategory('software', support);
    tech = await w.technician([support], 'Thomas Tech');
  });

  it('sends each warning and escalation once and audits it once, however the two sweeps interleave', async () => {
    const w = world();
    const rita = await w.employee('Rita');
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = await w.ticket(rita.actor, { category: 'software', title: `Poste ${i}` });
      await w.db.uow.transaction((s) => s.tickets.addAssignee(t.id, tech.person.id, paris('2026-01-13 10:00')));
      ids.push(t.id);
    }
    const a = makeDeps(w.db.uow, testClock(paris('2026-01-13 17:30')));
    const b = makeDeps(second?.uow ?? w.db.uow, testClock(paris('2026-01-13 17:30')));
    for (const at of ['2026-01-13 17:30', '2026-01-14 10:05']) {
      const [ra, rb] = await Promise.all([runSlaSweep(a, paris(at)), runSlaSweep(b, paris(at))]);
      // Both looked at the 40 tickets; between them, each level of each ticket was recorded exactly once.
      expect(ra.candidates + rb.candidates).toBeGreaterThanOrEqual(40);
      expect(ra.failed + rb.failed).toBe(0);
    }
    const warnings = (await outbox(w.db, 'sla_warning')).filter((m) => m.params.clock === 'own');
    expect(warnings.map((m) => m.ticketId).sort((x, y) => x! - y!)).toEqual(ids);
    const escalations = (await outbox(w.db, 'sla_escalation')).filter((m) => m.params.clock === 'own');
    expect(escalations.map((m) => m.ticketId).sort((x, y) => x! - y!)).toEqual(ids);
    for (const id of ids) {
      expect(await auditActions(w.db, id, 'sla_')).toEqual(['sla_warning', 'sla_escalation']);
      // Whichever instance wrote last, the breach stays recorded.
      expect(await w.db.uow.read.sla.state(id)).toMatchObject({ ownLevel: 2, ownMet: false });
    }
  });
});
