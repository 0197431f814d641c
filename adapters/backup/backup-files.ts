import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Database } from '../sequelize/database';
import { dumpDatabase, type BackupSummary } from '../sequelize/backup';

/** `helpdesk-2026-11-24T020000Z.jsonl.gz`: sorts by time, says when, safe on every file system. */
export const backupName = (at: Date) => `helpdesk-${at.toISOString().replace(/:/g, '').replace(/\.\d{3}Z$/, 'Z')}.jsonl.gz`;
const NAME = /^helpdesk-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z\.jsonl\.gz$/;

/** Writes to a temporary name first: a crash mid-way never leaves a truncated file that looks whole. */
export async function writeBackupFile(db: Database, file: string, at: Date): Promise<BackupSummary & { file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    const summary = await dumpDatabase(db, fs.createWriteStream(partial), at);
    fs.renameSync(partial, file);
    return { ...summary, file, bytes: fs.statSync(file).size };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/**
 * R18 "daily / weekly backups": keeps the newest `daily` days (one file a day, the latest of each)
 * and, beyond them, the Sunday (local) files of the last `weekly` weeks; deletes the rest.
 */
export function pruneBackups(dir: string, timeZone: string, keep: { daily: number; weekly: number } = { daily: 7, weekly: 5 }): string[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => NAME.test(f)).sort().reverse();
  const days = new Set<string>();
  const weeks = new Set<string>();
  const removed: string[] = [];
  for (const f of files) {
    const [, date, h, m, sec] = NAME.exec(f)!;
    const at = DateTime.fromISO(`${date}T${h}:${m}:${sec}Z`).setZone(timeZone);
    const day = at.toFormat('yyyy-MM-dd');
    const week = at.toFormat("kkkk-'W'WW");
    let keepIt = false;
    if (!days.has(day) && days.size < keep.daily) {
      days.add(day);
      keepIt = true;
    } else if (!days.has(day) && at.weekday === 7 && !weeks.has(week) && weeks.size < keep.weekly) {
      weeks.add(week);
      keepIt = true;
    }
    if (!keepIt) {
      fs.rmSync(path.join(dir, f), { force: true });
      removed.push(f);
    }
  }
  return removed;
}
