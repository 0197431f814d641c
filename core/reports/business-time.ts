import { DateTime } from 'luxon';
import type { BusinessCalendar, IsoWeekday } from '../sla/business-calendar';

const MS_PER_MINUTE = 60_000;

/**
 * Business minutes of many intervals at once. BusinessCalendar.businessMinutesBetween costs two
 * time-zone look-ups per call: a second or more for a month of tickets at a million. Here the
 * calendar's working spans over the whole range are listed once (its hours, its holidays through
 * isHoliday, local wall-clock times resolved by luxon as the calendar does) and summed into a prefix
 * table, so each duration is two binary searches. test/core/reports/business-time.test.ts checks it
 * gives the calendar's own numbers.
 */
export class BusinessTimeTable {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** before[i]: business ms in the spans before span i. */
  private readonly before: number[] = [];

  constructor(calendar: BusinessCalendar, from: Date, to: Date) {
    const zone = calendar.config.timezone;
    const last = DateTime.fromJSDate(to, { zone }).startOf('day').plus({ days: 1 });
    let total = 0;
    for (let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
      const intervals = calendar.config.hours[day.weekday as IsoWeekday] ?? [];
      if (!intervals.length || calendar.isHoliday(day.toFormat('yyyy-MM-dd'))) continue;
      for (const iv of intervals) {
        const s = wallClock(day, iv.from, zone);
        const e = wallClock(day, iv.to, zone);
        // A bound in a spring-forward gap can collapse a span, as in the calendar: drop it.
        if (s >= e) continue;
        this.starts.push(s);
        this.ends.push(e);
        this.before.push(total);
        total += e - s;
      }
    }
  }

  minutesBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    return b <= a ? 0 : (this.elapsed(b) - this.elapsed(a)) / MS_PER_MINUTE;
  }

  /** Business ms from the table's start to t. */
  private elapsed(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : this.before[found] + Math.min(t, this.ends[found]) - this.starts[found];
  }
}

/** 'HH:mm' on a local date as an instant; '24:00' is the next midnight. */
function wallClock(day: DateTime, hhmm: string, zone: string): number {
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const date = minutes === 1440 ? day.plus({ days: 1 }) : day;
  const m = minutes % 1440;
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: Math.floor(m / 60), minute: m % 60 }, { zone }).toMillis();
}
