/**
 * A mail reader in its own process for the crash test: reads the mailbox once over a SQLite file and,
 * with CRASH_AT_RECORD=1, kills itself with SIGKILL the moment the mail's record is about to be
 * written (the ticket is committed, the record, the answer and the \Seen flag are not).
 */
import { loadSettings } from '../../adapters/config/settings';
import { openDatabase } from '../../adapters/sequelize/database';
import { buildDeps } from '../../main';
import { createMailIntake } from '../../adapters/mail/mail-intake';

(async () => {
  const settings = loadSettings();
  const db = await openDatabase(settings.DATABASE_URL);
  await db.migrate();
  if (process.env.CRASH_AT_RECORD === '1') {
    db.onQuery((sql) => {
      if (/INSERT INTO inbound_mails/i.test(sql)) process.kill(process.pid, 'SIGKILL');
    });
  }
  const intake = createMailIntake(settings, buildDeps(settings, db), () => undefined)!;
  const n = await intake.readOnce();
  process.stdout.write(`read ${n}\n`);
  await intake.stop();
  await db.close();
})().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
