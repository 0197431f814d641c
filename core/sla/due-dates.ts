import type { BusinessCalendar } from './business-calendar';
import type { SlaPolicy } from './sla-policy';

/**
 * Due dates always count from creation, and the business minutes spent pending push them back,
 * so a priority change or a pause recomputes them the same way (R10, R13).
 */
export function computeDueDates(calendar: BusinessCalendar, policy: SlaPolicy, createdAt: Date, pausedMinutes: number) {
  return {
    ownDueAt: calendar.addBusinessMinutes(createdAt, policy.ownMinutes + pausedMinutes),
    resolveDueAt: calendar.addBusinessMinutes(createdAt, policy.resolveMinutes + pausedMinutes),
  };
}
