import { DateTime } from 'luxon';
import { HelpdeskError } from '../shared/errors';

export const PERIOD_KINDS = ['weekly', 'monthly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  timeZone: string;
  from: Date;
  to: Date;
  /** Start of the previous period of the same kind, for trends. */
  previousFrom: Date;
}

/**
 * Periods are local calendar periods in HELPDESK_TIMEZONE: a week runs Monday 00:00 to Monday 00:00,
 * a month from the 1st to the 1st, whatever DST does in between (so a week may last 167 or 169 hours).
 * Without `from`, the last complete period before `now`: what the Monday 10:00 report covers.
 * A `from` inside a period selects that whole period (2026-11-18 gives the week of Monday 16th).
 */
export function reportPeriod(kind: PeriodKind, now: Date, timeZone: string, from?: string): ReportPeriod {
  const unit = kind === 'weekly' ? 'week' : 'month';
  let anchor: DateTime;
  if (from !== undefined) {
    anchor = DateTime.fromISO(from, { zone: timeZone });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !anchor.isValid) {
      throw new HelpdeskError('validation_failed', {}, [{ path: 'from', message: "expected a date 'YYYY-MM-DD'" }]);
    }
  } else {
    anchor = DateTime.fromJSDate(now, { zone: timeZone }).minus({ [unit + 's']: 1 });
  }
  if (!anchor.isValid) throw new Error(`invalid time zone ${timeZone}`);
  // luxon's weeks are ISO weeks: startOf('week') is Monday 00:00 local.
  const start = anchor.startOf(unit);
  return {
    kind,
    timeZone,
    from: start.toJSDate(),
    to: start.plus({ [unit + 's']: 1 }).toJSDate(),
    previousFrom: start.minus({ [unit + 's']: 1 }).toJSDate(),
  };
}

/** 'YYYY-MM-DD' of an instant in the report's zone, for titles and file names. */
export const localDate = (d: Date, timeZone: string) => DateTime.fromJSDate(d, { zone: timeZone }).toFormat('yyyy-MM-dd');
