import { z } from 'zod';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { parse } from '../shared/validate';
import { loadSlaContext } from '../sla/sla-context';
import type { BusinessCalendar } from '../sla/business-calendar';
import { LOCALES } from '../i18n/catalogue';
import { resolveReportScope } from './report.access';
import { localDate, PERIOD_KINDS, reportPeriod } from './report-period';
import type { DurationRow, ReportQuery, SlaFlagCounts } from './report.port';
import { t } from '../i18n/translate';
import type { Report, SlaCompliance } from './report.entity';
import { durationStat, rate } from './report-stats';
import { BusinessTimeTable } from './business-time';
import { breakdowns, recurring, technicianRows } from './report-sections';

export const reportSchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('weekly'),
  from: z.string().max(10).optional(),
  service: z.string().trim().min(1).max(64).optional(),
  technician: z.string().trim().min(1).max(254).optional(),
  lang: z.enum(LOCALES).optional(),
  format: z.enum(['json', 'csv', 'md']).optional(),
});
export type ReportInput = z.input<typeof reportSchema>;

/**
 * Per-ticket rows read for business-time durations: a month of a busy helpdesk is a few tens of
 * thousands; beyond this the figures are computed on the first rows and the report says so.
 */
export const MAX_DURATION_ROWS = 200_000;

/**
 * The manager and technician report (R8, R14): counts are SQL aggregates; only durations need the
 * two timestamps of each ticket concerned, because business minutes depend on the calendar
 * (hours, holidays), which SQL does not know. `zone` is HELPDESK_TIMEZONE where the caller knows
 * it; otherwise the business calendar's zone (Europe/Paris by default for both).
 */
export async function buildReport(deps: CoreDeps, actor: Actor, raw: ReportInput, zone?: string): Promise<Report> {
  const input = parse(reportSchema, raw);
  const store = deps.uow.read;
  const now = deps.clock.now();
  const { scope, shown } = await resolveReportScope(store, actor, input);
  const locale = input.lang ?? actor.locale;
  const sla = await loadSlaContext(store);
  const timeZone = zone ?? sla.calendar.config.timezone;
  const period = reportPeriod(input.period, now, timeZone, input.from);
  const q: ReportQuery = { scope, from: period.from, to: period.to, previousFrom: period.previousFrom, now, maxRows: MAX_DURATION_ROWS };
  const r = store.reports;
  const [counts, overdue, resolutions, firstResponses, assignees, techs, categoryTrend, titles, services, categories] = await Promise.all([
    r.periodCounts(q), r.overdueByService(scope, now), r.resolutionRows(q), r.firstResponseRows(q),
    r.resolvedAssignees(q), r.technicians(q), r.categoryTrend(q), r.titleCounts(q), store.services.list(), store.categories.list(),
  ]);
  const [previous, slaFlags, overdueList, incidents] = await Promise.all([
    r.previousCounts(q), r.slaCompliance(q), r.overdueTickets(scope, now, OVERDUE_LIST_MAX), r.incidents(q, INCIDENTS_MAX),
  ]);
  const truncated = titles.truncated || [resolutions, firstResponses, assignees].some((rows) => rows.length > q.maxRows);
  const minutes = businessMinutes(sla.calendar, resolutions.slice(0, q.maxRows));
  const firstMinutes = [...businessMinutes(sla.calendar, firstResponses.slice(0, q.maxRows)).values()].map((m) => m.minutes);
  const sum = (xs: Array<{ count: number }>) => xs.reduce((a, x) => a + x.count, 0);
  const resolvedMet = counts.resolved.reduce((a, x) => a + x.met, 0);
  const sections = breakdowns(locale, counts, overdue, minutes, services, categories);
  return {
    locale,
    period: {
      kind: period.kind, from: period.from.toISOString(), to: period.to.toISOString(), previousFrom: period.previousFrom.toISOString(), timeZone,
      firstDay: localDate(period.from, timeZone), lastDay: localDate(new Date(period.to.getTime() - 1), timeZone),
    },
    scope: shown,
    generatedAt: now.toISOString(),
    volumes: {
      opened: sum(counts.opened), resolved: sum(counts.resolved), closed: counts.closed,
      backlogStart: counts.backlogStart, backlogEnd: counts.backlogEnd, overdueNow: sum(overdue),
    },
    durations: { firstResponse: durationStat(firstMinutes), resolution: durationStat([...minutes.values()].map((m) => m.minutes)) },
    sla: { own: rate(counts.owned.met, counts.owned.total), resolve: rate(resolvedMet, sum(counts.resolved)) },
    ...sections,
    technicians: technicianRows(techs, assignees.slice(0, q.maxRows), minutes),
    recurring: recurring(locale, categoryTrend, titles.titles, categories),
    previous,
    slaCompliance: { own: compliance(slaFlags.own), resolve: compliance(slaFlags.resolve) },
    overdueTickets: overdueList.map((o) => ({
      id: o.id, title: o.title, status: o.status, dueAt: o.dueAt.toISOString(), path: `/tickets/${o.id}`,
      service: services.find((x) => x.id === o.serviceId)?.name ?? t(locale, 'reports.none'),
    })),
    incidents: incidents.map((i) => ({ ...i, path: `/tickets/${i.id}` })),
    truncated,
  };
}

/** The overdue tickets a report lists by name (the count covers them all); the incidents it names. */
export const OVERDUE_LIST_MAX = 20;
export const INCIDENTS_MAX = 10;

function compliance(c: SlaFlagCounts): SlaCompliance {
  return { met: c.met, missed: c.missed, atRisk: c.atRisk, percent: rate(c.met, c.met + c.missed).percent };
}

export type TicketMinutes = Map<number, { serviceId: number | null; minutes: number }>;

function businessMinutes(calendar: BusinessCalendar, rows: DurationRow[]): TicketMinutes {
  const out: TicketMinutes = new Map();
  if (!rows.length) return out;
  let first = rows[0].start.getTime();
  let last = rows[0].end.getTime();
  for (const r of rows) {
    first = Math.min(first, r.start.getTime());
    last = Math.max(last, r.end.getTime());
  }
  const table = new BusinessTimeTable(calendar, new Date(first), new Date(last));
  for (const row of rows) out.set(row.ticketId, { serviceId: row.serviceId, minutes: table.minutesBetween(row.start, row.end) });
  return out;
}
