import { formatDay } from '../i18n/locale-format';
import { DateTime } from 'luxon';
import { t } from '../i18n/translate';
import type { MessageKey } from '../i18n/catalogue';
import type { BreakdownRow, DurationStat, Rate, RecurringRow, Report, SlaCompliance } from './report.entity';

export type ReportFormat = 'json' | 'csv' | 'md';
type Cell = string | number | null;
/** One table of a report: its heading, its columns (message keys) and its rows. */
export interface Table {
  section: MessageKey;
  columns: MessageKey[];
  rows: Array<{ key: string; label: string; values: Cell[] }>;
}

const localTime = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm');
const m = (k: string) => `reports.metric.${k}` as MessageKey;
const stat = (s: DurationStat): Cell[] => [s.count, s.meanMinutes, s.medianMinutes];
const rateCells = (r: Rate): Cell[] => [r.met, r.total, r.percent];
const breakdown = (rows: BreakdownRow[]) => rows.map((r) => ({ key: r.key, label: r.label, values: [r.opened, r.resolved] }));

const compliance = (c: SlaCompliance): Cell[] => [c.met, c.missed, c.atRisk, c.percent];
const link = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** The report as tables, the same for CSV, Markdown and HTML, so the renderings cannot disagree. */
export function reportTables(r: Report, publicUrl = ''): Table[] {
  const l = (k: MessageKey) => t(r.locale, k);
  const v = r.volumes;
  const recurring = (rows: RecurringRow[]) => rows.map((x) => ({ key: x.key, label: x.label, values: [x.current, x.previous, l(`reports.trend.${x.trend}`)] }));
  return [
    {
      section: 'reports.section.volumes', columns: [m('count')],
      rows: (['opened', 'resolved', 'closed', 'backlog_start', 'backlog_end', 'overdue_now'] as const).map((k, i) => ({
        key: k, label: l(m(k)), values: [[v.opened, v.resolved, v.closed, v.backlogStart, v.backlogEnd, v.overdueNow][i]],
      })),
    },
    {
      section: 'reports.section.durations', columns: [m('count'), m('mean'), m('median')],
      rows: [
        { key: 'first_response', label: l(m('first_response')), values: stat(r.durations.firstResponse) },
        { key: 'resolution', label: l(m('resolution')), values: stat(r.durations.resolution) },
      ],
    },
    {
      section: 'reports.section.sla', columns: [m('met'), m('total'), m('percent')],
      rows: [
        { key: 'own', label: l(m('own')), values: rateCells(r.sla.own) },
        { key: 'resolve', label: l(m('resolve')), values: rateCells(r.sla.resolve) },
      ],
    },
    {
      section: 'reports.section.sla_compliance', columns: [m('met'), m('missed'), m('at_risk'), m('percent')],
      rows: [
        { key: 'own', label: l(m('sla_own')), values: compliance(r.slaCompliance.own) },
        { key: 'resolve', label: l(m('sla_resolve')), values: compliance(r.slaCompliance.resolve) },
      ],
    },
    {
      section: 'reports.section.previous', columns: [m('count')],
      rows: [
        { key: 'opened', label: l(m('opened')), values: [r.previous.opened] },
        { key: 'resolved', label: l(m('resolved')), values: [r.previous.resolved] },
      ],
    },
    {
      section: 'reports.section.overdue_tickets', columns: ['reports.metric.service' as MessageKey, m('due'), m('link')],
      rows: r.overdueTickets.map((o) => ({ key: String(o.id), label: `#${o.id} ${o.title}`, values: [o.service, localTime(o.dueAt, r.period.timeZone), link(publicUrl, o.path)] })),
    },
    {
      section: 'reports.section.incidents', columns: [m('reports'), m('link')],
      rows: r.incidents.map((i) => ({ key: String(i.id), label: `#${i.id} ${i.title}`, values: [i.reports, link(publicUrl, i.path)] })),
    },
    {
      section: 'reports.section.by_service', columns: [m('opened'), m('resolved'), m('mean_resolution'), m('overdue_now')],
      rows: r.byService.map((s) => ({ key: s.key, label: s.label, values: [s.opened, s.resolved, s.meanResolutionMinutes, s.overdueNow] })),
    },
    { section: 'reports.section.by_category', columns: [m('opened'), m('resolved')], rows: breakdown(r.byCategory) },
    { section: 'reports.section.by_priority', columns: [m('opened'), m('resolved')], rows: breakdown(r.byPriority) },
    { section: 'reports.section.by_channel', columns: [m('opened'), m('resolved')], rows: breakdown(r.byChannel) },
    {
      section: 'reports.section.technicians', columns: [m('handled'), m('median_resolution'), m('overdue_now')],
      rows: r.technicians.map((x) => ({ key: String(x.id), label: x.name, values: [x.handled, x.medianResolutionMinutes, x.overdueNow] })),
    },
    { section: 'reports.section.recurring_categories', columns: [m('current'), m('previous'), m('trend')], rows: recurring(r.recurring.categories) },
    { section: 'reports.section.recurring_titles', columns: [m('current'), m('previous'), m('trend')], rows: recurring(r.recurring.titles) },
  ];
}

