import path from 'node:path';
import type { ScheduledJob } from '../../core/shared/scheduler.port';
import type { Database } from '../sequelize/database';
import { backupName, pruneBackups, writeBackupFile } from './backup-files';

/**
 * R18: a backup every night at 02:00 (HELPDESK_TIMEZONE), then the rotation (7 daily, 5 weekly).
 * The scheduler's lease makes one instance write it, whichever number of instances run.
 */
export function backupJob(db: Database, dir: string, timeZone: string, log: (msg: string, o: object) => void): ScheduledJob {
  return {
    name: 'backup.nightly',
    cron: '0 2 * * *',
    async run(now) {
      const r = await writeBackupFile(db, path.resolve(dir, backupName(now)), now);
      const removed = pruneBackups(path.resolve(dir), timeZone);
      log('nightly backup written', { file: r.file, rows: r.rows, bytes: r.bytes, removed });
    },
  };
}
