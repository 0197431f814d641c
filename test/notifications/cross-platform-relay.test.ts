import { TEST_DATABASES } from '../support/db';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { sign } from '../support/slack';
import { activityId, ALICE, cardOf, personalChat, QUEUE as TEAMS_QUEUE, startTeamsServer, TEAM, TINA, type TeamsTestServer } from '../support/teams';
import { installInTeam } from '../support/teams-world';
import { WebClient } from '../web/web-client';
import type { ConnectorCall } from '../support/fake-bot-connector';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { createPerson } from '../../core/people/manage-people.service';
import { systemActor } from '../../core/shared/actor';

/**
 * The conversation follows each person across platforms (R1, R4, R12, R15, R19): a requester on
 * Teams with technicians on Slack, a requester on Slack with technicians on Teams, a requester on
 * the web, REST comments; every public comment reaches the requester and every card thread (except
 * the one it was typed in) through the outbox, internal notes reach nobody, and an outage of one
 * platform delays the relay without losing or reordering it.
 */
const SLACK_QUEUE = 'CSUPPORT1';
const THEO_SLACK = 'UTHEO0001';
const SAM_SLACK = 'USAM00001';
const admin = { ...systemActor('fr'), channel: 'cli' as const, name: 'setup' };
let tsSeq = 0;
const nextTs = () => `1767100000.${String(++tsSeq).padStart(6, '0')}`;
const mentions = (c: ConnectorCall, words: string) => JSON.stringify(c.body ?? '').includes(words);

