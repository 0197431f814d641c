import { TEST_DATABASES } from '../support/db';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector';
import { startTestServer, type TestServer } from '../support/server';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { systemActor } from '../../core/shared/actor';

/**
 * A ticket filed outside the chats (REST, web, SMS...) still reaches every technicians' channel as a
 * card, on Slack and Teams, and a change made elsewhere refreshes every posted card with a line in
 * its thread (CONTRACT.md chat surface; R12, R19). The outbox sends them, so an outage delays them.
 */
const QUEUE_SLACK = 'CQUEUE001';
const QUEUE_TEAMS = '19:queue@thread.tacv2';
const adaptive = (c: { body: any }) => c.body?.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive';

describe.each(TEST_DATABASES)('technician cards for tickets and changes made elsewhere on %s', (dbName) => {
  let slack: FakeSlack;
  let teams: FakeBotConnector;
  let s: TestServer;
  beforeAll(async () => {
    slack = await startFakeSlack();
    teams = await startFakeBotConnector();
    s = await startTestServer(dbName, { env: { SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl } });
  });
  afterAll(async () => {
    await s.close();
    await slack.close();
    await teams.close();
  });

  it('posts the card of a REST ticket in both queue channels, then refreshes both when it is claimed through REST', async () => {
    const admin = { ...systemActor('en'), channel: 'cli' as const, name: 'setup' };
    const deps = s.running.deps;
    await bindChannel(deps, admin, { platform: 'slack', teamId: 'T1', channelId: QUEUE_SLACK, purpose: 'technicians', service: 'poste' });
    await bindChannel(deps, admin, { platform: 'teams', teamId: '19:team', channelId: QUEUE_TEAMS, purpose: 'technicians', service: 'poste' });
    await deps.uow.read.conversationRefs.save({
      platform: 'teams', conversationId: QUEUE_TEAMS, conversationType: 'channel', serviceUrl: teams.serviceUrl,
      tenantId: 'tenant-1', botId: '28:bot', userId: null, teamId: '19:team', channelId: QUEUE_TEAMS,
    }, new Date());
    const tech = await s.token('technician', { email: 'theo@example.test', name: 'Théo Technicien', services: ['poste'] });
    const emp = await s.token('employee', { email: 'emma@example.test', name: 'Emma' });
    const created = await s.call('POST', '/api/v1/tickets', tech, { title: 'Imprimante bloquée', service: 'poste', requester: 'emma@example.test' });
    expect(created.status).toBe(201);
    const n = created.body.number as number;

    const [card] = await slack.waitFor('chat.postMessage', (b) => b.channel === QUEUE_SLACK && Array.isArray(b.blocks));
    expect(JSON.stringify(card.body.blocks)).toContain(`#${n}`);
    const [teamsCard] = await teams.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE_TEAMS && adaptive(c));
    expect(JSON.stringify(teamsCard.body)).toContain('Imprimante bloquée');

    expect((await s.call('POST', `/api/v1/tickets/${n}/claim`, tech)).status).toBe(200);
    const [update] = await slack.waitFor('chat.update', (b) => b.channel === QUEUE_SLACK);
    expect(update.body.ts).toBe(card.result!.ts);
    expect(JSON.stringify(update.body.blocks)).toContain('Théo Technicien');
    const [line] = await slack.waitFor('chat.postMessage', (b) => b.channel === QUEUE_SLACK && b.thread_ts === card.result!.ts);
    expect(line.body.text).toBe('Théo Technicien claimed the ticket.');
    const [put] = await teams.waitFor((c) => c.method === 'PUT' && c.activityId === teamsCard.id);
    expect(JSON.stringify(put.body)).toContain('Théo Technicien');
    const [teamsLine] = await teams.waitFor((c) => c.method === 'POST' && c.activityId === teamsCard.id);
    expect(teamsLine.body.text).toBe('Théo Technicien claimed the ticket.');

    // One card per channel, however often the worker runs; an employee's own ticket is posted too.
    await s.running.notifications.worker.drain();
    expect(slack.of('chat.postMessage', (b) => b.channel === QUEUE_SLACK && Array.isArray(b.blocks))).toHaveLength(1);
    expect(teams.sent((c) => c.method === 'POST' && c.conversationId === QUEUE_TEAMS && adaptive(c))).toHaveLength(1);
    const mine = await s.call('POST', '/api/v1/tickets', emp, { title: 'Souris HS' });
    expect(mine.status).toBe(201);
    // Unrouted (no service): every technicians' channel gets it.
    await slack.waitFor('chat.postMessage', (b) => b.channel === QUEUE_SLACK && JSON.stringify(b.blocks ?? '').includes('Souris HS'));
    const rows = await s.t.uow.read.chat.messagesOf(n, 'slack');
    expect(rows.map((r) => [r.kind, r.channelId, r.messageTs])).toEqual([['card', QUEUE_SLACK, card.result!.ts]]);
  });
});
