import type { UnitOfWork } from '../shared/store.port';
import type { ScheduledJob } from '../shared/scheduler.port';
import { HOUR_MS } from './recipient-routing';

/**
 * R4 "hourly digest": at each full hour, every person's held messages of the hour become ONE message
 * per channel. The scheduler's lease runs it once across instances; the dedupe key makes a rerun of
 * the same hour harmless anyway.
 */
export async function sendHourlyDigests(uow: UnitOfWork, now: Date, stop?: AbortSignal): Promise<number> {
  let digests = 0;
  for (const group of await uow.read.notifications.heldGroups(now)) {
    if (stop?.aborted) break; // shutting down: the groups left stay held for the next run
    const made = await uow.transaction(async (s) => {
      const rows = await s.notifications.held(group, now);
      if (!rows.length) return false;
      if (!(await s.notifications.remember(`digest:${group.personId ?? group.address}:${group.channel}:${now.toISOString()}`, now))) return false;
      const id = await s.notifications.enqueue(
        {
          channel: group.channel,
          address: group.address,
          personId: group.personId,
          locale: rows[0].locale,
          event: 'digest',
          ticketId: null,
          urgent: false,
          params: {
            from: new Date(now.getTime() - HOUR_MS).toISOString(),
            to: now.toISOString(),
            items: rows.map((r) => ({ event: r.event, ticketId: r.ticketId, params: r.params })),
          },
          dedupeKey: null,
          state: 'pending',
          notBefore: now,
          digestAt: null,
        },
        now,
      );
      await s.notifications.markDigested(rows.map((r) => r.id), id);
      return true;
    });
    if (made) digests++;
  }
  return digests;
}

export const hourlyDigestJob = (uow: UnitOfWork, afterRun?: () => void): ScheduledJob => ({
  name: 'notifications.hourly-digest',
  cron: '0 * * * *',
  async run(now, stop) {
    if ((await sendHourlyDigests(uow, now, stop)) > 0) afterRun?.();
  },
});
