import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BackupError, dumpDatabase, restoreDatabase } from '../../adapters/sequelize/backup';
import { backupName, pruneBackups } from '../../adapters/backup/backup-files';
import { Sql, type Row } from '../../adapters/sequelize/sql';
import type { Database } from '../../adapters/sequelize/database';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { addComment } from '../../core/tickets/add-comment.service';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { createArticle } from '../../core/kb/create-article.service';
import { searchArticles } from '../../core/kb/search-articles.service';
import { systemActor } from '../../core/shared/actor';
import { addAttachment, readAttachment } from '../../core/tickets/attachments.service';

/** Every byte value, twice: a backup must carry binary columns untouched. */
const BINARY = Buffer.from([...Array(256).keys(), ...Array(256).keys()]);
import { openTestDb, TEST_DATABASES, type TestDbName } from '../support/db';
import { makeDeps, testClock, World } from '../support/fixtures';

/**
 * Backups (R18): what one database writes, another restores, whichever kind each is, with every
 * row, the ticket views, the search index and the id counters as they were; a bad file or a
 * database that already holds data changes nothing.
 */
async function dump(db: Database): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await dumpDatabase(db, sink, new Date('2026-11-24T02:00:00Z'));
  return Buffer.concat(chunks);
}

async function counts(db: Database): Promise<Record<string, number>> {
  const sql = new Sql(db.sequelize, db.dialect, null);
  const all = (await db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
  const out: Record<string, number> = {};
  for (const t of all.map((x) => (typeof x === 'string' ? x : x.tableName)).filter((t) => !t.startsWith('kb_articles_fts') && t !== 'schema_migrations').sort()) {
    out[t] = Number((await sql.one<Row>(`SELECT COUNT(*) AS n FROM ${Sql.id(t)}`))!.n);
  }
  return out;
}

async function seed(w: World): Promise<number[]> {
  const poste = await w.service('poste', [], 'Postes de travail');
  const tech = await w.technician([poste], 'Théo Technicien');
  const emp = await w.employee('Émilie Employée');
  const numbers: number[] = [];
  for (const title of ['Écran noir au démarrage', 'Imprimante HP bloquée', 'VPN coupé']) {
    const r = await createTicket(w.deps, tech.actor, { title, description: `Détails : ${title} — « accents »`, service: 'poste', urgency: 'high', requester: emp.person.id });
    numbers.push(r.ticket.id);
  }
  await claimTicket(w.deps, tech.actor, numbers[0]);
  await addComment(w.deps, tech.actor, numbers[0], { body: 'Je regarde ça', internal: false });
  await addComment(w.deps, tech.actor, numbers[0], { body: 'note interne', internal: true });
  await createArticle(w.deps, tech.actor, { title: 'Écran noir : que faire ?', body: "Vérifiez le câble de l'écran.", language: 'fr', publish: true });
  await addAttachment(w.deps, emp.actor, numbers[0], { filename: 'écran.png', contentType: 'image/png', data: BINARY });
  return numbers;
}

const pairs: Array<[TestDbName, TestDbName]> = TEST_DATABASES.includes('mariadb')
  ? [['sqlite', 'sqlite'], ['sqlite', 'mariadb'], ['mariadb', 'sqlite']]
  : [['sqlite', 'sqlite']];

describe.each(pairs)('backup from %s, restore into %s (R18)', (from, to) => {
  it('restores every row, the ticket views, the search index and the id counters', async () => {
    const source = await openTestDb(from);
    const target = await openTestDb(to);
    try {
      const w = new World(source, testClock('2026-11-23T09:00:00Z'));
      const numbers = await seed(w);
      const file = await dump(source.db);
      const restored = await restoreDatabase(target.db, Readable.from(file));
      expect(restored.rows).toBeGreaterThan(10);
      expect(await counts(target.db)).toEqual(await counts(source.db));

      const manager = { ...systemActor('fr'), role: 'manager' as const };
      const there = makeDeps(target.uow, testClock('2026-11-23T10:00:00Z'));
      for (const n of numbers) expect(await getTicket(there, manager, n)).toEqual(await getTicket(w.deps, manager, n));
      // The search index (FTS5 on SQLite, FULLTEXT on MariaDB) answers on the restored articles, accents folded.
      const found = await searchArticles(there, manager, { q: 'ecran noir' });
      expect(found.items.map((a) => a.title)).toEqual(['Écran noir : que faire ?']);
      const [file0] = await there.uow.read.attachments.list(numbers[0]);
      expect((await readAttachment(there, manager, numbers[0], file0.id)).data.equals(BINARY)).toBe(true);
      // Counters continue after the restored ids: a new ticket never takes an old number.
      const next = await createTicket(there, manager, { title: 'Nouveau', requester: (await getTicket(w.deps, manager, numbers[0])).requester!.id });
      expect(next.ticket.id).toBeGreaterThan(Math.max(...numbers));

      // Restoring again over data needs --force; refused, nothing changes.
      const before = await counts(target.db);
      await expect(restoreDatabase(target.db, Readable.from(file))).rejects.toThrow(/already holds tickets or people/);
      expect(await counts(target.db)).toEqual(before);
      const forced = await restoreDatabase(target.db, Readable.from(file), { force: true });
      expect(forced.rows).toBe(restored.rows);
      expect(await counts(target.db)).toEqual(await counts(source.db));
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('refuses a file that is not a backup, a truncated one, or one from a newer version, changing nothing', async () => {
    const source = await openTestDb(from);
    const target = await openTestDb(to);
    try {
      await seed(new World(source, testClock('2026-11-23T09:00:00Z')));
      const file = await dump(source.db);
      const empty = await counts(target.db);
      await expect(restoreDatabase(target.db, Readable.from(gzipSync('{"hello":1}\n')))).rejects.toThrow(BackupError);
      await expect(restoreDatabase(target.db, Readable.from(Buffer.from('plain text')))).rejects.toThrow('not a helpdesk backup file');
      // Cut inside the rows: the whole restore is rolled back.
      await expect(restoreDatabase(target.db, Readable.from(file.subarray(0, Math.floor(file.length * 0.8))))).rejects.toThrow();
      expect(await counts(target.db)).toEqual(empty);
      const newer = gzipSync(JSON.stringify({ helpdesk_backup: 1, migrations: ['29991231000000-future.js'], tables: [] }) + '\n');
      await expect(restoreDatabase(target.db, Readable.from(newer))).rejects.toThrow(/newer version \(migrations 29991231000000-future\.js\)/);
      expect(await counts(target.db)).toEqual(empty);
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe('npx helpdesk backup / restore (R18)', () => {
  const bin = path.join(__dirname, '../../bin/helpdesk.js');
  const run = (dir: string, db: string, args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, db)}`, HELPDESK_BACKUP_DIR: path.join(dir, 'backups'), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60000,
    });

  it('writes a file into HELPDESK_BACKUP_DIR and restores it into another database; a missing file exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-backup-'));
    try {
      expect(run(dir, 'a.sqlite', ['demo']).status).toBe(0);
      const b = run(dir, 'a.sqlite', ['backup']);
      expect(b.status).toBe(0);
      const m = /^backup written: (.+\.jsonl\.gz) \((\d+) tables, (\d+) rows, \d+ bytes\)$/.exec(b.stdout.trim());
      expect(m).not.toBeNull();
      expect(path.dirname(m![1])).toBe(path.join(dir, 'backups'));
      const r = run(dir, 'b.sqlite', ['restore', m![1]]);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe(`restored ${m![3]} rows into ${m![2]} tables from ${m![1]}`);
      expect(r.status).toBe(0);
      const again = run(dir, 'b.sqlite', ['restore', m![1]]);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/^restore refused: the database already holds tickets or people/);
      const missing = run(dir, 'b.sqlite', ['restore', path.join(dir, 'nope.gz')]);
      expect(missing.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the last 7 days and 5 Sundays beyond them, the newest file of each day', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-prune-'));
    try {
      // 60 nightly files (02:00 UTC) up to Tuesday 24 November 2026, plus a second one on the 24th.
      const start = Date.parse('2026-09-26T02:00:00Z');
      for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, backupName(new Date(start + i * 86400000))), 'x');
      fs.writeFileSync(path.join(dir, backupName(new Date('2026-11-24T14:00:00Z'))), 'x');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'kept: not a backup');
      pruneBackups(dir, 'Europe/Paris');
      expect(fs.readdirSync(dir).sort()).toEqual([
        'helpdesk-2026-10-18T020000Z.jsonl.gz', 'helpdesk-2026-10-25T020000Z.jsonl.gz', 'helpdesk-2026-11-01T020000Z.jsonl.gz',
        'helpdesk-2026-11-08T020000Z.jsonl.gz', 'helpdesk-2026-11-15T020000Z.jsonl.gz',
        'helpdesk-2026-11-18T020000Z.jsonl.gz', 'helpdesk-2026-11-19T020000Z.jsonl.gz', 'helpdesk-2026-11-20T020000Z.jsonl.gz',
        'helpdesk-2026-11-21T020000Z.jsonl.gz', 'helpdesk-2026-11-22T020000Z.jsonl.gz', 'helpdesk-2026-11-23T020000Z.jsonl.gz',
        'helpdesk-2026-11-24T140000Z.jsonl.gz', 'notes.txt',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
