import { createMigrator } from '../../adapters/sequelize/migrator';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';

const OURS = ['automation_rules', 'automation_runs', 'person_absences', 'routing_rules', 'service_routing', 'sla_events', 'ticket_sla', 'ticket_templates'];
const NAME = '20261124060000-sla-automation.js';

/** Issue 6's migration: its tables and shipped rows, down and up again cleanly on both databases (R7, R17). */
describe.each(TEST_DATABASES)('R7 SLA/automation migration on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());

  const tables = async () => {
    const all = (await t.db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
    return all.map((x) => (typeof x === 'string' ? x : x.tableName)).filter((x) => OURS.includes(x)).sort();
  };

  it('creates its tables with the shipped rules and templates, and removes exactly them on the way down', async () => {
    expect(await tables()).toEqual(OURS);
    expect((await t.uow.read.automation.rules()).map((r) => r.builtin).sort()).toEqual(['auto_close', 'incident_cluster', 'pending_reminder', 'resolved_reminder']);
    expect((await t.uow.read.templates.list()).map((x) => x.slug)).toEqual(['new-employee', 'password-reset', 'printer']);
    const migrator = createMigrator(t.db.sequelize);
    await migrator.down({ migrations: [NAME] });
    expect(await tables()).toEqual([]);
    expect((await migrator.up({ migrations: [NAME] })).map((m) => m.name)).toEqual([NAME]);
    expect(await tables()).toEqual(OURS);
    expect(await t.uow.read.automation.rules()).toHaveLength(4);
  });
});