export function reportTitle(r: Report): string {
  // Dates in the reader's words ("16 nov. 2026"), as everywhere a person reads them.
  return t(r.locale, `reports.title.${r.period.kind}`, { first: formatDay(r.locale, r.period.firstDay), last: formatDay(r.locale, r.period.lastDay) });
}

export function scopeText(r: Report): string {
  const s = r.scope;
  const what = s.kind === 'all' ? t(r.locale, 'reports.scope.all') : t(r.locale, `reports.scope.${s.kind}`, { name: s.name });
  return t(r.locale, 'reports.scope', { scope: what });
}

/**
 * The one CSV cell writer of reports. Text a spreadsheet would run as a formula (a title such as
 * `=HYPERLINK(...)`) gets a leading apostrophe, as OWASP advises for CSV injection; figures are
 * written as they are.
 */
export const csvCell = (c: Cell) => {
  const s = c === null ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Long CSV, one figure a line (section, key, item, metric, value): easy to pivot in a spreadsheet. */
export function reportCsv(r: Report, publicUrl = ''): string {
  const l = (k: MessageKey) => t(r.locale, k);
  const lines: Cell[][] = [[l('reports.col.section'), l('reports.col.key'), l('reports.col.item'), l('reports.col.metric'), l('reports.col.value')]];
  for (const tb of reportTables(r, publicUrl)) {
    for (const row of tb.rows) tb.columns.forEach((c, i) => lines.push([l(tb.section), row.key, row.label, l(c), row.values[i]]));
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}


const mdCell = (c: Cell) => (c === null ? '–' : /^https?:\/\/\S+$/.test(String(c)) ? `<${c}>` : String(c).replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));

export function reportMarkdown(r: Report, publicUrl = ''): string {
  const l = (k: MessageKey) => t(r.locale, k);
  const out = [`# ${reportTitle(r)}`, '', scopeText(r), t(r.locale, 'reports.generated', { at: localTime(r.generatedAt, r.period.timeZone), zone: r.period.timeZone })];
  if (r.truncated) out.push('', `> ${l('reports.truncated')}`);
  for (const tb of reportTables(r, publicUrl)) {
    out.push('', `## ${l(tb.section)}`, '');
    if (!tb.rows.length) {
      out.push(`_${l('reports.none')}_`);
      continue;
    }
    out.push(`| | ${tb.columns.map((c) => l(c)).join(' | ')} |`, `|---|${tb.columns.map(() => '---:').join('|')}|`);
    for (const row of tb.rows) out.push(`| ${mdCell(row.label)} | ${row.values.map(mdCell).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}

export function renderReport(r: Report, format: ReportFormat): { contentType: string; body: string } {
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: reportCsv(r) };
  if (format === 'md') return { contentType: 'text/markdown; charset=utf-8', body: reportMarkdown(r) };
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(r, null, 2) + '\n' };
}
