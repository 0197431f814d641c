import { t } from '../core/i18n/translate';
import type { ReportChartData } from '../core/reports/report-chart-data';
import type { Report } from '../core/reports/report.entity';
import { reportTitle, scopeText } from '../core/reports/report.render';

export type ChartTheme = 'light' | 'dark';

/** One chart description (an ECharts option) that the web draws as SVG and the cards and mail as PNG. */
export interface ChartSpec {
  width: number;
  height: number;
  background: string;
  option: Record<string, unknown>;
}

/** Colours that keep their contrast on white and on Teams' and Slack's dark backgrounds. */
const PALETTE = { opened: '#2563eb', resolved: '#16a34a', mean: '#7c3aed', handled: '#0891b2', overdue: '#ea580c' };
const THEMES = {
  light: { background: '#ffffff', ink: '#0f172a', muted: '#475569', grid: '#e2e8f0' },
  dark: { background: '#1f2937', ink: '#f8fafc', muted: '#cbd5e1', grid: '#374151' },
};
export const CHART_FONT = 'DejaVu Sans';
export const CHART_WIDTH = 720;
const ROW = 34;
const MAX_ROWS = 8;

/** A number in the reader's format: 1 234,5 in French, 1,234.5 in English. */
export function formatNumber(x: number, locale: 'fr' | 'en', digits = 0): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(x);
}

/**
 * The report's picture: tickets opened and resolved per day, mean resolution per service (business
 * hours) and tickets handled per technician, stacked so it stays legible at a phone's width. Every
 * panel has its title, axis names with units and a legend, in the report's language.
 */
export function reportChartSpec(r: Report, d: ReportChartData, theme: ChartTheme = 'light'): ChartSpec {
  const l = r.locale;
  const c = THEMES[theme];
  const w = (k: string) => t(l, `reports.chart.${k}` as never);
  const services = d.services.slice(0, MAX_ROWS);
  const techs = r.technicians.slice(0, MAX_ROWS);
  const intl = l === 'fr' ? 'fr-FR' : 'en-GB';
  const utc = (day: string) => new Date(`${day}T12:00:00Z`);
  const dayLabels = d.days.map((day) =>
    new Intl.DateTimeFormat(intl, r.period.kind === 'weekly' ? { weekday: 'short', day: 'numeric', timeZone: 'UTC' } : { day: 'numeric', timeZone: 'UTC' }).format(utc(day)));
  const monthName = new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(r.period.firstDay));
  // Below the title and a legend that may wrap on two lines.
  const top1 = 170;
  const h1 = 220;
  const top2 = top1 + h1 + 90;
  const h2 = Math.max(1, services.length) * ROW;
  const top3 = top2 + h2 + 90;
  const h3 = Math.max(1, techs.length) * ROW;
  const height = top3 + h3 + 50;
  const text = { color: c.ink, fontFamily: CHART_FONT, fontSize: 14 };
  const axisName = { color: c.muted, fontFamily: CHART_FONT, fontSize: 13 };
  const valueAxis = (grid: number, name: string, fmt: (v: number) => string) => ({
    type: 'value', gridIndex: grid, name, nameLocation: 'middle', nameGap: 28, nameTextStyle: axisName, minInterval: grid === 1 ? 0 : 1,
    axisLabel: { color: c.muted, fontFamily: CHART_FONT, formatter: fmt }, splitLine: { lineStyle: { color: c.grid } },
  });
  const categoryAxis = (grid: number, data: string[], name?: string) => ({
    type: 'category', gridIndex: grid, data, name, nameLocation: 'middle', nameGap: 30, nameTextStyle: axisName,
    axisLabel: { color: c.ink, fontFamily: CHART_FONT, fontSize: 12, interval: 0, ...(grid === 0 ? {} : { width: 190, overflow: 'truncate' }) },
    axisLine: { lineStyle: { color: c.muted } }, inverse: grid !== 0,
  });
  const hours = services.map((s) => (s.meanResolutionMinutes === null ? 0 : Math.round(s.meanResolutionMinutes / 6) / 10));
  const panelTitle = (txt: string, y: number) => ({ text: txt, left: 16, top: y - 44, textStyle: { ...text, fontSize: 15, fontWeight: 'bold' } });
  const barLabel = (fmt: (v: number) => string) => ({ show: true, position: 'right', color: c.ink, fontFamily: CHART_FONT, fontSize: 12, formatter: (p: { value: number }) => fmt(p.value) });
  const option = {
    animation: false,
    backgroundColor: c.background,
    textStyle: { fontFamily: CHART_FONT, color: c.ink },
    color: [PALETTE.opened, PALETTE.resolved, PALETTE.mean, PALETTE.handled, PALETTE.overdue],
    title: [
      { text: reportTitle(r), subtext: `${scopeText(r)} · ${t(l, 'reports.chart.previous', { opened: r.previous.opened, resolved: r.previous.resolved })}`,
        left: 16, top: 10, textStyle: { ...text, fontSize: 18, fontWeight: 'bold' }, subtextStyle: { color: c.muted, fontFamily: CHART_FONT, fontSize: 13 } },
      panelTitle(w('daily'), top1),
      panelTitle(w('services'), top2),
      panelTitle(w('technicians'), top3),
    ],
    legend: {
      top: 66, left: 16, width: 560, itemGap: 28, textStyle: { color: c.ink, fontFamily: CHART_FONT, fontSize: 13 },
      data: [w('series_opened'), w('series_resolved'), w('series_mean'), w('series_handled'), w('series_overdue')],
    },
    grid: [
      { left: 60, right: 24, top: top1, height: h1 },
      { left: 210, right: 70, top: top2, height: h2 },
      { left: 210, right: 70, top: top3, height: h3 },
    ],
    xAxis: [
      categoryAxis(0, dayLabels, r.period.kind === 'weekly' ? w('axis_day') : `${w('axis_day')} (${monthName})`),
      valueAxis(1, w('axis_hours'), (v) => formatNumber(v, l, 1)),
      valueAxis(2, w('axis_tickets'), (v) => formatNumber(v, l)),
    ],
    yAxis: [
      { ...valueAxis(0, w('axis_tickets'), (v) => formatNumber(v, l)), nameLocation: 'middle', nameGap: 40, nameRotate: 90 },
      categoryAxis(1, services.map((s) => s.label)),
      categoryAxis(2, techs.map((x) => x.name)),
    ],
    series: [
      { name: w('series_opened'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: d.opened, barMaxWidth: 22, label: { ...barLabel((v) => (v ? formatNumber(v, l) : '')), position: 'top' } },
      { name: w('series_resolved'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: d.resolved, barMaxWidth: 22, label: { ...barLabel((v) => (v ? formatNumber(v, l) : '')), position: 'top' } },
      { name: w('series_mean'), type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: hours, barMaxWidth: 20, label: barLabel((v) => `${formatNumber(v, l, 1)} h`) },
      { name: w('series_handled'), type: 'bar', xAxisIndex: 2, yAxisIndex: 2, data: techs.map((x) => x.handled), barMaxWidth: 14, label: barLabel((v) => formatNumber(v, l)) },
      { name: w('series_overdue'), type: 'bar', xAxisIndex: 2, yAxisIndex: 2, data: techs.map((x) => x.overdueNow), barMaxWidth: 14, label: barLabel((v) => formatNumber(v, l)) },
    ],
  };
  return { width: CHART_WIDTH, height, background: c.background, option };
}
