/**
 * The Teams channel (R4): through the Bot Connector peer, a person who chose Teams gets the status
 * line in their personal chat (opened from a stored reference of the tenant when needed), and a
 * channel conversation gets posts addressed to it; a conversation nobody stored is parked, not lost.
 */
import { TEST_DATABASES } from '../support/db';
import { startFakeBotConnector, FakeBotConnector } from '../support/fake-bot-connector';
import { notify } from '../../core/notifications/notify';
import { person } from '../adapters/make';
import { startNotifyWorld, NotifyWorld, waitUntil } from './world';

jest.setTimeout(60000);

describe.each(TEST_DATABASES)('Teams notifications on %s', (db) => {
  let w: NotifyWorld;
  let bc: FakeBotConnector;
  beforeAll(async () => {
    bc = await startFakeBotConnector();
    w = await startNotifyWorld(db);
  });
  afterAll(async () => {
    await w.close();
    await bc.close();
  });
  const ref = (o: { conversationId: string; type: 'personal' | 'channel'; userId?: string }) => ({
    platform: 'teams' as const,
    conversationId: o.conversationId,
    conversationType: o.type,
    serviceUrl: bc.serviceUrl,
    tenantId: 'tenant-1',
    botId: '28:bot',
    userId: o.userId ?? null,
    teamId: o.type === 'channel' ? 'team-1' : null,
    channelId: o.type === 'channel' ? o.conversationId : null,
  });

  it('writes to the personal chat of a person who chose Teams, and to a channel conversation', async () => {
    const now = w.s.running.deps.clock.now();
    await w.s.t.uow.read.conversationRefs.save(ref({ conversationId: 'a:personal-mia', type: 'personal', userId: 'aad-mia' }), now);
    await w.s.t.uow.read.conversationRefs.save(ref({ conversationId: '19:managers@thread.tacv2', type: 'channel' }), now);
    const mia = await w.s.t.uow.transaction((s) => s.people.insert(person({ displayName: 'Mia', aadObjectId: 'AAD-MIA', locale: 'en', email: 'mia@example.com' })));
    await w.s.t.uow.transaction((s) => s.notifications.setPreferences({ personId: mia, channels: ['teams'], rhythm: 'immediate', quietHours: false }, now));
    await w.s.running.deps.uow.transaction((s) =>
      notify(s, now, [
        { recipient: { kind: 'person', personId: mia }, event: 'status_changed', ticketId: 12, params: { number: 12, title: 'Badge', status: 'resolved', tech: ['Tom'], due: '2026-01-14T10:00:00.000Z' } },
        { recipient: { kind: 'channel', platform: 'teams', channelId: '19:managers@thread.tacv2' }, event: 'report_ready', ticketId: null, params: { text: 'Weekly report ready' } },
      ]),
    );
    const [dm] = await bc.waitFor((c) => c.conversationId === 'a:personal-mia');
    expect(dm.body.text).toMatch(/^Ticket #12 "Badge": Resolved\. Technician: Tom\. Due: .+\.\n\n\[helpdesk\.example\.com\/tickets\/12\]\(https:\/\/helpdesk\.example\.com\/tickets\/12\)\n\nTo reply: quote this message, or write "#12" followed by your message\.$/);
    const [post] = await bc.waitFor((c) => c.conversationId === '19:managers@thread.tacv2');
    expect(post.body).toMatchObject({ type: 'message', text: 'Weekly report ready' });
    expect(w.smtp.mails.some((m) => (m.to as any).text === 'mia@example.com')).toBe(false);
  });

  it('posts to a bound channel through the tenant\'s service URL; parks what it cannot address', async () => {
    await w.s.running.deps.uow.transaction((s) =>
      notify(s, w.s.running.deps.clock.now(), [
        { recipient: { kind: 'channel', platform: 'teams', channelId: '19:bound-only@thread.tacv2' }, event: 'report_ready', ticketId: null, params: { text: 'bound' } },
        { recipient: { kind: 'channel', platform: 'teams', channelId: 'a:nobody-knows' }, event: 'report_ready', ticketId: null, params: { text: 'x' } },
      ]),
    );
    const [post] = await bc.waitFor((c) => c.conversationId === '19:bound-only@thread.tacv2');
    expect(post.body.text).toBe('bound');
    await waitUntil('the parked row', async () => (await w.s.t.uow.read.notifications.list({ state: 'failed', limit: 10 })).some((e) => e.address === 'a:nobody-knows'));
  });
});
