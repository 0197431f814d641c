import type { BusinessCalendar } from './business-calendar';
import type { SlaLevel } from './sla.port';

export interface Shares {
  /** Percent of the target at which the warning goes out (default 75). */
  warnPercent: number;
  /** Percent at which the managers' channel is told (default 150). */
  managersPercent: number;
}

/**
 * Which level a clock has reached at `now`, in business time: before the deadline, the share of the
 * target already spent (what is left is `due - now` in business minutes, pauses having pushed `due`);
 * after it, 100% plus the business time overdue.
 */
export function levelReached(calendar: BusinessCalendar, now: Date, due: Date, targetMinutes: number, shares: Shares): SlaLevel {
  const target = Math.max(1, targetMinutes);
  if (now.getTime() >= due.getTime()) {
    const over = calendar.businessMinutesBetween(due, now);
    return 100 + (over * 100) / target >= shares.managersPercent ? 3 : 2;
  }
  const left = calendar.businessMinutesBetween(now, due);
  return 100 - (left * 100) / target >= shares.warnPercent ? 1 : 0;
}

/**
 * The latest deadline that can already be at the warning share: a ticket due later cannot need a
 * message now, so the sweep's query reads only tickets due before this instant.
 */
export function warningHorizon(calendar: BusinessCalendar, now: Date, longestTarget: number, lowestWarnPercent: number): Date {
  const share = Math.min(1, Math.max(0, (100 - lowestWarnPercent) / 100));
  return calendar.addBusinessMinutes(now, Math.ceil(longestTarget * share));
}
