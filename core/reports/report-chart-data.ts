import { DateTime } from 'luxon';
import type { Store } from '../shared/store.port';
import type { ReportScope } from './report.port';
import type { Report } from './report.entity';

/** What the report's chart draws; kept with the stored report so the image never changes afterwards. */
export interface ReportChartData {
  /** Local days of the period, 'YYYY-MM-DD'. */
  days: string[];
  opened: number[];
  resolved: number[];
  backlog: { start: number; end: number };
  /** Mean resolution time per service, business minutes (null: nothing resolved). */
  services: Array<{ label: string; meanResolutionMinutes: number | null }>;
}

export function scopeOf(report: Report): ReportScope {
  const s = report.scope;
  if (s.kind === 'service') return { kind: 'service', serviceId: s.id };
  if (s.kind === 'technician') return { kind: 'technician', personId: s.id };
  return { kind: 'all' };
}

/** Local calendar days of [from, to) in the report's zone (23 or 25 hours across DST, like the period). */
export function periodDays(report: Report): Array<{ day: string; from: Date; to: Date }> {
  const zone = report.period.timeZone;
  const end = DateTime.fromISO(report.period.to, { zone });
  const out: Array<{ day: string; from: Date; to: Date }> = [];
  for (let d = DateTime.fromISO(report.period.from, { zone }).startOf('day'); d < end; d = d.plus({ days: 1 })) {
    out.push({ day: d.toFormat('yyyy-MM-dd'), from: d.toJSDate(), to: d.plus({ days: 1 }).toJSDate() });
  }
  return out;
}

export async function loadChartData(store: Store, report: Report): Promise<ReportChartData> {
  const days = periodDays(report);
  const daily = await store.reports.dailyCounts(scopeOf(report), days);
  return {
    days: days.map((d) => d.day),
    opened: daily.opened,
    resolved: daily.resolved,
    backlog: { start: report.volumes.backlogStart, end: report.volumes.backlogEnd },
    services: report.byService.map((s) => ({ label: s.label, meanResolutionMinutes: s.meanResolutionMinutes })),
  };
}
