import { TEST_DATABASES } from '../support/db';
import { startTestServer } from '../support/server';
import { startSmtpPeer } from '../support/smtp-peer';
import { notify } from '../../core/notifications/notify';
import { systemActor } from '../../core/shared/actor';
import { loadDemo } from '../../cli/demo';
import { outboxCommand } from '../../cli/outbox';
import { waitUntil } from './world';

const operator = { ...systemActor('en'), channel: 'cli' as const, name: 'cli' };

/** A channel that is off, or a person it cannot reach, is no failure: the next channel carries the message (R4). */
describe.each(TEST_DATABASES)('notifications nobody can carry are skipped, not failed (R4) on %s', (db) => {
  it('Slack off and no Teams chat yet: the message goes by e-mail; the two tries are recorded as skipped', async () => {
    const smtp = await startSmtpPeer();
    const s = await startTestServer(db, { env: { SMTP_URL: smtp.url, MAIL_FROM: 'Helpdesk <helpdesk@example.com>' } });
    try {
      const deps = s.running.deps;
      const person = await deps.uow.transaction((st) =>
        st.people.insert({ email: 'noa@example.com', displayName: 'Noa', phone: null, locale: 'en', role: 'employee', aadObjectId: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', slackUserId: 'UNOA00001', department: null, active: true }),
      );
      await deps.uow.transaction((st) => notify(st, deps.clock.now(), [{ recipient: { kind: 'person', personId: person }, event: 'report_ready', ticketId: null, params: { text: 'Weekly report ready' } }]));
      const [mail] = await smtp.waitFor(1);
      expect((mail.to as { text: string }).text).toBe('noa@example.com');
      await waitUntil('settled', async () => !(await s.t.uow.read.notifications.countByState()).sending && !(await s.t.uow.read.notifications.countByState()).pending);
      const rows = await s.t.uow.read.notifications.list({ limit: 10 });
      expect(rows.map((r) => [r.channel, r.state]).sort()).toEqual([['email', 'sent'], ['slack', 'skipped'], ['teams', 'skipped']]);
      expect(rows.find((r) => r.channel === 'slack')!.lastError).toBe('slack is off (not configured)');
    } finally {
      await s.close();
      await smtp.close();
    }
  }, 60000);
});

// The whole demo (300 tickets, their notifications sent) runs on SQLite, the first start's database;
// the skipped state itself is checked on both databases above (on MariaDB the demo took minutes of CI).
describe('after npx helpdesk demo on a fresh install (R4) on sqlite', () => {
  const db = 'sqlite' as const;
  it('after npx helpdesk demo on a fresh install, the outbox holds no failed notification', async () => {
    const s = await startTestServer(db);
    try {
      await loadDemo(s.running.deps, operator, { seed: 42 });
      for (;;) {
        await s.running.notifications.worker.drain();
        const c = await s.t.uow.read.notifications.countByState();
        if (!c.pending && !c.sending) break;
      }
      const counts = await s.t.uow.read.notifications.countByState();
      expect(counts.failed ?? 0).toBe(0);
      expect(counts.skipped ?? 0).toBeGreaterThan(0);
      const out: string[] = [];
      expect(await outboxCommand(s.running.deps, operator, ['list', '--state', 'failed'], (x) => out.push(x), () => undefined)).toBe(0);
      expect(out).toEqual([expect.not.stringContaining('failed')]);
    } finally {
      await s.close();
    }
  }, 300000);
});
