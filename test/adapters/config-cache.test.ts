import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { mariadbUrl, openTestDb, TEST_DATABASES, type TestDb } from '../support/db';

/**
 * Configuration in memory (R7, R13, R20): reads of configuration tables are answered from memory;
 * a change made here is seen by the next read, a rolled-back change never, and a change made by
 * another instance within a second, through the version row bumped in the change's transaction.
 */
describe.each(TEST_DATABASES)('configuration cache on %s (R20)', (name) => {
  let t: TestDb;
  let dir: string;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    t = await openTestDb(name);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-config-'));
    // Two instances on one database: a file for SQLite (two pools), the worker's database for MariaDB.
    const url = name === 'sqlite' ? `sqlite:${path.join(dir, 'h.sqlite')}` : mariadbUrl();
    a = await openDatabase(url);
    await a.migrate();
    b = await openDatabase(url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const counting = async <T>(db: Database, work: () => Promise<T>) => {
    const seen: string[] = [];
    const off = db.onQuery((sql) => seen.push(sql));
    try {
      return { result: await work(), seen };
    } finally {
      off();
    }
  };

  it('answers a second read of the configuration from memory, and a change at once after its commit', async () => {
    await a.uow.read.settings.slaPolicies();
    const again = await counting(a, () => a.uow.read.settings.slaPolicies());
    expect(again.seen).toEqual([]);
    await a.uow.transaction((s) => s.settings.setSlaPolicy({ priority: 1, serviceId: null, ownMinutes: 7, resolveMinutes: 77 }));
    const after = await counting(a, () => a.uow.read.settings.slaPolicies());
    expect(after.seen).toHaveLength(1);
    expect(after.result.find((p) => p.priority === 1 && p.serviceId === null)).toMatchObject({ ownMinutes: 7, resolveMinutes: 77 });
  });

  it('never keeps a change that was rolled back', async () => {
    const before = await a.uow.read.settings.get('cache_probe');
    await expect(
      a.uow.transaction(async (s) => {
        await s.settings.set('cache_probe', { v: 'rolled back' }, new Date());
        expect(await s.settings.get('cache_probe')).toEqual({ v: 'rolled back' }); // the transaction reads its own write
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await a.uow.read.settings.get('cache_probe')).toEqual(before);
  });

  it('shows another instance the change within a second, through the version row', async () => {
    await b.uow.read.settings.get('cache_shared');
    await a.uow.transaction((s) => s.settings.set('cache_shared', { v: 2 }, new Date()));
    const started = Date.now();
    while (JSON.stringify(await b.uow.read.settings.get('cache_shared')) !== JSON.stringify({ v: 2 })) {
      expect(Date.now() - started).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 25));
    }
  });
});
