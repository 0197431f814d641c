import mysql from 'mysql2/promise';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { loadSettings } from '../../adapters/config/settings';
import { startServer } from '../../main';
import { mariadbUrl, openTestDb, TEST_DATABASES } from '../support/db';
import { makeDeps, testClock } from '../support/fixtures';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { createPerson } from '../../core/people/manage-people.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { systemActor } from '../../core/shared/actor';

/**
 * R9/R18: text is utf8mb4 everywhere. On a MariaDB whose database default is latin1, the migrations
 * still leave every table utf8mb4 (emoji, Cyrillic, CJK kept); a database with a table that is not
 * is refused at start with one line naming it.
 */
const TEXT = 'Écran 🖥️💥 не работает 打印机坏了 ☕';
const operator = { ...systemActor('fr'), channel: 'cli' as const, name: 'test operator' };

async function roundTrip(db: Database): Promise<string> {
  const deps = makeDeps(db.uow, testClock('2026-12-04T10:00:00Z'));
  const p = await createPerson(deps, operator, { displayName: 'Анна 李', email: `charset-${Date.now()}@example.com`, role: 'employee' });
  const made = await createTicket(deps, { ...operator, role: 'admin' }, { title: TEXT, description: TEXT, requester: p.id });
  return (await getTicket(deps, { ...operator, role: 'admin' }, made.ticket.id)).title;
}

describe.each(TEST_DATABASES)('R9 utf8mb4 throughout (%s)', (dbName) => {
  it('keeps emoji, Cyrillic and CJK as typed', async () => {
    const t = await openTestDb(dbName);
    try {
      expect(await roundTrip(t.db)).toBe(TEXT);
    } finally {
      await t.close();
    }
  });
});

// A server's default character set is a MariaDB matter: this part runs where MariaDB is configured.
if (TEST_DATABASES.includes('mariadb')) describe('R9 a latin1 MariaDB database (mariadb)', () => {
  // Databases of this worker's own, named after its test database, created latin1 and dropped after.
  const base = () => new URL(mariadbUrl());
  const named = (suffix: string) => {
    const u = base();
    u.pathname = `${u.pathname}_${suffix}`;
    return { url: u.toString(), name: decodeURIComponent(u.pathname.slice(1)) };
  };
  let admin: mysql.Connection;
  beforeAll(async () => {
    const u = base();
    admin = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  });
  afterAll(() => admin?.end());
  const fresh = async (suffix: string) => {
    const d = named(suffix);
    await admin.query(`DROP DATABASE IF EXISTS \`${d.name}\``);
    await admin.query(`CREATE DATABASE \`${d.name}\` CHARACTER SET latin1 COLLATE latin1_swedish_ci`);
    return d;
  };
  const drop = (name: string) => admin.query(`DROP DATABASE IF EXISTS \`${name}\``);

  it('the migrations leave every table and column utf8mb4, and text comes back as typed', async () => {
    const d = await fresh('latin1');
    const db = await openDatabase(d.url);
    try {
      await db.migrate();
      const [tables] = await admin.query(`SELECT TABLE_NAME AS name, TABLE_COLLATION AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`, [d.name]);
      const rows = tables as Array<{ name: string; c: string }>;
      expect(rows.length).toBeGreaterThan(10);
      expect(rows.filter((r) => !r.c.startsWith('utf8mb4'))).toEqual([]);
      const [cols] = await admin.query(`SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_SET_NAME AS cs FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME <> 'utf8mb4'`, [d.name]);
      expect(cols).toEqual([]);
      expect(await roundTrip(db)).toBe(TEXT);
    } finally {
      await db.close();
      await drop(d.name);
    }
  }, 120_000);

  it('start refuses a database with a table that is not utf8mb4, in one line naming the database and the table', async () => {
    const d = await fresh('latin1_refused');
    try {
      const db = await openDatabase(d.url);
      await db.migrate();
      await db.close();
      // As an old install or a hand-made table would leave it.
      await admin.query(`ALTER TABLE \`${d.name}\`.comments CONVERT TO CHARACTER SET latin1`);
      const err = await startServer(loadSettings({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: d.url }), { quiet: true }).then(
        async (running) => {
          await running.close();
          return null;
        },
        (e: Error) => e,
      );
      expect(err).not.toBeNull();
      expect(err!.message).toContain(`"${d.name}"`);
      expect(err!.message).toContain('comments');
      expect(err!.message).toContain('utf8mb4');
      expect(err!.message).not.toContain('\n');
    } finally {
      await drop(d.name);
    }
  }, 120_000);
});
