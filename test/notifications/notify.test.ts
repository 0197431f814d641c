/**
 * notify(): intents become outbox rows in the caller's transaction (R4), resolved against each
 * person's preferences; a repeated dedupe key writes nothing; a rolled back change leaves no message.
 */
import { TEST_DATABASES, openTestDb, TestDb } from '../support/db';
import { notify } from '../../core/notifications/notify';
import { person } from '../adapters/make';
import { Sql } from '../../adapters/sequelize/sql';

describe.each(TEST_DATABASES)('notify() on %s', (dbName) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dbName);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  const rows = () => new Sql(t.db.sequelize, t.db.dialect, null).select<any>('SELECT channel, address, state, event, person_id, digest_at, due_at FROM outbox ORDER BY id');
  const at = new Date('2026-01-13T09:20:00.000Z'); // a Tuesday, 10:20 in Paris: business hours

  it('writes one row per channel; a dedupe key seen before writes nothing (R4)', async () => {
    const id = await t.uow.transaction((s) => s.people.insert(person({ slackUserId: 'U1', email: 'a@example.com' })));
    const intent = { recipient: { kind: 'person' as const, personId: id }, event: 'status_changed', ticketId: null, params: { number: 1 }, dedupeKey: 'k:1' };
    await t.uow.transaction((s) => notify(s, at, [intent, { ...intent, recipient: { kind: 'email', address: 'list@example.com' } }]));
    await t.uow.transaction((s) => notify(s, at, [intent]));
    const r = await rows();
    expect(r.map((x: any) => [x.channel, x.address, x.state])).toEqual([['slack', 'U1', 'pending']]);
  });

  it('defaults: chat when the person has a chat id, e-mail otherwise; chosen channels win', async () => {
    const [a, b] = await t.uow.transaction(async (s) => [
      await s.people.insert(person({ email: 'b@example.com' })),
      await s.people.insert(person({ email: 'c@example.com', phone: '+33611111111', slackUserId: 'U2' })),
    ]);
    await t.uow.transaction((s) => s.notifications.setPreferences({ personId: b, channels: ['email', 'sms'], rhythm: 'immediate', quietHours: false }, at));
    await t.uow.transaction((s) =>
      notify(s, at, [a, b].map((personId) => ({ recipient: { kind: 'person' as const, personId }, event: 'status_changed', ticketId: null, params: {} }))),
    );
    expect((await rows()).map((x: any) => [x.channel, x.address])).toEqual([
      ['email', 'b@example.com'],
      ['email', 'c@example.com'],
      ['sms', '+33611111111'],
    ]);
  });

  it('hourly digest holds the row for the end of the hour; quiet hours wait for the opening; urgent skips both', async () => {
    const id = await t.uow.transaction((s) => s.people.insert(person({ slackUserId: 'U3' })));
    await t.uow.transaction((s) => s.notifications.setPreferences({ personId: id, channels: [], rhythm: 'hourly', quietHours: true }, at));
    const night = new Date('2026-01-13T21:10:00.000Z'); // 22:10 in Paris
    const intent = { recipient: { kind: 'person' as const, personId: id }, event: 'status_changed', ticketId: null, params: {} };
    await t.uow.transaction((s) => notify(s, at, [intent]));
    await t.uow.transaction((s) => notify(s, night, [intent, { ...intent, urgent: true }]));
    const r = await rows();
    expect(r.map((x: any) => x.state)).toEqual(['held', 'held', 'pending']);
    const iso = (v: unknown) => new Date(typeof v === 'string' && !/[Z+]/.test(v) ? v + 'Z' : (v as any)).toISOString();
    expect(iso(r[0].digest_at)).toBe('2026-01-13T10:00:00.000Z');
    // Next opening is Wednesday 08:30 Paris = 07:30 UTC; its digest closes at 08:00 UTC.
    expect(iso(r[1].due_at)).toBe('2026-01-14T07:30:00.000Z');
    expect(iso(r[1].digest_at)).toBe('2026-01-14T08:00:00.000Z');
  });

  it('R4 quiet hours alone ("each change", not the digest): a night change waits for the opening; by day it goes at once', async () => {
    const id = await t.uow.transaction((s) => s.people.insert(person({ slackUserId: 'U5' })));
    await t.uow.transaction((s) => s.notifications.setPreferences({ personId: id, channels: [], rhythm: 'immediate', quietHours: true }, at));
    const night = new Date('2026-01-13T21:10:00.000Z'); // 22:10 in Paris
    const intent = { recipient: { kind: 'person' as const, personId: id }, event: 'status_changed', ticketId: null, params: {} };
    await t.uow.transaction((s) => notify(s, at, [intent]));
    await t.uow.transaction((s) => notify(s, night, [intent]));
    const r = await rows();
    const iso = (v: unknown) => new Date(typeof v === 'string' && !/[Z+]/.test(v) ? v + 'Z' : (v as any)).toISOString();
    expect(r.map((x: any) => [x.state, x.digest_at])).toEqual([['pending', null], ['pending', null]]);
    expect(iso(r[0].due_at)).toBe(at.toISOString());
    // Wednesday 08:30 Paris = 07:30 UTC, not 22:10 the night before.
    expect(iso(r[1].due_at)).toBe('2026-01-14T07:30:00.000Z');
  });

  it('a rolled back transaction leaves no message behind', async () => {
    const id = await t.uow.transaction((s) => s.people.insert(person({ slackUserId: 'U4' })));
    await expect(
      t.uow.transaction(async (s) => {
        await notify(s, at, [{ recipient: { kind: 'person', personId: id }, event: 'status_changed', ticketId: null, params: {}, dedupeKey: 'x' }]);
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    expect(await rows()).toEqual([]);
    // The key was rolled back too: a later try may write it.
    await t.uow.transaction((s) => notify(s, at, [{ recipient: { kind: 'person', personId: id }, event: 'status_changed', ticketId: null, params: {}, dedupeKey: 'x' }]));
    expect((await rows()).length).toBe(1);
  });
});
