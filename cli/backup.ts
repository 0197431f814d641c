import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../adapters/sequelize/database';
// Loaded by the command itself, so that `helpdesk --help` does not load the database layer.
/* eslint-disable @typescript-eslint/no-require-imports */
const backups = () => require('../adapters/sequelize/backup') as typeof import('../adapters/sequelize/backup');
const files = () => require('../adapters/backup/backup-files') as typeof import('../adapters/backup/backup-files');
/* eslint-enable @typescript-eslint/no-require-imports */

export const BACKUP_USAGE = `  backup [--out FILE]                     write a backup of the whole database (gzip'd JSON lines;
                                          default HELPDESK_BACKUP_DIR/helpdesk-<time>.jsonl.gz)
  restore FILE [--force]                  replace the database's content with a backup's (SQLite or MySQL,
                                          whichever made it); --force when it already holds data`;

/** `npx helpdesk backup`: prints where the file went and what it holds. */
export async function backupCommand(db: Database, dir: string, args: string[], now: Date, out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const { backupName, writeBackupFile } = files();
  const file = path.resolve(values.out ?? path.join(dir, backupName(now)));
  const r = await writeBackupFile(db, file, now);
  out(`backup written: ${r.file} (${r.tables} tables, ${r.rows} rows, ${r.bytes} bytes)\n`);
  return 0;
}

/** `npx helpdesk restore FILE`: all or nothing, and never over data without --force. */
export async function restoreCommand(db: Database, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const file = positionals[0];
  if (!file || !fs.existsSync(file)) {
    err(`restore needs an existing backup file: npx helpdesk restore data/backups/helpdesk-....jsonl.gz\n`);
    return 2;
  }
  try {
    const r = await backups().restoreDatabase(db, fs.createReadStream(file), { force: values.force });
    out(`restored ${r.rows} rows into ${r.tables} tables from ${path.resolve(file)}\n`);
    return 0;
  } catch (e) {
    const { BackupError } = backups();
    if (!(e instanceof BackupError) && !/incorrect header check|unexpected end of file/i.test(String(e))) throw e;
    err(`restore refused: ${e instanceof BackupError ? e.message : 'not a helpdesk backup file (not gzip)'}; nothing was changed\n`);
    return 1;
  }
}
