import type { UnitOfWork } from '../shared/store.port';
import type { ScheduledJob } from '../shared/scheduler.port';

/** Sent messages hold addresses and ticket titles: kept 30 days for support questions, then deleted (R9). */
export const OUTBOX_RETENTION_DAYS = 30;

export const purgeOutboxJob = (uow: UnitOfWork): ScheduledJob => ({
  name: 'notifications.outbox-purge',
  cron: '30 3 * * *',
  async run(now) {
    await uow.transaction((s) => s.notifications.purge(new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000)));
  },
});
