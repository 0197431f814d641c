import { PNG } from 'pngjs';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { runScheduledReport } from '../../core/reports/scheduled-report.service';
import { retryReportDeliveries } from '../../core/reports/deliver-report.service';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { reportPosters } from '../../main';
import { loadSettings } from '../../adapters/config/settings';
import { blockKitProblems, startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { mariadbUrl, TEST_DATABASES } from '../support/db';
import { makeDeps, testClock, World, paris } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { seedReportWeek } from '../core/reports/report-fixture';
import { CHART_COLORS, CHART_HEIGHT, CHART_WIDTH } from '../../cards/report-chart';
import { startServer } from '../../main';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector';
import { adaptiveProblems } from '../cards/adaptive-check';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

/**
 * Issue 7 delivery (R8, R16): the Monday 10:00 report is made from the fixed week of
 * report-fixture.ts, kept, and posted once in each managers' channel, with a chart PNG and the CSV
 * behind links that Slack fetches without a session.
 */
const MONDAY_10 = paris('2026-11-23 10:00');

describe.each(TEST_DATABASES)('scheduled weekly report delivery on %s', (dbName) => {
  let slack: FakeSlack;
  let teams: FakeBotConnector;
  let smtp: SmtpPeer;
  let server: TestServer;
  let w: World;
  const clock = testClock(MONDAY_10);
  const env = () => ({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, PUBLIC_URL: server?.url ?? 'http://127.0.0.1' });

  beforeAll(async () => {
    slack = await startFakeSlack();
    teams = await startFakeBotConnector();
    smtp = await startSmtpPeer();
    server = await startTestServer(dbName, {
      clock,
      env: { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, SMTP_URL: smtp.url, MAIL_FROM: 'helpdesk@example.test' },
    });
  });
  afterAll(async () => {
    await server.close();
    await slack.close();
    await teams.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await server.t.reset();
    slack.reset();
    teams.reset();
    clock.set(MONDAY_10);
    w = new World(server.t, clock);
    await seedReportWeek(w);
  });

  const delivery = (deps = w.deps) => ({ deps, posters: reportPosters(loadSettings(env()), deps.uow.read), publicUrl: server.url });
  const bindManagers = async (channelId: string) => {
    const admin = await w.admin('Ada', { email: `ada.${channelId}@example.test` });
    await bindChannel(w.deps, admin.actor, { platform: 'slack', teamId: 'T1', channelId, purpose: 'managers' });
  };

  it('posts the last week once per managers channel, even when two instances run the job at once', async () => {
    await bindManagers('CMGR1');
    await bindManagers('CMGR2');
    // A second instance: its own connection pool on MariaDB; on SQLite (one in-memory file) its own deps.
    let other: Database | null = null;
    if (dbName === 'mariadb') other = await openDatabase(mariadbUrl());
    try {
      const second = makeDeps(other ? other.uow : server.t.uow, clock);
      const [a, b] = await Promise.all([
        runScheduledReport(delivery(), 'weekly', 'Europe/Paris'),
        runScheduledReport(delivery(second), 'weekly', 'Europe/Paris'),
      ]);
      expect(a.stored.id).toBe(b.stored.id);
      const results = [...a.outcomes, ...b.outcomes].map((o) => `${o.target}:${o.result}`).sort();
      expect(results).toEqual(['slack:CMGR1:already', 'slack:CMGR1:sent', 'slack:CMGR2:already', 'slack:CMGR2:sent']);
    } finally {
      await other?.close();
    }
    const posts = slack.of('chat.postMessage');
    expect(posts.map((p) => p.body.channel).sort()).toEqual(['CMGR1', 'CMGR2']);
    const { blocks, text } = posts[0].body;
    expect(text).toBe('Rapport hebdomadaire du 2026-11-16 au 2026-11-22');
    expect(blockKitProblems(blocks, 50)).toEqual([]);
    const all = JSON.stringify(blocks);
    // Figures of the fixed week (test/core/reports/report.test.ts has the same by hand).
    expect(all).toContain('*Ouverts*\\n6');
    expect(all).toContain('*Résolus*\\n4');
    expect(all).toContain('3 → 4');
    expect(all).toContain('66.7 % (2/3)');
    expect(all).toContain('1. Postes de travail : 4 ouverts, 2 résolus, résolution moyenne 9.5 h ouvrées, 0 en retard');

    // A re-run the same Monday (a restart, a retry) sends nothing more.
    slack.reset();
    const again = await runScheduledReport(delivery(), 'weekly', 'Europe/Paris');
    expect(again.outcomes.map((o) => o.result)).toEqual(['already', 'already']);
    expect(slack.of('chat.postMessage')).toHaveLength(0);

    // The chart the card shows is a real PNG of the announced size, with the day bars drawn.
    const image = blocks.find((b: any) => b.type === 'image');
    expect(image.image_url).toMatch(new RegExp(`^${server.url}/reports/${again.stored.id}/[A-Za-z0-9_-]{32}/chart\\.png$`));
    const res = await fetch(image.image_url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    const count = (c: readonly number[]) => {
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === c[0] && png.data[i + 1] === c[1] && png.data[i + 2] === c[2]) n++;
      return n;
    };
    expect(count(CHART_COLORS.opened)).toBeGreaterThan(100);
    expect(count(CHART_COLORS.resolved)).toBeGreaterThan(100);
    expect(count(CHART_COLORS.service)).toBeGreaterThan(100);
    expect(again.stored.chart).toEqual({
      days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
      opened: [1, 1, 1, 0, 2, 1, 0],
      resolved: [2, 0, 0, 2, 0, 0, 0],
      backlog: { start: 3, end: 4 },
      services: [{ label: 'Postes de travail', meanResolutionMinutes: 570 }, { label: 'Réseau', meanResolutionMinutes: 4230 }],
    });

    // The CSV link serves the report's figures; a wrong key is a plain 404 with a code.
    const csvUrl = all.match(/<([^|>]+report\.csv)\|/)![1];
    const csv = await fetch(csvUrl);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Volumes,opened,Ouverts,Tickets,6');
    const forged = await fetch(image.image_url.replace(/\/[A-Za-z0-9_-]{32}\//, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/'));
    expect(forged.status).toBe(404);
    expect(((await forged.json()) as any).error.code).toBe('not_found');
  });

  it('retries a post Slack refused, later, once', async () => {
    await bindManagers('CMGR1');
    slack.failNext('chat.postMessage', 'internal_error');
    const first = await runScheduledReport(delivery(), 'weekly', 'Europe/Paris');
    expect(first.outcomes.map((o) => o.result)).toEqual(['failed']);
    // Too early: the retry waits for its delay.
    expect(await retryReportDeliveries(delivery())).toEqual([]);
    clock.advance(2);
    const retried = await retryReportDeliveries(delivery());
    expect(retried.map((o) => o.result)).toEqual(['sent']);
    expect(await retryReportDeliveries(delivery())).toEqual([]);
    expect(slack.of('chat.postMessage', (b) => b.channel === 'CMGR1' && !!b.blocks)).toHaveLength(2);
    const rows = await server.t.uow.read.storedReports.deliveries(first.stored.id);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([['sent', 2, null]]);
  });

  it('REST: a manager sends and reads stored reports; others are refused; bad input is a 400', async () => {
    await bindManagers('CMGR1');
    const manager = await server.token('manager', { email: 'mia@example.test' });
    const tech = await server.token('technician', { email: 'theo@example.test' });
    const sent = await server.call('POST', '/api/v1/reports/send', manager, { period: 'weekly', from: '2026-11-16', lang: 'en' });
    expect(sent.status).toBe(201);
    expect(sent.body.report).toMatchObject({ periodKind: 'weekly', firstDay: '2026-11-16', scopeKey: 'all', locale: 'en' });
    expect(sent.body.outcomes).toEqual([{ target: 'slack:CMGR1', result: 'sent' }]);
    expect(slack.of('chat.postMessage')[0].body.text).toBe('Weekly report from 2026-11-16 to 2026-11-22');

    const list = await server.call('GET', '/api/v1/reports/stored', manager);
    expect(list.status).toBe(200);
    expect(list.body.reports.map((r: any) => [r.id, r.firstDay])).toEqual([[sent.body.report.id, '2026-11-16']]);
    const one = await server.call('GET', `/api/v1/reports/stored/${sent.body.report.id}`, manager);
    expect(one.body.report.volumes.opened).toBe(6);
    expect(one.body.deliveries.map((d: any) => [d.target, d.status])).toEqual([['slack:CMGR1', 'sent']]);

    expect((await server.call('POST', '/api/v1/reports/send', tech, { period: 'weekly' })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/reports/stored', tech)).status).toBe(403);
    const bad = await server.call('POST', '/api/v1/reports/send', manager, { period: 'yearly', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await server.call('GET', '/api/v1/reports/stored?limit=0', manager)).status).toBe(400);
    expect((await server.call('GET', '/api/v1/reports/stored/999999', manager)).status).toBe(404);
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });
  it('the job runner posts the weekly report on Monday 10:00 once, in Slack and Teams, with two instances running', async () => {
    await bindManagers('CMGR1');
    const admin = await w.admin('Tom', { email: 'tom@example.test' });
    const teamsChannel = '19:managers@thread.tacv2';
    await bindChannel(w.deps, admin.actor, { platform: 'teams', teamId: '19:team', channelId: teamsChannel, purpose: 'managers' });
    await server.t.uow.read.conversationRefs.save({
      platform: 'teams', conversationId: teamsChannel, conversationType: 'channel', serviceUrl: teams.serviceUrl,
      tenantId: 'tenant-1', botId: '28:bot', userId: null, teamId: '19:team', channelId: teamsChannel,
    }, MONDAY_10);
    let otherDb: Database | null = null;
    if (dbName === 'mariadb') otherDb = await openDatabase(mariadbUrl());
    const settings = loadSettings({ ...env(), PORT: '0', LOG_LEVEL: 'silent', HELPDESK_LOCALE: 'en' });
    const second = await startServer(settings, { db: otherDb ?? server.t.db, quiet: true, clock, notifications: { timers: false } });
    try {
      // Sunday 23:59 nothing is due; Monday 10:00 both instances' runners fire at once.
      expect(await server.running.notifications.runner.runDue(paris('2026-11-22 23:59'))).not.toContain('reports.weekly');
      const [a, b] = await Promise.all([server.running.notifications.runner.runDue(MONDAY_10), second.notifications.runner.runDue(MONDAY_10)]);
      expect([...a, ...b].filter((j) => j === 'reports.weekly')).toEqual(['reports.weekly']);
    } finally {
      await second.close();
      await otherDb?.close();
    }
    // (The SLA sweep fires at the same minute and may escalate in the managers' channel: only reports count here.)
    expect(slack.of('chat.postMessage', (m) => /^Weekly report/.test(m.text)).map((m) => m.body.channel)).toEqual(['CMGR1']);
    const cards = teams.sent((c) => c.method === 'POST' && c.conversationId === teamsChannel && c.body.attachments?.[0]?.content?.body?.[0]?.text?.startsWith('Weekly report'));
    expect(cards).toHaveLength(1);
    const card = cards[0].body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveProblems(card.content)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card.content))).toBeLessThan(40 * 1024);
    expect(card.content.body[0].text).toBe('Weekly report from 2026-11-16 to 2026-11-22');
    const image = card.content.body.find((x: any) => x.type === 'Image');
    // Whichever instance ran the job, the link is under its PUBLIC_URL; both serve the same stored report.
    const { pathname } = new URL(image.url);
    expect(pathname).toMatch(/^\/reports\/\d+\/[A-Za-z0-9_-]{32}\/chart\.png$/);
    const png = PNG.sync.read(Buffer.from(await (await fetch(server.url + pathname)).arrayBuffer()));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });
  it('e-mails the report to the managers who asked for it, once, through the outbox', async () => {
    await bindManagers('CMGR1');
    const mia = await server.token('manager', { email: 'mia@example.test', name: 'Mia Manager' });
    const max = await server.token('manager', { email: 'max@example.test', name: 'Max Manager' });
    const tech = await server.token('technician', { email: 'theo@example.test' });
    expect((await server.call('GET', '/api/v1/reports/subscription', mia)).body).toEqual({ email: false });
    expect((await server.call('PUT', '/api/v1/reports/subscription', mia, { email: true })).body).toEqual({ email: true });
    expect((await server.call('PUT', '/api/v1/reports/subscription', max, { email: true })).status).toBe(200);
    expect((await server.call('PUT', '/api/v1/reports/subscription', max, { email: false })).body).toEqual({ email: false });
    expect((await server.call('PUT', '/api/v1/reports/subscription', mia, { email: 'yes' })).status).toBe(400);
    expect((await server.call('PUT', '/api/v1/reports/subscription', tech, { email: true })).status).toBe(403);

    const sent = await server.call('POST', '/api/v1/reports/send', mia, { period: 'weekly', lang: 'en' });
    expect(sent.body.outcomes).toEqual([{ target: 'slack:CMGR1', result: 'sent' }, { target: 'email:mia@example.test', result: 'queued' }]);
    const again = await server.call('POST', '/api/v1/reports/send', mia, { period: 'weekly', lang: 'en' });
    expect(again.body.outcomes).toEqual([{ target: 'slack:CMGR1', result: 'already' }, { target: 'email:mia@example.test', result: 'already' }]);
    await server.running.notifications.worker.drain();
    const [mail] = await smtp.waitFor(1);
    await server.running.notifications.worker.idle();
    expect(smtp.mails).toHaveLength(1);
    expect(mail.to).toMatchObject({ text: 'mia@example.test' });
    expect(mail.subject).toBe('Weekly report from 2026-11-16 to 2026-11-22');
    expect(mail.text).toContain('Opened: 6');
    expect(mail.text).toMatch(new RegExp(`Full report: http://[^\\s]+/reports/${sent.body.report.id}/[A-Za-z0-9_-]{32}/report\\.md`));
  });
});
