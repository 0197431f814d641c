/**
 * The job runner (issue 5 §6) and its first jobs: a run is leased per (job, fire time) so several
 * instances run it once; the hourly digest sends one message per hour listing every change (R4);
 * an urgent ticket nobody claims pages the on-call technician by SMS once (R12).
 */
import { TEST_DATABASES } from '../support/db';
import { testClock } from '../support/fixtures';
import { JobRunner } from '../../adapters/scheduler/job-runner';
import { cronMatches } from '../../adapters/scheduler/cron-match';
import { hourlyDigestJob } from '../../core/notifications/hourly-digest.job';
import { startNotifyWorld, NotifyWorld } from './world';

jest.setTimeout(60000);

describe('cron rules in HELPDESK_TIMEZONE', () => {
  it.each([
    ['0 10 * * 1', '2026-01-12T09:00:00Z', true], // Monday 10:00 in Paris (UTC+1)
    ['0 10 * * 1', '2026-01-12T10:00:00Z', false],
    ['0 10 * * 1', '2026-07-06T08:00:00Z', true], // summer time: UTC+2
    ['0 10 1 * *', '2026-02-01T09:00:00Z', true],
    ['*/15 8-18 * * 1-5', '2026-01-13T16:45:00Z', true],
    ['*/15 8-18 * * 1-5', '2026-01-17T16:45:00Z', false], // Saturday
    ['0 * * * *', '2026-01-13T11:00:00Z', true],
  ])('%s at %s: %s', (cron, at, expected) => {
    expect(cronMatches(cron, new Date(at), 'Europe/Paris')).toBe(expected);
  });

  it('refuses a malformed rule when the job is registered, not at its first fire', () => {
    const runner = new JobRunner({ uow: null as never, clock: testClock(), timeZone: 'Europe/Paris' });
    expect(() => runner.register({ name: 'x', cron: '61 * * * *', run: async () => undefined })).toThrow(/cron/);
    expect(() => runner.register({ name: 'y', cron: '* * *', run: async () => undefined })).toThrow(/5 fields/);
  });
});

