import { t } from '../i18n/translate';
import type { Rate, Report } from './report.entity';
import { reportTitle, scopeText } from './report.render';

/**
 * What a report card or mail says, computed once for Block Kit, Adaptive Cards and e-mail, so the
 * renderings cannot disagree. Numbers only from the stored report; words in its language.
 */
export interface ReportSummary {
  title: string;
  scope: string;
  facts: Array<{ label: string; value: string }>;
  legend: string;
  chartAlt: string;
  services: string[];
  recurring: string[];
  technicians: string[];
  truncated: string | null;
  csvLabel: string;
  fullLabel: string;
}

export const SUMMARY_LIST_MAX = 8;

export function reportSummary(r: Report): ReportSummary {
  const l = r.locale;
  const m = (k: string) => t(l, `reports.metric.${k}` as never);
  const hours = (min: number | null) => (min === null ? t(l, 'reports.none') : t(l, 'reports.card.hours', { hours: (min / 60).toFixed(1) }));
  const sla = (x: Rate) => (x.percent === null ? t(l, 'reports.none') : t(l, 'reports.card.sla_value', { percent: x.percent, met: x.met, total: x.total }));
  const v = r.volumes;
  return {
    title: reportTitle(r),
    scope: scopeText(r),
    facts: [
      { label: m('opened'), value: String(v.opened) },
      { label: m('resolved'), value: String(v.resolved) },
      { label: m('closed'), value: String(v.closed) },
      { label: `${m('backlog_start')} → ${m('backlog_end')}`, value: `${v.backlogStart} → ${v.backlogEnd}` },
      { label: m('overdue_now'), value: String(v.overdueNow) },
      { label: `${m('first_response')} (${m('mean')})`, value: hours(r.durations.firstResponse.meanMinutes) },
      { label: `${m('resolution')} (${m('mean')} / ${m('median')})`, value: `${hours(r.durations.resolution.meanMinutes)} / ${hours(r.durations.resolution.medianMinutes)}` },
      { label: m('own'), value: sla(r.sla.own) },
      { label: m('resolve'), value: sla(r.sla.resolve) },
    ],
    legend: t(l, 'reports.card.legend'),
    chartAlt: t(l, 'reports.card.chart_alt'),
    services: r.byService.slice(0, SUMMARY_LIST_MAX).map((s, i) =>
      t(l, 'reports.card.service_line', { index: i + 1, name: s.label, opened: s.opened, resolved: s.resolved, mean: hours(s.meanResolutionMinutes), overdue: s.overdueNow })),
    recurring: [...r.recurring.titles, ...r.recurring.categories].slice(0, 5).map((x) =>
      t(l, 'reports.card.recurring_line', { label: x.label, current: x.current, previous: x.previous, trend: t(l, `reports.trend.${x.trend}`) })),
    technicians: r.technicians.slice(0, SUMMARY_LIST_MAX).map((x) =>
      t(l, 'reports.card.technician_line', { name: x.name, handled: x.handled, median: hours(x.medianResolutionMinutes), overdue: x.overdueNow })),
    truncated: r.truncated ? t(l, 'reports.truncated') : null,
    csvLabel: t(l, 'reports.card.csv'),
    fullLabel: t(l, 'reports.card.full'),
  };
}
