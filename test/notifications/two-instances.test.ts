/**
 * Issue 5 "done when": two instances on one database (MariaDB: FOR UPDATE SKIP LOCKED; SQLite file:
 * its write lock) send each notification once, both taking part, and the hourly digest once.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { TEST_DATABASES, mariadbUrl, openTestDb } from '../support/db';
import { testClock } from '../support/fixtures';
import { startSmtpPeer, SmtpPeer } from '../support/smtp-peer';
import { startFakeTwilio, FakeTwilio } from '../support/fake-twilio';
import { loadSettings } from '../../adapters/config/settings';
import { startServer, Running } from '../../main';
import { notify } from '../../core/notifications/notify';
import type { NotificationIntent } from '../../core/notifications/notification.port';

jest.setTimeout(90000);

describe.each(TEST_DATABASES)('two instances on one %s database (R20)', (db) => {
  const clock = testClock('2026-01-13T09:10:00.000Z');
  let smtp: SmtpPeer;
  let twilio: FakeTwilio;
  let a: Running;
  let b: Running;
  let dir: string | null = null;
  beforeAll(async () => {
    [smtp, twilio] = await Promise.all([startSmtpPeer(), startFakeTwilio()]);
    let url: string;
    if (db === 'mariadb') {
      const t = await openTestDb('mariadb');
      await t.close();
      url = mariadbUrl();
    } else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-two-'));
      url = `sqlite:${path.join(dir, 'two.sqlite')}`;
    }
    const settings = loadSettings({
      PORT: '0',
      LOG_LEVEL: 'silent',
      HELPDESK_LOCALE: 'en',
      DATABASE_URL: url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'helpdesk@example.com',
      TWILIO_ACCOUNT_SID: twilio.sid,
      TWILIO_AUTH_TOKEN: twilio.token,
      TWILIO_FROM: '+33700000000',
      TWILIO_API_URL: twilio.url,
    });
    const opts = { quiet: true, clock, notifications: { timers: false, worker: { batchSize: 10, concurrency: 4 } } };
    a = await startServer(settings, opts);
    b = await startServer(settings, opts);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await Promise.all([smtp.close(), twilio.close()]);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each of 400 notifications once, both instances taking part', async () => {
    const intents: NotificationIntent[] = Array.from({ length: 400 }, (_, i) => ({
      recipient: i % 2 ? { kind: 'email', address: `p${i}@example.com` } : { kind: 'sms', phone: `+336100${String(i).padStart(5, '0')}` },
      event: 'two_instances',
      ticketId: null,
      params: { text: `two-msg-${i}` },
    }));
    // Written through A without waking its worker (the raw unit of work), so both start together.
    for (let i = 0; i < 400; i += 100) await a.db.uow.transaction((s) => notify(s, clock.now(), intents.slice(i, i + 100)));
    await Promise.all([a.notifications.worker.drain(), b.notifications.worker.drain()]);
    const seen = [...smtp.mails.map((m) => /two-msg-\d+/.exec(m.text ?? '')![0]), ...twilio.sms.map((s) => /two-msg-\d+/.exec(s.body)![0])];
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
    const owners = (await a.db.sequelize.query('SELECT owner, COUNT(*) AS n FROM outbox_attempts GROUP BY owner', { raw: true }))[0] as Array<{ owner: string; n: number }>;
    expect(owners).toHaveLength(2);
    expect(owners.every((o) => Number(o.n) > 0)).toBe(true);
    expect(owners.reduce((n, o) => n + Number(o.n), 0)).toBe(400);
  });

  it('makes the hourly digest once although both instances fire it', async () => {
    const id = await a.db.uow.transaction((s) => s.people.insert({ email: 'hourly@example.com', displayName: 'Hourly Person', phone: null, locale: 'en', role: 'employee', aadObjectId: null, slackUserId: null, department: null, active: true }));
    await a.db.uow.transaction((s) => s.notifications.setPreferences({ personId: id, channels: [], rhythm: 'hourly', quietHours: false }, clock.now()));
    for (const status of ['assigned', 'in_progress', 'resolved']) {
      await a.db.uow.transaction((s) => notify(s, clock.now(), [{ recipient: { kind: 'person', personId: id }, event: 'status_changed', ticketId: 7, params: { number: 7, title: 'Laptop', status } }]));
      clock.advance(5);
    }
    const before = smtp.mails.length;
    clock.set('2026-01-13T10:00:00.000Z');
    const ran = await Promise.all([a.notifications.runner.runDue(clock.now()), b.notifications.runner.runDue(clock.now())]);
    expect(ran.flat().filter((n) => n === 'notifications.hourly-digest')).toHaveLength(1);
    await Promise.all([a.notifications.worker.drain(), b.notifications.worker.drain()]);
    const digests = smtp.mails.slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0].to).toMatchObject({ text: 'hourly@example.com' });
    expect(digests[0].text).toContain('Changes of the last hour (3):');
  });
});
