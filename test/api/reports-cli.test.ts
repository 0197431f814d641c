import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportCommand } from '../../cli/report';
import { systemActor } from '../../core/shared/actor';
import { TEST_DATABASES } from '../support/db';
import { useWorld } from '../support/fixtures';
import { NOW, seedReportWeek } from '../core/reports/report-fixture';
import { startFakeSlack } from '../support/fake-slack';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { slackReportPoster } from '../../bots/slack/report-poster';

const operator = { ...systemActor('fr'), channel: 'cli' as const, name: 'cli' };

/** `npx helpdesk report weekly|monthly ...` (R8): what the operator reads on stdout. */
describe.each(TEST_DATABASES)('npx helpdesk report (R8 reports) on %s', (dbName) => {
  const world = useWorld(dbName, NOW);

  it('prints the last complete week in French Markdown by default, or CSV/JSON for a given week and service', async () => {
    const w = world();
    await seedReportWeek(w);
    const out: string[] = [];
    // NOW is Wednesday 25 November: the last complete week is 16-22 November.
    expect(await reportCommand(w.deps, operator, 'Europe/Paris', ['weekly'], (s) => out.push(s))).toBe(0);
    expect(out[0]).toContain('# Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026\n');
    expect(out[0]).toContain('| Ouverts | 6 |');
    expect(await reportCommand(w.deps, operator, 'Europe/Paris', ['weekly', '--from', '2026-11-16', '--service', 'reseau', '--format', 'csv', '--lang', 'en'], (s) => out.push(s))).toBe(0);
    expect(out[1]).toContain('\r\nVolumes,backlog_start,Backlog at start,Tickets,2\r\n');
    expect(await reportCommand(w.deps, operator, 'Europe/Paris', ['monthly', '--from', '2026-11-01', '--format', 'json'], (s) => out.push(s))).toBe(0);
    expect(JSON.parse(out[2]).volumes.opened).toBe(10);
  });
});

describe('npx helpdesk report --send (R8 reports)', () => {
  it('keeps the report and says nobody received it when no channel and no manager can be reached, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-report-'));
    try {
      const bin = join(__dirname, '../../bin/helpdesk.js');
      const r = spawnSync(process.execPath, [bin, 'report', 'weekly', '--send'], {
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'h.sqlite')}`, HELPDESK_LOCALE: 'en', LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(r.stderr.trim()).toBe('Report #1: nobody received it. Bind a channel with "setup managers", or give managers an e-mail address (SMTP_URL) or a Teams/Slack chat.');
      expect(r.stdout).toBe('');
      expect(r.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(TEST_DATABASES)('npx helpdesk report weekly --send (R8 reports) on %s', (dbName) => {
  const world = useWorld(dbName, NOW);

  it('posts in the bound managers channel once, and a second --send posts nothing more', async () => {
    const slack = await startFakeSlack();
    try {
      const w = world();
      await seedReportWeek(w);
      const admin = await w.admin('Ada');
      await bindChannel(w.deps, admin.actor, { platform: 'slack', teamId: 'T1', channelId: 'CMGR', purpose: 'managers' });
      const delivery = { posters: [slackReportPoster({ botToken: 'xoxb-t', apiUrl: slack.apiUrl })], publicUrl: 'http://helpdesk.test' };
      const out: string[] = [];
      const args = ['weekly', '--from', '2026-11-16', '--send', '--lang', 'en'];
      expect(await reportCommand(w.deps, operator, 'Europe/Paris', args, (s) => out.push(s), delivery)).toBe(0);
      // The operator reads French (their locale); the report itself is in English (--lang en).
      expect(out[0]).toMatch(/^Rapport #\d+ envoyé : 1 canal\(aux\), 0 déjà servi\(s\), 0 en échec\.\n$/);
      expect(await reportCommand(w.deps, operator, 'Europe/Paris', args, (s) => out.push(s), delivery)).toBe(0);
      expect(out[2]).toMatch(/envoyé : 0 canal\(aux\), 1 déjà servi\(s\), 0 en échec/);
      const posts = slack.of('chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(posts[0].body).toMatchObject({ channel: 'CMGR', text: 'Weekly report from 16 Nov 2026 to 22 Nov 2026' });
    } finally {
      await slack.close();
    }
  });
});
