import { createMigrator } from '../../adapters/sequelize/migrator';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';

const OURS = ['tickets_channel', 'tickets_closed', 'tickets_first_response', 'tickets_overdue', 'tickets_owned', 'tickets_recurring', 'tickets_status_created'];

/** The reports migration adds the indexes the period counts read, and goes down and up cleanly (R8, R17). */
describe.each(TEST_DATABASES)('R8 reports migration on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());

  const indexes = async (): Promise<string[]> => {
    const sql = name === 'sqlite'
      ? "SELECT name AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'"
      : "SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'tickets'";
    const [rows] = await t.db.sequelize.query(sql);
    return (rows as Array<{ n: string }>).map((r) => r.n).filter((n) => OURS.includes(n)).sort();
  };

  it('adds the report indexes and removes exactly them on the way down', async () => {
    expect(await indexes()).toEqual(OURS);
    const migrator = createMigrator(t.db.sequelize);
    await migrator.down({ to: '20261124030000-reports.js' });
    expect(await indexes()).toEqual([]);
    expect((await migrator.up()).map((m) => m.name)).toContain('20261124030000-reports.js');
    expect(await indexes()).toEqual(OURS);
  });
});
