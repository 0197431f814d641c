import { PNG } from 'pngjs';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { runScheduledReport } from '../../core/reports/scheduled-report.service';
import { retryReportDeliveries } from '../../core/reports/deliver-report.service';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { getReportSubscription, setReportSubscription } from '../../core/reports/report-subscription.service';
import { reportMailerFor, reportPosters } from '../../main';
import { loadSettings } from '../../adapters/config/settings';
import { blockKitProblems, startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { mariadbUrl, TEST_DATABASES } from '../support/db';
import { makeDeps, testClock, World, paris } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { seedReportWeek, seedSlaFlags } from '../core/reports/report-fixture';
import { CHART_WIDTH } from '../../cards/report-chart';
import { startServer } from '../../main';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector';
import { adaptiveProblems } from '../cards/adaptive-check';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

/**
 * Delivery (R8, R14, R16): the Monday 10:00 report is made from the fixed week of
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
  const env = () => ({
    SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl, PUBLIC_URL: server?.url ?? 'http://127.0.0.1',
    SMTP_URL: smtp.url, MAIL_FROM: 'helpdesk@example.test',
  });

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
    await seedSlaFlags(w);
    smtp.mails.length = 0;
  });

  const delivery = (deps = w.deps) => {
    const settings = loadSettings({ ...env(), PUBLIC_URL: server.url });
    return { deps, posters: reportPosters(settings, deps.uow.read), mailer: reportMailerFor(settings), publicUrl: server.url };
  };
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
    expect(text).toBe('Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026');
    expect(blockKitProblems(blocks, 50)).toEqual([]);
    const all = JSON.stringify(blocks);
    // Figures of the fixed week (test/core/reports/report.test.ts has the same by hand).
    expect(all).toContain('*Ouverts*\\n6');
    expect(all).toContain('*Résolus*\\n4');
    expect(all).toContain('3 → 4');
    // SLA compliance as the SLA engine recorded it (ticket_sla): met / missed / at risk.
    expect(all).toContain('*SLA résolution : respectés / manqués / à risque*\\n1 / 4 / 1 (20\u00a0%)');
    expect(all).toContain('*SLA prise en charge : respectés / manqués / à risque*\\n2 / 1 / 0 (66,7\u00a0%)');
    expect(all).toContain('*Période précédente (ouverts / résolus)*\\n3 / 1');
    expect(all).toContain('1. Postes de travail : 4 ouverts, 2 résolus, résolution moyenne 9.5 h ouvrées, 0 en retard');

    // A re-run the same Monday (a restart, a retry) sends nothing more.
    slack.reset();
    const again = await runScheduledReport(delivery(), 'weekly', 'Europe/Paris');
    expect(again.outcomes.map((o) => o.result)).toEqual(['already', 'already']);
    expect(slack.of('chat.postMessage')).toHaveLength(0);

    // The chart the card shows is a real PNG, drawn at twice the chart's width for phones' screens.
    const image = blocks.find((b: any) => b.type === 'image');
    expect(image.image_url).toMatch(new RegExp(`^${server.url}/reports/${again.stored.id}/[A-Za-z0-9_-]{32}/chart\\.png$`));
    const res = await fetch(image.image_url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect(png.width).toBe(CHART_WIDTH * 2);
    expect(png.height).toBeGreaterThan(1000);
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
    // The manager is reached through the managers' channel (the default choice).
    expect(sent.body.outcomes).toEqual([
      { target: 'slack:CMGR1', result: 'sent' },
      { target: 'slack:CMGR1', result: 'sent', via: 'channel', personId: expect.any(Number), name: 'mia@example.test' },
    ]);
    expect(sent.body).toMatchObject({ nobody: false, reached: 1, notReached: [], message: `Report #${sent.body.report.id}: 1 manager(s) reached, 0 not reached.` });
    expect(slack.of('chat.postMessage')[0].body.text).toBe('Weekly report from 16 Nov 2026 to 22 Nov 2026');

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
    expect(card.content.body[0].text).toBe('Weekly report from 16 Nov 2026 to 22 Nov 2026');
    const image = card.content.body.find((x: any) => x.type === 'Image');
    // Whichever instance ran the job, the link is under its PUBLIC_URL; both serve the same stored report.
    const { pathname } = new URL(image.url);
    expect(pathname).toMatch(/^\/reports\/\d+\/[A-Za-z0-9_-]{32}\/chart\.png$/);
    const png = PNG.sync.read(Buffer.from(await (await fetch(server.url + pathname)).arrayBuffer()));
    expect(png.width).toBe(CHART_WIDTH * 2);
  });
  it('reaches every manager once by the way each chose, with two instances; a manager nothing reaches is listed as not reached, with why', async () => {
    // No managers' channel: the default falls back to mail, then to the personal chat.
    const mia = await w.insertPerson('manager', { name: 'Mia Manager', email: 'mia@example.test' });
    const sam = await w.insertPerson('manager', { name: 'Sam Slack', email: 'sam@example.test', slackUserId: 'U0SAM' });
    const nora = await w.insertPerson('manager', { name: 'Nora Nowhere', email: null });
    const olga = await w.insertPerson('manager', { name: 'Olga Off', email: 'olga@example.test' });
    const tess = await w.insertPerson('manager', { name: 'Tess Teams', email: null });
    await server.t.db.sequelize.query(`UPDATE people SET aad_object_id = 'aad-tess' WHERE id = ${tess.id}`);
    await server.t.uow.read.conversationRefs.save({
      platform: 'teams', conversationId: 'a:tess-chat', conversationType: 'personal', serviceUrl: teams.serviceUrl,
      tenantId: 'tenant-1', botId: '28:bot', userId: 'aad-tess', teamId: null, channelId: null,
    }, MONDAY_10);
    const samToken = await w.actorFor(sam);
    await setReportSubscription(w.deps, samToken, { via: 'chat' });
    await setReportSubscription(w.deps, await w.actorFor(olga), { via: 'none' });
    expect(await getReportSubscription(w.deps, samToken)).toEqual({ via: 'chat', email: false });
    await expect(setReportSubscription(w.deps, samToken, { via: 'pigeon' })).rejects.toMatchObject({ code: 'validation_failed' });

    let other: Database | null = null;
    if (dbName === 'mariadb') other = await openDatabase(mariadbUrl());
    let a, b;
    try {
      const second = makeDeps(other ? other.uow : server.t.uow, clock);
      [a, b] = await Promise.all([runScheduledReport(delivery(), 'weekly', 'Europe/Paris'), runScheduledReport(delivery(second), 'weekly', 'Europe/Paris')]);
    } finally {
      await other?.close();
    }
    const mine = (o: { personId?: number; result: string }) => o.result !== 'already';
    const outcomes = [...a.outcomes, ...b.outcomes].filter(mine).map((o) => [o.name, o.via ?? null, o.target, o.result]).sort();
    expect(outcomes).toEqual([
      ['Mia Manager', 'email', 'email:mia@example.test', 'sent'],
      ['Nora Nowhere', null, `none:${nora.id}`, 'not_reached'],
      ['Nora Nowhere', null, `none:${nora.id}`, 'not_reached'],
      ['Olga Off', null, `none:${olga.id}`, 'not_reached'],
      ['Olga Off', null, `none:${olga.id}`, 'not_reached'],
      ['Sam Slack', 'chat', 'dm:slack:U0SAM', 'sent'],
      // No mail address, but a Teams chat with the bot: the default falls back to it.
      ['Tess Teams', 'chat', 'dm:teams:aad-tess', 'sent'],
    ]);
    const tessCards = teams.sent((c) => c.method === 'POST' && c.conversationId === 'a:tess-chat');
    expect(tessCards).toHaveLength(1);
    expect(tessCards[0].body.attachments[0].content.body[0].text).toBe('Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026');
    const reason = a.outcomes.find((o) => o.personId === nora.id)!.reason;
    expect(reason).toMatch(/^aucun canal managers, aucune adresse e-mail utilisable et aucun chat personnel/);
    // Once each, by the chosen way.
    expect(slack.of('chat.postMessage').map((p) => p.body.channel)).toEqual(['U0SAM']);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.to).toMatchObject({ value: [{ name: 'Mia Manager', address: 'mia@example.test' }] });
    expect(mail.subject).toBe('Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026');
    // HTML with the chart inline (cid) and the CSV attached, figures as in every other rendering.
    // (mailparser turns the cid: reference into the attachment's data URI.)
    expect(mail.html).toMatch(/<img class="chart" src="(cid:chart|data:image\/png;base64,[^"]+)"/);
    expect(mail.html).toContain('<tr><th scope="row">Résolution</th><td>1</td><td>4</td><td>1</td><td>20</td></tr>');
    const chart = mail.attachments.find((x) => x.cid === 'chart')!;
    expect(chart.contentType).toBe('image/png');
    expect(PNG.sync.read(chart.content).width).toBe(CHART_WIDTH * 2);
    const csv = mail.attachments.find((x) => x.filename === 'report-weekly-2026-11-16.csv')!;
    expect(csv.content.toString('utf8')).toContain('Respect des SLA (suivi SLA),resolve,Résolution,Manqués,4\r\n');
    expect(mail.text).toContain('Ouverts : 6');

    // Stored deliveries say who received what, and who was not reached and why.
    const rows = await server.t.uow.read.storedReports.deliveries(a.stored.id);
    expect(rows.map((r) => [r.personId, r.target, r.status, r.status === 'not_reached' ? r.lastError : null]).sort()).toEqual([
      [mia.id, 'email:mia@example.test', 'sent', null],
      [nora.id, `none:${nora.id}`, 'not_reached', reason],
      [olga.id, `none:${olga.id}`, 'not_reached', 'a choisi de ne pas recevoir les rapports'],
      [sam.id, 'dm:slack:U0SAM', 'sent', null],
      [tess.id, 'dm:teams:aad-tess', 'sent', null],
    ].sort());
  });

  it('says so when a send reaches nobody: REST and CLI', async () => {
    await w.insertPerson('manager', { name: 'Nora Nowhere', email: null });
    const boss = await server.token('admin', { email: 'boss@example.test' });
    const sent = await server.call('POST', '/api/v1/reports/send', boss, { period: 'weekly', lang: 'en' });
    expect(sent.status).toBe(201);
    expect(sent.body.nobody).toBe(true);
    expect(sent.body.message).toMatch(/^Report #\d+: nobody received it\. Bind a channel with "setup managers"/);
    expect(sent.body.message).toContain('Nora Nowhere: not reached (no managers channel, no usable e-mail address and no personal chat');
    expect(sent.body.notReached).toEqual([{ personId: expect.any(Number), name: 'Nora Nowhere', reason: expect.stringMatching(/^no managers channel/) }]);
  });
});