describe.each(TEST_DATABASES)('comments relayed across platforms on %s (R15 R19)', (dbName) => {
  let slack: FakeSlack;
  let t: TeamsTestServer;
  let techToken: string;

  const slackEvent = async (event: Record<string, unknown>) => {
    const body = JSON.stringify({ token: 'legacy', team_id: 'T0TEST', api_app_id: 'A0TEST', type: 'event_callback', event_id: `Ev${nextTs().replace('.', '')}`, event_time: Math.floor(Date.now() / 1000), event });
    const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body) }, body });
    expect(res.status).toBe(200);
  };
  const slackCommand = async (user: string, command: string, text: string) => {
    const form = new URLSearchParams({ team_id: 'T0TEST', channel_id: `D${user}`, user_id: user, command, text, response_url: `${slack.apiUrl.replace(/api\/$/, '')}response/${nextTs()}`, trigger_id: `TRG${nextTs()}`, api_app_id: 'A0TEST' }).toString();
    const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(form) }, body: form });
    expect(res.status).toBe(200);
  };
  /** Runs the outbox until `done` holds (retries after an outage wait for the worker's next pass). */
  const until = async (done: () => boolean, ms = 15000) => {
    const end = Date.now() + ms;
    while (!done()) {
      if (Date.now() > end) throw new Error('relay did not arrive in time');
      await t.s.running.notifications.worker.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** The outbox has posted the ticket's card on `platform` and recorded it (its thread exists). */
  const cardRecorded = async (n: number, platform: 'slack' | 'teams') => {
    const end = Date.now() + 15000;
    while (!(await t.s.t.uow.read.chat.messagesOf(n, platform)).some((m) => m.kind === 'card')) {
      if (Date.now() > end) throw new Error(`no ${platform} card recorded for #${n}`);
      await t.s.running.notifications.worker.drain();
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const slackThread = (threadTs: string) => slack.of('chat.postMessage', (b) => b.channel === SLACK_QUEUE && b.thread_ts === threadTs);
  const teamsThread = (cardId: string) => t.fake.sent((c) => c.method === 'POST' && c.conversationId === TEAMS_QUEUE && c.activityId === cardId && !cardOf(c.body));

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.addUser({ id: THEO_SLACK, name: 'Théo Technicien', email: 'theo@exemple.fr', locale: 'fr-FR' });
    slack.addUser({ id: SAM_SLACK, name: 'Sam Slack', email: 'sam@exemple.fr', locale: 'en-GB' });
    t = await startTeamsServer(dbName, {
      env: { SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789abcdef', SLACK_API_URL: slack.apiUrl },
      notifications: { worker: { backoffBaseMs: 50, backoffMaxMs: 200, maxAttempts: 50 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await slack.close();
  });

  /** Support's queue is a Slack channel and a Teams channel; Théo (Slack) and Tina (Teams) work it. */
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
    slack.reset();
    const deps = t.s.running.deps;
    await installInTeam(t);
    await bindChannel(deps, admin, { platform: 'slack', teamId: 'T0TEST', channelId: SLACK_QUEUE, purpose: 'technicians', service: 'support' });
    await bindChannel(deps, admin, { platform: 'teams', teamId: TEAM, channelId: TEAMS_QUEUE, purpose: 'technicians', service: 'support' });
    await deps.uow.read.conversationRefs.save(
      { platform: 'teams', conversationId: TEAMS_QUEUE, conversationType: 'channel', serviceUrl: t.fake.serviceUrl, tenantId: 'tenant-1', botId: '28:helpdesk-bot', userId: null, teamId: TEAM, channelId: TEAMS_QUEUE },
      new Date(),
    );
    await createPerson(deps, admin, { displayName: 'Tina Tech', email: TINA.email!, role: 'technician', services: ['support'] });
    techToken = await t.s.token('technician', { email: 'theo@exemple.fr', name: 'Théo Technicien', services: ['support'] });
    const svc = await t.s.t.uow.read.services.findBySlug('support');
    await t.s.t.uow.transaction(async (s) => s.categories.update((await s.categories.findBySlug('hardware'))!.id, { defaultServiceId: svc!.id }));
  });

  /** Alice files from her Teams personal chat; the card reaches both queues. */
  async function teamsRequesterTicket(): Promise<{ n: number; slackTs: string; teamsCard: string }> {
    await t.personal(ALICE, 'bonjour');
    await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'Portable très lent', category: 'hardware', urgency: 'medium' }, replyToId: 'form-1' });
    const [teamsCard] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === TEAMS_QUEUE && !!cardOf(c.body));
    const n = Number(/#(\d+)/.exec(cardOf(teamsCard.body)!.body[0].text)![1]);
    await until(() => slack.of('chat.postMessage', (b) => b.channel === SLACK_QUEUE && JSON.stringify(b.blocks ?? '').includes(`#${n}`)).length === 1);
    const [slackCard] = slack.of('chat.postMessage', (b) => b.channel === SLACK_QUEUE && Array.isArray(b.blocks));
    await cardRecorded(n, 'slack');
    await cardRecorded(n, 'teams');
    return { n, slackTs: slackCard.result!.ts as string, teamsCard: teamsCard.id! };
  }

  it('Teams requester, Slack technician: the thread reply reaches her Teams chat, her quoted answer comes back to both card threads', async () => {
    const { n, slackTs, teamsCard } = await teamsRequesterTicket();
    await slackEvent({ type: 'message', channel: SLACK_QUEUE, channel_type: 'channel', user: THEO_SLACK, text: 'Pouvez-vous redémarrer le portable ?', ts: nextTs(), thread_ts: slackTs });
    const [toAlice] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === personalChat(ALICE) && mentions(c, 'redémarrer le portable'));
    expect(toAlice.body.text).toContain('Théo Technicien');
    expect(toAlice.body.text).toContain(`#${n}`);
    // The other platform's card thread hears it too; the Slack thread it was typed in gets no echo.
    await until(() => teamsThread(teamsCard).some((c) => mentions(c, 'redémarrer le portable')));
    expect(slackThread(slackTs).filter((c) => JSON.stringify(c.body).includes('redémarrer'))).toHaveLength(0);

    // Alice answers by quoting that message in her personal chat.
    await t.personal(ALICE, "C'est fait, toujours lent", { replyToId: toAlice.id, id: activityId('reply') });
    await until(() => slackThread(slackTs).some((c) => String(c.body.text).includes('toujours lent')));
    const [line] = slackThread(slackTs).filter((c) => String(c.body.text).includes('toujours lent'));
    expect(line.body.text).toContain('Alice Martin');
    await until(() => teamsThread(teamsCard).some((c) => mentions(c, 'toujours lent')));
    const comments = await t.s.t.uow.read.comments.list(n, true);
    expect(comments.map((c) => [c.body, c.internal, c.channel])).toEqual([
      ['Pouvez-vous redémarrer le portable ?', false, 'slack'],
      ["C'est fait, toujours lent", false, 'teams'],
    ]);
  });

  it('Slack requester, Teams technician: the Teams thread reply reaches the Slack DM, the DM answer comes back to both threads', async () => {
    await slackCommand(SAM_SLACK, '/ticket', 'Écran noir au démarrage');
    const [teamsCard] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === TEAMS_QUEUE && !!cardOf(c.body), 1, 15000);
    const n = Number(/#(\d+)/.exec(cardOf(teamsCard.body)!.body[0].text)![1]);
    // Both cards are out (the outbox posts them side by side) before the technician answers.
    await cardRecorded(n, 'slack');
    await t.channel(TINA, 'Essayez Ctrl+Alt+Suppr', { rootId: teamsCard.id });
    const [dm] = await slack.waitFor('chat.postMessage', (b) => String(b.text ?? '').includes('Ctrl+Alt+Suppr') && b.channel !== SLACK_QUEUE);
    expect(dm.body.text).toContain('Tina Tech');
    expect(dm.body.text).toContain(`#${n}`);
    const [slackCard] = slack.of('chat.postMessage', (b) => b.channel === SLACK_QUEUE && Array.isArray(b.blocks));
    await until(() => slackThread(slackCard.result!.ts).some((c) => String(c.body.text).includes('Ctrl+Alt+Suppr')));

    const thread = (await t.s.t.uow.read.chat.messagesOf(n, 'slack')).find((m) => m.kind === 'requester_dm')!;
    await slackEvent({ type: 'message', channel: thread.channelId, channel_type: 'im', user: SAM_SLACK, text: 'Still black after that', ts: nextTs(), thread_ts: thread.threadTs });
    await until(() => teamsThread(teamsCard.id!).some((c) => mentions(c, 'Still black')));
    const [back] = teamsThread(teamsCard.id!).filter((c) => mentions(c, 'Still black'));
    expect(back.body.text).toContain('Sam Slack');
    await until(() => slackThread(slackCard.result!.ts).some((c) => String(c.body.text).includes('Still black')));
  });

  it('a REST comment and a web requester reach both card threads and the requester; the web page shows the chat replies', async () => {
    const { n, slackTs, teamsCard } = await teamsRequesterTicket();
    expect((await t.s.call('POST', `/api/v1/tickets/${n}/comments`, techToken, { body: 'Un technicien passe à 14 h' })).status).toBe(201);
    await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE) && mentions(c, 'passe à 14 h'));
    await until(() => slackThread(slackTs).some((c) => String(c.body.text).includes('passe à 14 h')) && teamsThread(teamsCard).some((c) => mentions(c, 'passe à 14 h')));

    // Alice on the web: her comment reaches both threads; the Slack reply shows on her ticket page.
    const alice = (await t.s.t.uow.read.people.find({ by: 'email', value: ALICE.email! }))!;
    const web = new WebClient(t.url);
    await web.signIn(alice.id);
    const posted = await web.post(`/tickets/${n}/comments`, { _csrf: await web.csrf(`/tickets/${n}`), body: 'Je serai au bureau 204' });
    expect(posted.status).toBe(303);
    await until(() => slackThread(slackTs).some((c) => String(c.body.text).includes('bureau 204')) && teamsThread(teamsCard).some((c) => mentions(c, 'bureau 204')));
    await slackEvent({ type: 'message', channel: SLACK_QUEUE, channel_type: 'channel', user: THEO_SLACK, text: 'Noté, à tout à l’heure', ts: nextTs(), thread_ts: slackTs });
    await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE) && mentions(c, 'à tout à l’heure'));
    const page = await web.get(`/tickets/${n}`);
    expect(page.text).toContain('Noté, à tout à l’heure');
    expect(page.text).toContain('Un technicien passe à 14 h');
  });

  it('internal notes never leave the staff side, on any path', async () => {
    const { n, slackTs, teamsCard } = await teamsRequesterTicket();
    await slackEvent({ type: 'message', channel: SLACK_QUEUE, channel_type: 'channel', user: THEO_SLACK, text: '[note] BIOS à vérifier (slack)', ts: nextTs(), thread_ts: slackTs });
    await t.channel(TINA, '[interne] disque à vérifier (teams)', { rootId: teamsCard });
    expect((await t.s.call('POST', `/api/v1/tickets/${n}/comments`, techToken, { body: 'mot de passe admin (rest)', internal: true })).status).toBe(201);
    const theo = (await t.s.t.uow.read.people.find({ by: 'email', value: 'theo@exemple.fr' }))!;
    const web = new WebClient(t.url);
    await web.signIn(theo.id);
    expect((await web.post(`/tickets/${n}/comments`, { _csrf: await web.csrf(`/tickets/${n}`), body: 'garantie expirée (web)', internal: '1' })).status).toBe(303);
    // A public comment after them, to know the outbox has run past the notes.
    expect((await t.s.call('POST', `/api/v1/tickets/${n}/comments`, techToken, { body: 'Fin des notes' })).status).toBe(201);
    await until(() => slackThread(slackTs).some((c) => String(c.body.text).includes('Fin des notes')) && teamsThread(teamsCard).some((c) => mentions(c, 'Fin des notes')));
    await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE) && mentions(c, 'Fin des notes'));

    const comments = await t.s.t.uow.read.comments.list(n, true);
    expect(comments.filter((c) => c.internal)).toHaveLength(4);
    const everything = JSON.stringify([slack.calls.map((c) => c.body), t.fake.sent().map((c) => c.body)]);
    for (const secret of ['BIOS à vérifier', 'disque à vérifier', 'mot de passe admin', 'garantie expirée']) expect(everything).not.toContain(secret);
  });

  it('a Slack outage in the middle delays the relay: every comment arrives once, in order', async () => {
    const { n, slackTs } = await teamsRequesterTicket();
    slack.failNext('chat.postMessage', 'internal_error', 8);
    for (const i of [1, 2, 3, 4]) {
      expect((await t.s.call('POST', `/api/v1/tickets/${n}/comments`, techToken, { body: `Étape ${i} faite` })).status).toBe(201);
    }
    await until(() => slackThread(slackTs).filter((c) => c.result?.ok === true && /Étape \d faite/.test(String(c.body.text))).length >= 4);
    await t.s.running.notifications.worker.drain();
    const delivered = slackThread(slackTs).filter((c) => c.result?.ok === true && /Étape \d faite/.test(String(c.body.text))).map((c) => /Étape (\d)/.exec(String(c.body.text))![1]);
    expect(delivered).toEqual(['1', '2', '3', '4']);
    expect(slack.of('chat.postMessage', (b) => /Étape \d faite/.test(String(b.text))).some((c) => c.result?.ok === false)).toBe(true);
    // Alice's Teams chat was never down: hers came once each, in order too.
    const toAlice = t.fake.sent((c) => c.conversationId === personalChat(ALICE) && /Étape \d faite/.test(String(c.body.text))).map((c) => /Étape (\d)/.exec(String(c.body.text))![1]);
    expect(toAlice).toEqual(['1', '2', '3', '4']);
  });
});
