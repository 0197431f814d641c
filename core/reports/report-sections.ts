import { t } from '../i18n/translate';
import type { Locale, MessageKey } from '../i18n/catalogue';
import type { Category, Service } from '../people/person.entity';
import { CHANNELS, type Channel } from '../shared/actor';
import { PRIORITIES } from '../tickets/ticket.entity';
import type { DimensionCount, PeriodCounts, ReportRepository } from './report.port';
import type { BreakdownRow, RecurringRow, Report, ServiceRow, TechnicianRow } from './report.entity';
import { mean, median, RECURRING_MIN, RECURRING_TOP, trend } from './report-stats';
import { clusterTitles } from './title-clusters';
import type { TicketMinutes } from './build-report.service';

type Rows<K extends keyof ReportRepository> = Awaited<ReturnType<ReportRepository[K]>>;
const NONE = 'none';
const keyOf = (id: number | null) => (id === null ? NONE : String(id));

/** Rolls the (service, category, priority, channel) counts up to one dimension. */
function rollUp(counts: PeriodCounts, pick: (d: DimensionCount) => string): Map<string, { opened: number; resolved: number }> {
  const out = new Map<string, { opened: number; resolved: number }>();
  const add = (rows: DimensionCount[], field: 'opened' | 'resolved') => {
    for (const d of rows) {
      const k = pick(d);
      const e = out.get(k) ?? { opened: 0, resolved: 0 };
      e[field] += d.count;
      out.set(k, e);
    }
  };
  add(counts.opened, 'opened');
  add(counts.resolved, 'resolved');
  return out;
}

const byVolume = <R extends { opened: number; resolved: number; label: string }>(a: R, b: R) =>
  b.opened - a.opened || b.resolved - a.resolved || a.label.localeCompare(b.label);

export function breakdowns(
  locale: Locale,
  counts: PeriodCounts,
  overdue: Rows<'overdueByService'>,
  minutes: TicketMinutes,
  services: Service[],
  categories: Category[],
): Pick<Report, 'byService' | 'byCategory' | 'byPriority' | 'byChannel'> {
  const none = t(locale, 'reports.none');
  const serviceName = new Map(services.map((s) => [String(s.id), s.name]));
  const categoryName = new Map(categories.map((c) => [String(c.id), locale === 'fr' ? c.nameFr : c.nameEn]));
  const perService = rollUp(counts, (d) => keyOf(d.serviceId));
  for (const o of overdue) if (!perService.has(keyOf(o.serviceId))) perService.set(keyOf(o.serviceId), { opened: 0, resolved: 0 });
  const byService: ServiceRow[] = [...perService].map(([key, c]) => {
    const mins = [...minutes.values()].filter((m) => keyOf(m.serviceId) === key).map((m) => m.minutes);
    return {
      key, label: serviceName.get(key) ?? none, ...c, meanResolutionMinutes: mean(mins),
      overdueNow: overdue.find((o) => keyOf(o.serviceId) === key)?.count ?? 0,
    };
  });
  const labelled = (m: Map<string, { opened: number; resolved: number }>, label: (k: string) => string): BreakdownRow[] =>
    [...m].map(([key, c]) => ({ key, label: label(key), ...c })).sort(byVolume);
  const perPriority = rollUp(counts, (d) => String(d.priority));
  const perChannel = rollUp(counts, (d) => d.channel);
  return {
    byService: byService.sort(byVolume),
    byCategory: labelled(rollUp(counts, (d) => keyOf(d.categoryId)), (k) => categoryName.get(k) ?? none),
    // Priorities and channels in their fixed order, so two reports read side by side line up.
    byPriority: PRIORITIES.map(String).filter((k) => perPriority.has(k)).map((key) => ({ key, label: t(locale, `priority.${key}` as MessageKey), ...perPriority.get(key)! })),
    byChannel: CHANNELS.filter((k) => perChannel.has(k)).map((key: Channel) => ({ key, label: t(locale, `reports.channel.${key}`), ...perChannel.get(key)! })),
  };
}

/** R14: volume handled (resolved in the period while assigned), median resolution time, overdue now. */
export function technicianRows(techs: Rows<'technicians'>, assignees: Rows<'resolvedAssignees'>, minutes: TicketMinutes): TechnicianRow[] {
  return techs
    .map((p) => {
      const mins = assignees.filter((a) => a.personId === p.personId && minutes.has(a.ticketId)).map((a) => minutes.get(a.ticketId)!.minutes);
      return { id: p.personId, name: p.name, handled: p.handled, medianResolutionMinutes: median(mins), overdueNow: p.overdue };
    })
    .sort((a, b) => b.handled - a.handled || b.overdueNow - a.overdueNow || a.name.localeCompare(b.name));
}

const recurringOrder = (a: RecurringRow, b: RecurringRow) => b.current - a.current || b.previous - a.previous || a.label.localeCompare(b.label);

export function recurring(locale: Locale, cats: Rows<'categoryTrend'>, titles: Rows<'titleCounts'>['titles'], categories: Category[]): Report['recurring'] {
  const name = new Map(categories.map((c) => [c.id, locale === 'fr' ? c.nameFr : c.nameEn]));
  const row = (key: string, label: string, current: number, previous: number): RecurringRow => ({ key, label, current, previous, trend: trend(current, previous) });
  return {
    categories: cats
      .filter((c) => c.current >= RECURRING_MIN)
      .map((c) => row(keyOf(c.categoryId), (c.categoryId !== null && name.get(c.categoryId)) || t(locale, 'reports.none'), c.current, c.previous))
      .sort(recurringOrder)
      .slice(0, RECURRING_TOP),
    titles: clusterTitles(titles)
      .filter((c) => c.current >= RECURRING_MIN)
      .map((c) => row(c.key, c.example, c.current, c.previous))
      .sort(recurringOrder)
      .slice(0, RECURRING_TOP),
  };
}
