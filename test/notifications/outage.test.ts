/**
 * R18 continuity, issue 5 "done when": 1,000 notifications while the SMTP server, Twilio and Slack
 * refuse for a while (421 / 503 / 429 with Retry-After); once they are back every notification is
 * delivered exactly once, with backoff in between (the refusals are counted, none is parked).
 */
import { TEST_DATABASES } from '../support/db';
import { notify } from '../../core/notifications/notify';
import type { NotificationIntent } from '../../core/notifications/notification.port';
import { startNotifyWorld, NotifyWorld, waitUntil } from './world';

jest.setTimeout(120000);

describe.each(TEST_DATABASES)('peer outage during 1,000 notifications on %s (R4 R18)', (db) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await startNotifyWorld(db, { notifications: { worker: { backoffBaseMs: 100, backoffMaxMs: 800, maxAttempts: 1000, pollMs: 100, batchSize: 100, concurrency: 16 } } });
  });
  afterAll(() => w.close());

  it('delivers each notification exactly once after the peers come back', async () => {
    const intents: NotificationIntent[] = [];
    for (let i = 0; i < 1000; i++) {
      const text = `outage-msg-${i}`;
      const recipient: NotificationIntent['recipient'] =
        i % 10 < 4
          ? { kind: 'email', address: `person${i}@example.com` }
          : i % 10 < 7
            ? { kind: 'sms', phone: `+3360000${String(i).padStart(4, '0')}` }
            : { kind: 'channel', platform: 'slack', channelId: `C${String(i).padStart(8, '0')}` };
      intents.push({ recipient, event: 'outage_test', ticketId: null, params: { text }, dedupeKey: `outage:${i}` });
    }
    w.smtp.down = true;
    w.twilio.mode = 'down';
    w.slack.mode = 'limited';
    const started = Date.now();
    for (let i = 0; i < intents.length; i += 100) {
      await w.s.running.deps.uow.transaction((s) => notify(s, w.s.running.deps.clock.now(), intents.slice(i, i + 100)));
    }
    // A repeated run of the same intents (a sweep running again) adds nothing.
    await w.s.running.deps.uow.transaction((s) => notify(s, w.s.running.deps.clock.now(), intents.slice(0, 100)));
    w.s.running.notifications.worker.start();
    await waitUntil('every peer to refuse', () => w.smtp.refused > 20 && w.twilio.refused > 20 && w.slack.refused > 20);
    await new Promise((r) => setTimeout(r, 1500));
    w.smtp.down = false;
    w.twilio.mode = null;
    w.slack.mode = null;
    const back = Date.now();
    await waitUntil('all 1,000 deliveries', () => w.smtp.mails.length + w.twilio.sms.length + w.slack.posts.length >= 1000, 90000);
    await new Promise((r) => setTimeout(r, 500)); // anything extra would show up now
    const seen = [
      ...w.smtp.mails.map((m) => /outage-msg-\d+/.exec(m.text ?? '')![0]),
      ...w.twilio.sms.map((s) => /outage-msg-\d+/.exec(s.body)![0]),
      ...w.slack.posts.map((p) => /outage-msg-\d+/.exec(p.text)![0]),
    ];
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(w.smtp.mails).toHaveLength(400);
    expect(w.twilio.sms).toHaveLength(300);
    expect(w.slack.posts).toHaveLength(300);
    const counts = await w.s.t.uow.read.notifications.countByState();
    expect(counts).toEqual({ sent: 1000 });
    // 429s do not use up tries; 421/503 do, and each was recorded.
    const [attempts] = (await w.s.t.db.sequelize.query('SELECT COUNT(*) AS n, SUM(CASE WHEN ok = 1 THEN 1 ELSE 0 END) AS ok FROM outbox_attempts', { raw: true })) as any[];
    expect(Number(attempts[0].ok)).toBe(1000);
    expect(Number(attempts[0].n)).toBeGreaterThan(1000);
    // Test logs for the report: how long the outage run took.
    process.stdout.write(`[outage ${db}] 1000 notifications: ${Date.now() - started} ms in all, ${Date.now() - back} ms after the peers came back; refused smtp=${w.smtp.refused} sms=${w.twilio.refused} slack=${w.slack.refused}\n`);
  });
});
