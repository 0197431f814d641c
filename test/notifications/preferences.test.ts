/**
 * Preferences (R4): the API, the chat words `notifications` / `notifications hourly` (French and
 * English), the operator CLI `outbox list|retry`, and bad input answered with a coded error.
 */
import { TEST_DATABASES } from '../support/db';
import { parseDirectMessage, parseHelpdeskCommand } from '../../core/chat/chat-command';
import { applyChatPreferences } from '../../core/notifications/chat-preferences.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { outboxCommand } from '../../cli/outbox';
import { systemActor } from '../../core/shared/actor';
import { notify } from '../../core/notifications/notify';
import { startNotifyWorld, NotifyWorld, waitUntil } from './world';

jest.setTimeout(60000);

describe('the chat words', () => {
  it.each([
    ['notifications', { kind: 'notifications', rhythm: 'immediate' }],
    ['notifications hourly', { kind: 'notifications', rhythm: 'hourly' }],
    ['Notifications horaire sms email', { kind: 'notifications', rhythm: 'hourly', channels: ['sms', 'email'] }],
    ['notifications chat quiet', { kind: 'notifications', rhythm: 'immediate', channels: ['slack', 'teams'], quietHours: true }],
    ['notifications pigeon', { kind: 'notifications', rhythm: 'immediate', unknown: ['pigeon'] }],
  ])('"%s" is understood in a command and in a direct message', (text, intent) => {
    expect(parseHelpdeskCommand(text)).toEqual(intent);
    expect(parseDirectMessage(text)).toEqual(intent);
  });
});

