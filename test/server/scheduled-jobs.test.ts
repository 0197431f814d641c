import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Sql } from '../../adapters/sequelize/sql';
import { TEST_DATABASES } from '../support/db';
import { paris, testClock } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The housekeeping jobs the server registers on its scheduler (R18 backups, idempotency pruning),
 * fired through the real job runner with a controlled clock, as node-schedule would at those times.
 */
describe.each(TEST_DATABASES)('scheduled housekeeping on %s', (dbName) => {
  let s: TestServer;
  let dir: string;
  const clock = testClock(paris('2026-11-24 01:00'));
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-jobs-'));
    s = await startTestServer(dbName, { clock, env: { HELPDESK_BACKUP_DIR: dir, HELPDESK_TIMEZONE: 'Europe/Paris' } });
  });
  afterAll(async () => {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the nightly backup at 02:00 Paris time, once, and keeps older days', async () => {
    fs.writeFileSync(path.join(dir, 'helpdesk-2026-11-20T010000Z.jsonl.gz'), 'older');
    expect(await s.running.notifications.runner.runDue(paris('2026-11-24 01:59'))).not.toContain('backup.nightly');
    expect(await s.running.notifications.runner.runDue(paris('2026-11-24 02:00'))).toContain('backup.nightly');
    // The same minute again (another instance, a retry): the lease says it ran.
    expect(await s.running.notifications.runner.runDue(paris('2026-11-24 02:00'))).not.toContain('backup.nightly');
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['helpdesk-2026-11-20T010000Z.jsonl.gz', 'helpdesk-2026-11-24T010000Z.jsonl.gz']);
    expect(fs.statSync(path.join(dir, files[1])).size).toBeGreaterThan(100);
  });

  it('forgets inbound event ids older than a week at 03:30, keeping recent ones', async () => {
    const sql = new Sql(s.t.db.sequelize, s.t.db.dialect, null);
    await sql.run('DELETE FROM inbound_events');
    const now = paris('2026-11-24 03:30');
    await sql.run('INSERT INTO inbound_events (source, event_id, created_at) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)', [
      'slack', 'old', new Date(now.getTime() - 8 * 86_400_000),
      'teams', 'recent', new Date(now.getTime() - 6 * 86_400_000),
      'slack', 'today', new Date(now.getTime() - 60_000),
    ]);
    expect(await s.running.notifications.runner.runDue(now)).toContain('chat.prune_inbound_events');
    const left = await sql.select('SELECT event_id FROM inbound_events ORDER BY event_id');
    expect(left.map((r) => r.event_id)).toEqual(['recent', 'today']);
  });
});
