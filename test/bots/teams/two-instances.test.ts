import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../../../adapters/config/settings';
import { startServer, type Running } from '../../../main';
import { mariadbUrl, openTestDb, TEST_DATABASES, type TestDbName } from '../../support/db';
import { startFakeBotConnector, type FakeBotConnector, type FakeTeamsUser } from '../../support/fake-bot-connector';
import { activityBase, ADMIN, ALICE, BOT, cardOf, GENERAL, personalChat, QUEUE, TEAM, TEAMS_USERS, THEO, TINA } from '../../support/teams';

/** Two servers sharing only the database (DESIGN.md: several stateless instances behind a load balancer). */
async function sharedDatabase(db: TestDbName): Promise<string> {
  if (db === 'sqlite') {
    const file = path.join(os.tmpdir(), `helpdesk-teams-two-${process.pid}.sqlite`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return `sqlite:${file}`;
  }
  // A fresh MariaDB database (every table dropped, migrated again), then each server opens its own pool.
  await (await openTestDb('mariadb')).close();
  return mariadbUrl();
}

const instance = (url: string) => startServer(loadSettings({ DATABASE_URL: url, PORT: '0', HELPDESK_LOCALE: 'en', LOG_LEVEL: 'silent', HELPDESK_ADMINS: 'admin@exemple.fr' }), { quiet: true });

/** Issue 4: conversation references live in the database, so any instance can write to anyone (R12, R4). */
describe.each(TEST_DATABASES)('Teams: proactive messages from another instance, sharing only the database, on %s', (db) => {
  let fake: FakeBotConnector;
  let a: Running | null = null;
  let b: Running;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeBotConnector();
    for (const u of TEAMS_USERS) fake.addUser(u);
    url = await sharedDatabase(db);
    a = await instance(url);
    b = await instance(url);
  });
  afterAll(async () => {
    await a?.close();
    await b.close();
    await fake.close();
    if (url.startsWith('sqlite:')) for (const f of ['', '-wal', '-shm']) fs.rmSync(url.slice(7) + f, { force: true });
  });

  const post = async (server: Running, activity: Record<string, unknown>) => {
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    // The receiving instance works on the stored activity after its 200.
    await server.inbox.idle();
    if (res.status !== 200) throw new Error(`${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const channelPost = (u: FakeTeamsUser, text: string, id: string, mentions: FakeTeamsUser[] = []) => ({
    ...activityBase(fake, u, { id: `${QUEUE};messageid=${id}`, conversationType: 'channel' }, { team: { id: TEAM }, channel: { id: QUEUE } }, id),
    type: 'message',
    text: `<at>Helpdesk</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Helpdesk</at>', mentioned: BOT }, ...mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } }))],
  });
  const dm = (u: FakeTeamsUser, extra: Record<string, unknown>) => ({ ...activityBase(fake, u, { id: personalChat(u), conversationType: 'personal' }, {}), type: 'message', ...extra });

  it('instance A meets everyone; with A stopped, B replaces the card and writes to the requester and to someone it never met', async () => {
    fake.setTeamChannels(TEAM, [{ id: QUEUE, name: 'Support' }, { id: GENERAL, name: 'General' }]);
    await post(a!, { ...activityBase(fake, ADMIN, { id: GENERAL, conversationType: 'channel' }, { team: { id: TEAM }, channel: { id: GENERAL } }), type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] });
    await post(a!, channelPost(ADMIN, 'setup technicians support', 'p1'));
    await post(a!, dm(TINA, { text: 'help' }));
    await post(a!, channelPost(ADMIN, `role <at>${THEO.name}</at> technician support`, 'p2', [THEO]));
    await post(a!, channelPost(ADMIN, `role ${TINA.email} technician support`, 'p3'));
    await post(a!, dm(ALICE, { text: '', value: { verb: 'file_ticket', title: 'Imprimante en panne' }, replyToId: 'form-1' }));
    const [card] = await fake.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE && !!cardOf(c.body));
    await fake.waitFor((c) => c.conversationId === personalChat(ALICE) && /Ticket #\d+/.test(c.body.text ?? ''));
    const n = Number(/#(\d+)/.exec(cardOf(card.body)!.body[0].text)![1]);

    await a!.close();
    a = null;
    fake.reset();
    const answer = await post(b, { ...activityBase(fake, THEO, { id: `${QUEUE};messageid=${card.id}`, conversationType: 'channel' }, { team: { id: TEAM }, channel: { id: QUEUE } }), type: 'invoke', name: 'adaptiveCard/action', replyToId: card.id, value: { action: { type: 'Action.Execute', verb: 'ticket_claim', data: { verb: 'ticket_claim', ticket: n } } } });
    expect(JSON.stringify(answer.value)).toContain('Théo Technicien');
    const [update] = await fake.waitFor((c) => c.method === 'PUT' && c.conversationId === QUEUE && c.activityId === card.id);
    expect(JSON.stringify(cardOf(update.body))).toContain('Théo Technicien');
    const [status] = await fake.waitFor((c) => c.method === 'POST' && c.conversationId === personalChat(ALICE) && /Technicien/.test(c.body.text ?? ''));
    expect(status.body.text).toMatch(new RegExp(`^Ticket #${n} « Imprimante en panne » : Assigné\\. Technicien : Théo Technicien\\.`));

    // Théo was only ever @mentioned: B opens a personal chat with him (POST /v3/conversations) from the tenant's stored reference.
    const ext = await post(b, { ...activityBase(fake, TINA, { id: personalChat(TINA), conversationType: 'personal' }, {}), type: 'invoke', name: 'composeExtension/submitAction', value: { commandId: 'newTicketForCaller', data: { caller: THEO.email, description: 'Écran cassé' } } });
    expect(ext.task.value).toMatch(/^Ticket #\d+ filed for theo@exemple\.fr: Écran cassé$/);
    const [opened] = await fake.waitFor((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(opened.body).toMatchObject({ isGroup: false, members: [{ id: THEO.aadObjectId }], tenantId: 'tenant-1' });
    const [told] = await fake.waitFor((c) => c.method === 'POST' && c.conversationId === opened.id && /Écran cassé/.test(c.body.text ?? ''));
    expect(told.body.text).toMatch(/^Tina Tech filed ticket #\d+ for you: Écran cassé\n\n\[[^\]]+\/tickets\/\d+\]\([^)]+\)\n\nTo reply: quote this message, or write "#\d+" followed by your message\.$/);
    expect(await b.deps.uow.read.conversationRefs.personal('teams', THEO.aadObjectId)).toMatchObject({ conversationId: opened.id, serviceUrl: fake.serviceUrl });
  });
});