describe.each(TEST_DATABASES)('notification preferences on %s', (db) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await startNotifyWorld(db);
  });
  afterAll(() => w.close());

  it('reads the defaults, saves a choice, and refuses bad input with a coded error', async () => {
    const ana = await w.person({ name: 'Ana', email: 'ana@example.com', locale: 'fr' });
    expect((await w.s.call('GET', '/api/v1/me/notifications', ana.token)).body).toEqual({ personId: ana.id, channels: [], rhythm: 'immediate', quietHours: false, isDefault: true });
    const saved = await w.s.call('PUT', '/api/v1/me/notifications', ana.token, { rhythm: 'hourly', quietHours: true });
    expect(saved.body).toMatchObject({ rhythm: 'hourly', quietHours: true, channels: [], isDefault: false });
    for (const bad of [{ rhythm: 'weekly' }, { channels: ['fax'] }, { quietHours: 'yes' }, { colour: 'red' }]) {
      const r = await w.s.call('PUT', '/api/v1/me/notifications', ana.token, bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    // Someone else's preferences: admins only.
    const other = await w.person({ name: 'Ben', email: 'ben@example.com' });
    expect((await w.s.call('GET', `/api/v1/people/${ana.id}/notifications`, other.token)).status).toBe(403);
    expect((await w.s.call('GET', `/api/v1/people/ana@example.com/notifications`, w.admin)).body).toMatchObject({ rhythm: 'hourly' });
    const audit = await w.s.call('GET', '/api/v1/me/notifications', ana.token);
    expect(audit.body.rhythm).toBe('hourly');
  });

  it('answers bad input on every notification route with a coded error, never a 500', async () => {
    await w.s.call('POST', '/api/v1/services', w.admin, { name: 'Paie', slug: 'paie' });
    const cases: Array<[string, string, unknown, number, string]> = [
      ['PUT', '/api/v1/services/nope/intake', { mailingList: 'a@b.fr' }, 404, 'service_not_found'],
      ['PUT', '/api/v1/services/paie/intake', { mailingList: 'not-an-address' }, 400, 'validation_failed'],
      ['PUT', '/api/v1/services/paie/intake', { oncallAfterMinutes: 0 }, 400, 'validation_failed'],
      ['POST', '/api/v1/services/paie/oncall', { person: 'nobody@example.com', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, 404, 'person_not_found'],
      ['POST', '/api/v1/services/paie/oncall', { person: 'ana@example.com', from: 'yesterday', to: '2026-01-02T00:00:00Z' }, 400, 'validation_failed'],
      ['POST', '/api/v1/services/paie/oncall', { person: 'ana@example.com', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, 400, 'validation_failed'], // no phone
      ['DELETE', '/api/v1/services/paie/oncall/999999', undefined, 404, 'not_found'],
      ['DELETE', '/api/v1/services/paie/oncall/abc', undefined, 404, 'not_found'],
      ['GET', '/api/v1/outbox?state=lost', undefined, 400, 'validation_failed'],
      ['GET', '/api/v1/outbox?limit=100000', undefined, 400, 'validation_failed'],
      ['GET', '/api/v1/outbox/abc', undefined, 404, 'not_found'],
      ['GET', '/api/v1/outbox/999999', undefined, 404, 'not_found'],
      ['POST', '/api/v1/outbox/retry', { ids: 'all' }, 400, 'validation_failed'],
      ['GET', '/api/v1/people/nobody@example.com/notifications', undefined, 404, 'person_not_found'],
      ['GET', '/api/v1/me/notifications', undefined, 400, 'validation_failed'], // an admin token with no person
    ];
    for (const [method, path, body, status, code] of cases) {
      const r = await w.s.call(method, path, w.admin, body);
      expect([method, path, r.status, r.body?.error?.code]).toEqual([method, path, status, code]);
    }
  });

  it('the chat words save the choice and answer in the person\'s language', async () => {
    const cleo = await w.person({ name: 'Cléo', email: 'cleo@example.com', locale: 'fr' });
    const person = (await w.s.t.uow.read.people.get(cleo.id))!;
    const actor = await actorForPerson(w.s.running.deps, w.s.t.uow.read, person, 'slack');
    expect(await applyChatPreferences(w.s.running.deps, actor, parseHelpdeskCommand('notifications hourly') as never)).toBe(
      'C’est noté. Notifications : par défaut (chat, sinon e-mail), un récapitulatif par heure.',
    );
    expect((await w.s.t.uow.read.notifications.preferences(cleo.id))!.rhythm).toBe('hourly');
    const english = { ...actor, locale: 'en' as const };
    expect(await applyChatPreferences(w.s.running.deps, english, parseHelpdeskCommand('notifications email') as never)).toBe('Done. Notifications: email, at each change.');
    expect(await applyChatPreferences(w.s.running.deps, english, parseHelpdeskCommand('notifications pigeon') as never)).toMatch(/^Write "notifications"/);
    expect(await w.s.t.uow.read.notifications.preferences(cleo.id)).toMatchObject({ rhythm: 'immediate', channels: ['email'] });
  });

  it('npx helpdesk outbox list shows parked messages; outbox retry requeues them', async () => {
    await w.s.running.deps.uow.transaction((s) =>
      notify(s, w.s.running.deps.clock.now(), [{ recipient: { kind: 'channel', platform: 'slack', channelId: 'CGONE' }, event: 'report_ready', ticketId: null, params: { text: 'x' } }]),
    );
    await waitUntil('the parked row', async () => ((await w.s.t.uow.read.notifications.countByState()).failed ?? 0) >= 1);
    const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'cli' };
    const out: string[] = [];
    const err: string[] = [];
    expect(await outboxCommand(w.s.running.deps, operator, ['list', '--state', 'failed'], (s) => out.push(s), (s) => err.push(s))).toBe(0);
    expect(out[0]).toMatch(/failed: 1/);
    expect(out[1]).toMatch(/^\d+\tfailed\tslack\tCGONE\treport_ready\t-\ttries=1\tslack chat.postMessage: channel_not_found\n$/);
    expect(await outboxCommand(w.s.running.deps, operator, ['retry', 'abc'], (s) => out.push(s), (s) => err.push(s))).toBe(2);
    expect(err[0]).toContain('whole numbers');
    expect(await outboxCommand(w.s.running.deps, operator, ['retry'], (s) => out.push(s), (s) => err.push(s))).toBe(0);
    expect(out[out.length - 1]).toBe('requeued: 1\n');
    expect((await w.s.t.uow.read.notifications.countByState()).pending).toBe(1);
  });
});
