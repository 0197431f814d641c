import { DateTime } from 'luxon';
import { t } from '../i18n/translate';
import type { Report } from './report.entity';
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
  pdfLabel: string;
  chartAlt: string;
  services: string[];
  recurring: string[];
  technicians: string[];
  overdue: Array<{ text: string; path: string }>;
  truncated: string | null;
  csvLabel: string;
  fullLabel: string;
}

export const SUMMARY_LIST_MAX = 8;

/** 66,7 % in French, 66.7% in English. */
export const formatPercent = (p: number, l: 'fr' | 'en') => (l === 'fr' ? `${String(p).replace('.', ',')}\u00a0%` : `${p}%`);

const localDay = (iso: string, r: Report) =>
  DateTime.fromISO(iso, { zone: r.period.timeZone }).setLocale(r.locale === 'fr' ? 'fr-FR' : 'en-GB').toLocaleString(DateTime.DATETIME_SHORT);

export function reportSummary(r: Report): ReportSummary {
  const l = r.locale;
  const m = (k: string) => t(l, `reports.metric.${k}` as never);
  const hours = (min: number | null) => (min === null ? t(l, 'reports.none') : t(l, 'reports.card.hours', { hours: (min / 60).toFixed(1) }));
  const compliance = (c: Report['slaCompliance']['own']) =>
    `${c.met} / ${c.missed} / ${c.atRisk}${c.percent === null ? '' : ` (${formatPercent(c.percent, l)})`}`;
  const v = r.volumes;
  return {
    title: reportTitle(r),
    scope: scopeText(r),
    facts: [
      { label: m('opened'), value: String(v.opened) },
      { label: m('resolved'), value: String(v.resolved) },
      { label: t(l, 'reports.fact.previous'), value: `${r.previous.opened} / ${r.previous.resolved}` },
      { label: `${m('backlog_start')} → ${m('backlog_end')}`, value: `${v.backlogStart} → ${v.backlogEnd}` },
      { label: m('overdue_now'), value: String(v.overdueNow) },
      { label: `${m('first_response')} (${m('mean')} / ${m('median')})`, value: `${hours(r.durations.firstResponse.meanMinutes)} / ${hours(r.durations.firstResponse.medianMinutes)}` },
      { label: `${m('resolution')} (${m('mean')} / ${m('median')})`, value: `${hours(r.durations.resolution.meanMinutes)} / ${hours(r.durations.resolution.medianMinutes)}` },
      { label: t(l, 'reports.fact.sla_own'), value: compliance(r.slaCompliance.own) },
      { label: t(l, 'reports.fact.sla_compliance'), value: compliance(r.slaCompliance.resolve) },
      { label: m('closed'), value: String(v.closed) },
    ],
    legend: t(l, 'reports.card.legend_chart'),
    pdfLabel: t(l, 'reports.card.pdf'),
    chartAlt: t(l, 'reports.card.chart_alt'),
    services: r.byService.slice(0, SUMMARY_LIST_MAX).map((s, i) =>
      t(l, 'reports.card.service_line', { index: i + 1, name: s.label, opened: s.opened, resolved: s.resolved, mean: hours(s.meanResolutionMinutes), overdue: s.overdueNow })),
    recurring: [...r.recurring.titles, ...r.recurring.categories].slice(0, 5).map((x) =>
      t(l, 'reports.card.recurring_line', { label: x.label, current: x.current, previous: x.previous, trend: t(l, `reports.trend.${x.trend}`) })),
    technicians: r.technicians.slice(0, SUMMARY_LIST_MAX).map((x) =>
      t(l, 'reports.card.technician_line', { name: x.name, handled: x.handled, median: hours(x.medianResolutionMinutes), overdue: x.overdueNow })),
    overdue: r.overdueTickets.slice(0, SUMMARY_LIST_MAX).map((o) => ({
      text: t(l, 'reports.card.overdue_line', { id: o.id, title: o.title, service: o.service, due: localDay(o.dueAt, r) }), path: o.path,
    })),
    truncated: r.truncated ? t(l, 'reports.truncated') : null,
    csvLabel: t(l, 'reports.card.csv'),
    fullLabel: t(l, 'reports.card.full'),
  };
}
