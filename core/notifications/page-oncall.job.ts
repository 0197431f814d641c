import type { UnitOfWork } from '../shared/store.port';
import type { ScheduledJob } from '../shared/scheduler.port';
import type { NotificationIntent } from './notification.port';
import { notify } from './notify';

/**
 * Issue 5 "technicians' intake": an urgent (P1) or high (P2) ticket still unclaimed after the
 * service's delay pages whoever is on call for it by SMS. Each (ticket, person) is paged once.
 */
export async function pageOnCall(uow: UnitOfWork, now: Date): Promise<number> {
  let pages = 0;
  for (const intake of await uow.read.notifications.intakes()) {
    const shifts = await uow.read.notifications.shiftsAt(intake.serviceId, now);
    if (!shifts.length) continue;
    const limit = new Date(now.getTime() - intake.oncallAfterMinutes * 60_000);
    const waiting = (
      await uow.read.tickets.list({ scope: { kind: 'all' }, statuses: ['new'], serviceIds: [intake.serviceId], priorities: [1, 2], sort: 'newest', limit: 100 })
    ).filter((t) => t.createdAt <= limit && t.assignees.length === 0);
    if (!waiting.length) continue;
    const people = await uow.read.people.many(shifts.map((s) => s.personId));
    const intents: NotificationIntent[] = [];
    for (const t of waiting) {
      for (const p of people) {
        if (!p.phone || !p.active) continue;
        intents.push({
          recipient: { kind: 'sms', phone: p.phone, locale: p.locale ?? undefined },
          event: 'oncall_page',
          ticketId: t.id,
          urgent: true,
          params: { number: t.id, title: t.title, priority: t.priority, minutes: Math.round((now.getTime() - t.createdAt.getTime()) / 60_000) },
          dedupeKey: `oncall:${t.id}:${p.id}`,
        });
      }
    }
    await uow.transaction((s) => notify(s, now, intents));
    pages += intents.length;
  }
  return pages;
}

export const onCallJob = (uow: UnitOfWork, afterRun?: () => void): ScheduledJob => ({
  name: 'notifications.oncall-check',
  cron: '* * * * *',
  async run(now) {
    if ((await pageOnCall(uow, now)) > 0) afterRun?.();
  },
});
