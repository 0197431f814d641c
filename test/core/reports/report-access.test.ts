import { buildReport } from '../../../core/reports/build-report.service';
import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld } from '../../support/fixtures';
import { NOW, seedReportWeek } from './report-fixture';

const week = { period: 'weekly' as const, from: '2026-11-16' };

/** Who reads which report: managers and admins all, technicians theirs (R14), employees none (R16). */
describe.each(TEST_DATABASES)('report access (R16 access, R14 technician indicators) on %s', (dbName) => {
  const world = useWorld(dbName, NOW);

  it('refuses employees, whatever scope they ask for', async () => {
    const w = world();
    await seedReportWeek(w);
    const eve = await w.employee('Eve 2');
    await expectError(buildReport(w.deps, eve.actor, week), 'forbidden');
    await expectError(buildReport(w.deps, eve.actor, { ...week, service: 'poste' }), 'forbidden');
    await expectError(buildReport(w.deps, eve.actor, { ...week, technician: 'me' }), 'forbidden');
  });

  it("lets a technician read their own services' report but not another service's or colleague's", async () => {
    const w = world();
    const { alice, bob } = await seedReportWeek(w);
    const me = await w.actorFor(bob);
    expect((await buildReport(w.deps, me, { ...week, service: 'poste' })).volumes.opened).toBe(4);
    expect((await buildReport(w.deps, me, { ...week, technician: 'me' })).scope).toMatchObject({ kind: 'technician', id: bob.id });
    await expectError(buildReport(w.deps, me, { ...week, service: 'reseau' }), 'forbidden');
    await expectError(buildReport(w.deps, me, { ...week, technician: String(alice.id) }), 'forbidden');
  });

  it("lets managers and admins read everything, any service and any technician's indicators", async () => {
    const w = world();
    const { alice } = await seedReportWeek(w);
    const mia = await w.manager('Mia');
    const root = await w.admin();
    expect((await buildReport(w.deps, mia.actor, week)).volumes.opened).toBe(6);
    expect((await buildReport(w.deps, root.actor, { ...week, service: 'reseau' })).volumes.opened).toBe(2);
    const hers = await buildReport(w.deps, mia.actor, { ...week, technician: alice.email! });
    expect(hers.scope).toEqual({ kind: 'technician', id: alice.id, name: 'Alice Martin' });
    // Alice's: #3 #4 #8 #10; opened in the week: #4 only.
    expect(hers.volumes).toEqual({ opened: 1, resolved: 2, closed: 1, backlogStart: 2, backlogEnd: 1, overdueNow: 1 });
  });

  it('answers unknown services and bad input with coded errors', async () => {
    const w = world();
    await seedReportWeek(w);
    const mia = await w.manager('Mia');
    await expectError(buildReport(w.deps, mia.actor, { ...week, service: 'nowhere' }), 'service_not_found');
    await expectError(buildReport(w.deps, mia.actor, { ...week, from: '16/11/2026' }), 'validation_failed');
    await expectError(buildReport(w.deps, mia.actor, { ...week, from: '2026-02-30' }), 'validation_failed');
    await expectError(buildReport(w.deps, mia.actor, { period: 'daily' as never }), 'validation_failed');
    await expectError(buildReport(w.deps, mia.actor, { ...week, service: 'poste', technician: 'me' }), 'validation_failed');
  });
});