describe.each(TEST_DATABASES)('scheduler and its jobs on %s', (db) => {
  const clock = testClock('2026-01-13T09:05:00.000Z'); // Tuesday 10:05 in Paris
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await startNotifyWorld(db, { clock });
  });
  afterAll(() => w.close());

  it('two instances firing the same minute run the job once; the next fire time runs again', async () => {
    const runs: string[] = [];
    const make = (owner: string) => {
      const r = new JobRunner({ uow: w.s.t.uow, clock, timeZone: 'Europe/Paris', owner });
      r.register({ name: 'test.every-minute', cron: '* * * * *', run: async (now) => void runs.push(`${owner}@${now.toISOString()}`) });
      return r;
    };
    const [a, b] = [make('a'), make('b')];
    const at = new Date('2026-01-13T09:06:20.000Z');
    const results = await Promise.all([a.runDue(at), b.runDue(at)]);
    expect(results.flat()).toEqual(['test.every-minute']);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatch(/@2026-01-13T09:06:00.000Z$/);
    await b.runDue(new Date('2026-01-13T09:07:00.000Z'));
    expect(runs).toEqual([runs[0], 'b@2026-01-13T09:07:00.000Z']);
  });

  it('an hourly-digest person gets one mail per hour listing every change, even with two instances', async () => {
    await w.s.call('POST', '/api/v1/services', w.admin, { name: 'Atelier', slug: 'atelier' });
    const paul = await w.person({ name: 'Paul Girard', email: 'paul@example.com', locale: 'fr' });
    const tech = await w.person({ name: 'Inès Roy', email: 'ines@example.com', role: 'technician', services: ['atelier'] });
    expect((await w.s.call('PUT', '/api/v1/me/notifications', paul.token, { rhythm: 'hourly' })).body).toMatchObject({ rhythm: 'hourly' });
    const mailsBefore = w.smtp.mails.length;
    const n = (await w.s.call('POST', '/api/v1/tickets', tech.token, { title: 'Clavier cassé', description: '.', requester: 'paul@example.com', service: 'atelier' })).body.number;
    await w.s.call('POST', `/api/v1/tickets/${n}/claim`, tech.token);
    clock.advance(10);
    await w.s.call('POST', `/api/v1/tickets/${n}/comments`, tech.token, { body: 'Je passe à 11 h.' });
    clock.advance(10);
    await w.s.call('POST', `/api/v1/tickets/${n}/status`, tech.token, { status: 'pending' });
    await w.s.running.notifications.worker.drain();
    expect(w.smtp.mails.length).toBe(mailsBefore); // held for the digest

    // Another instance on the same database, with its own runner and the same job.
    const other = new JobRunner({ uow: w.s.t.uow, clock, timeZone: 'Europe/Paris', owner: 'other-instance' });
    other.register(hourlyDigestJob(w.s.t.uow));
    const top = new Date('2026-01-13T10:00:00.000Z');
    clock.set(top);
    const ran = await Promise.all([w.s.running.notifications.runner.runDue(top), other.runDue(top)]);
    expect(ran.flat().filter((x) => x === 'notifications.hourly-digest')).toHaveLength(1);
    // Whichever instance made the digest, this one's worker sends it (as its poll would).
    await w.s.running.notifications.worker.drain();
    await w.smtp.waitFor(mailsBefore + 1);
    const digests = w.smtp.mails.slice(mailsBefore);
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toMatch(/^Vos tickets : 3 changement\(s\) de/);
    const text = digests[0].text ?? '';
    expect(text).toContain('pris en charge par Inès Roy');
    expect(text).toContain('nouvelle réponse de Inès Roy');
    expect(text).toContain(': En attente.');
    expect(text.match(/^- /gm)).toHaveLength(3);
    // The next hour, nothing new: no empty digest.
    clock.set('2026-01-13T11:00:00.000Z');
    await w.s.running.notifications.runner.runDue(clock.now());
    await w.s.running.notifications.worker.drain();
    expect(w.smtp.mails.length).toBe(mailsBefore + 1);
  });

  it('pages the on-call technician by SMS once when an urgent ticket stays unclaimed past the delay', async () => {
    await w.s.call('POST', '/api/v1/services', w.admin, { name: 'Réseau', slug: 'reseau' });
    expect((await w.s.call('PUT', '/api/v1/services/reseau/intake', w.admin, { oncallAfterMinutes: 10 })).body).toMatchObject({ oncallAfterMinutes: 10, mailingList: null });
    const oncall = await w.person({ name: 'Nora Garde', email: 'nora@example.com', role: 'technician', services: ['reseau'], phone: '+33611223344', locale: 'fr' });
    const off = await w.person({ name: 'Omar Repos', email: 'omar@example.com', role: 'technician', services: ['reseau'], phone: '+33699887766' });
    const now = clock.now();
    const shift = await w.s.call('POST', '/api/v1/services/reseau/oncall', w.admin, { person: 'nora@example.com', from: new Date(now.getTime() - 3600e3).toISOString(), to: new Date(now.getTime() + 8 * 3600e3).toISOString() });
    expect(shift.status).toBe(201);
    await w.s.call('POST', '/api/v1/services/reseau/oncall', w.admin, { person: 'omar@example.com', from: new Date(now.getTime() + 9 * 3600e3).toISOString(), to: new Date(now.getTime() + 20 * 3600e3).toISOString() });
    expect((await w.s.call('POST', '/api/v1/services/reseau/oncall', w.admin, { person: 'omar@example.com', from: now.toISOString(), to: now.toISOString() })).body.error.code).toBe('validation_failed');
    const urgent = (await w.s.call('POST', '/api/v1/tickets', oncall.token, { title: 'Coeur de réseau HS', description: '.', service: 'reseau', urgency: 'critical', impact: 'critical' })).body.number;
    const calm = (await w.s.call('POST', '/api/v1/tickets', oncall.token, { title: 'Câble à ranger', description: '.', service: 'reseau', urgency: 'low', impact: 'low' })).body.number;
    const smsBefore = w.twilio.sms.length;
    const runner = w.s.running.notifications.runner;
    const minute = (m: number) => new Date(Math.floor(now.getTime() / 60000) * 60000 + m * 60000);
    const fireAt = async (m: number) => {
      clock.set(minute(m));
      await runner.runDue(minute(m));
    };
    await fireAt(5);
    await w.s.running.notifications.worker.drain();
    expect(w.twilio.sms.length).toBe(smsBefore);
    await fireAt(11);
    await w.twilio.waitFor(smsBefore + 1);
    await fireAt(12);
    await w.s.running.notifications.worker.drain();
    const pages = w.twilio.sms.slice(smsBefore);
    expect(pages).toHaveLength(1);
    expect(pages[0].to).toBe('+33611223344');
    expect(pages[0].body).toMatch(new RegExp(`^URGENT : ticket #${urgent} "Coeur de réseau HS" \\(P1 critique\\) non pris en charge depuis 1[01] min\\.`));
    expect(pages.some((p) => p.body.includes(`#${calm}`))).toBe(false);
    void off;
  });

  it('purges delivered messages and their attempts after 30 days, at 03:30 (R9 retention)', async () => {
    const before = await w.s.t.uow.read.notifications.countByState();
    expect(before.sent).toBeGreaterThan(0);
    await w.s.t.uow.transaction((s) =>
      s.notifications.enqueue({ channel: 'email', address: 'kept@example.com', personId: null, locale: null, event: 'x', ticketId: null, urgent: false, params: {}, dedupeKey: null, state: 'pending', notBefore: new Date('2026-03-01T00:00:00Z'), digestAt: null }, clock.now()),
    );
    clock.set('2026-02-20T02:30:00.000Z'); // 03:30 in Paris, 38 days later
    expect(await w.s.running.notifications.runner.runDue(clock.now())).toContain('notifications.outbox-purge');
    const after = await w.s.t.uow.read.notifications.countByState();
    expect(after.sent).toBeUndefined();
    expect(after.digested).toBeUndefined();
    expect(after.pending).toBe((before.pending ?? 0) + 1);
    const [rows] = (await w.s.t.db.sequelize.query('SELECT COUNT(*) AS n FROM outbox_attempts', { raw: true })) as any[];
    expect(Number(rows[0].n)).toBe(0);
  });
});
