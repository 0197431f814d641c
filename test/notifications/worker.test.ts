/**
 * The outbox worker's rules (issue 5 §1): Retry-After honoured without using up a try, exponential
 * backoff with jitter, parked as failed after the last try, per-address pacing, each attempt recorded.
 * The sender here is a stand-in for a platform; the database is real.
 */
import { TEST_DATABASES, openTestDb, TestDb } from '../support/db';
import { testClock } from '../support/fixtures';
import { OutboxWorker } from '../../core/notifications/outbox-worker';
import { SendFailure, type Sender } from '../../core/notifications/sender.port';
import { notify } from '../../core/notifications/notify';
import type { DeliveryChannel } from '../../core/notifications/outbox.port';

describe.each(TEST_DATABASES)('outbox worker on %s', (db) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(db);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  const clock = testClock('2026-01-13T09:00:00.000Z');
  const render = { defaultLocale: 'en' as const, publicUrl: 'https://hd.example.com', timeZone: 'Europe/Paris' };
  const scripted = (channel: DeliveryChannel, script: Array<Error | null>, log: number[] = []): Sender => ({
    channel,
    async send() {
      log.push(Date.now());
      const next = script.shift();
      if (next) throw next;
    },
  });
  const worker = (sender: Sender, extra: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) =>
    new OutboxWorker({ uow: t.uow, clock, senders: { [sender.channel]: sender }, render, owner: 'w1', backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAttempts: 3, ...extra });
  const one = async () => (await t.uow.read.notifications.list({ limit: 10 }))[0];

  it('429 with Retry-After waits that long and does not use up a try; other failures back off, then park', async () => {
    clock.set('2026-01-13T09:00:00.000Z');
    await t.uow.transaction((s) => notify(s, clock.now(), [{ recipient: { kind: 'sms', phone: '+33600000001' }, event: 'x', ticketId: null, params: { text: 'hi' } }]));
    const w = worker(scripted('sms', [new SendFailure('429', { retryAfterMs: 7000 }), new Error('503'), new Error('503'), new Error('503')]));
    await w.drain();
    let row = await one();
    expect(row).toMatchObject({ state: 'pending', attempts: 0, lastError: '429' });
    expect(row.notBefore.getTime() - clock.now().getTime()).toBe(7000);
    const delays: number[] = [];
    for (let i = 1; i <= 2; i++) {
      clock.set(row.notBefore);
      await w.drain();
      row = await one();
      expect(row).toMatchObject({ state: 'pending', attempts: i });
      delays.push(row.notBefore.getTime() - clock.now().getTime());
    }
    // Full ceiling 1 s then 2 s; jitter keeps each between half and all of it.
    expect(delays[0]).toBeGreaterThanOrEqual(500);
    expect(delays[0]).toBeLessThanOrEqual(1000);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThanOrEqual(2000);
    clock.set(row.notBefore);
    await w.drain();
    expect(await one()).toMatchObject({ state: 'failed', attempts: 3, lastError: '503' });
    const attempts = await t.uow.read.notifications.attempts(row.id);
    expect(attempts.map((a) => [a.attempt, a.ok, a.error])).toEqual([
      [1, false, '429'],
      [1, false, '503'],
      [2, false, '503'],
      [3, false, '503'],
    ]);
    // Nothing is due any more: a parked message stays parked until an admin retries it.
    clock.advance(60);
    expect(await w.drain()).toBe(0);
  });

  it('R4: with the default production uses, a failing message is tried 8 times, then parked and visible', async () => {
    await t.uow.transaction((s) => notify(s, clock.now(), [{ recipient: { kind: 'sms', phone: '+33600000002' }, event: 'x', ticketId: null, params: { text: 'hi' } }]));
    // No maxAttempts here: the worker's own default is what a production server runs with.
    const w = new OutboxWorker({ uow: t.uow, clock, senders: { sms: scripted('sms', Array.from({ length: 20 }, () => new Error('503'))) }, render, owner: 'w1', backoffBaseMs: 10, backoffMaxMs: 10 });
    for (let i = 0; i < 20; i++) {
      const row = await one();
      if (row.state !== 'pending') break;
      clock.set(row.notBefore);
      await w.drain();
    }
    const row = await one();
    expect(row).toMatchObject({ state: 'failed', attempts: 8, lastError: '503' });
    expect((await t.uow.read.notifications.attempts(row.id)).map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await t.uow.read.notifications.countByState()).failed).toBe(1);
  });

  it('a refusal no retry can cure is parked at once', async () => {
    await t.uow.transaction((s) => notify(s, clock.now(), [{ recipient: { kind: 'email', address: 'x@example.com' }, event: 'x', ticketId: null, params: {} }]));
    await worker(scripted('email', [new SendFailure('550 no such user', { permanent: true })])).drain();
    expect(await one()).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('paces messages to one Slack channel, and sends to different channels side by side', async () => {
    const intents = ['C1', 'C1', 'C1', 'C2'].map((channelId) => ({ recipient: { kind: 'channel' as const, platform: 'slack' as const, channelId }, event: 'x', ticketId: null, params: {} }));
    await t.uow.transaction((s) => notify(s, clock.now(), intents));
    const times: number[] = [];
    const sender = scripted('slack', [], times);
    const started = Date.now();
    await worker(sender, { minGapMs: { slack: 300 } }).drain();
    expect(times).toHaveLength(4);
    const sorted = [...times].sort((a, b) => a - b);
    // C1 three times: at least two gaps of 300 ms; C2 went alongside, not after them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(580);
    expect(sorted[1] - sorted[0]).toBeLessThan(250);
    expect((await t.uow.read.notifications.countByState()).sent).toBe(4);
  });
});
