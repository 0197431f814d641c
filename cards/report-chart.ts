import type { ReportChartData } from '../core/reports/report-chart-data';
import { Canvas, type Rgb } from './png';

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 360;

/** Colours shared with the card's legend (report.blocks.ts / report.adaptive.ts name them). */
export const CHART_COLORS = {
  opened: [37, 99, 235] as Rgb,
  resolved: [22, 163, 74] as Rgb,
  backlogStart: [148, 163, 184] as Rgb,
  backlogEnd: [234, 88, 12] as Rgb,
  service: [124, 58, 237] as Rgb,
};
const AXIS: Rgb = [71, 85, 105];
const INK: Rgb = [15, 23, 42];

interface Panel {
  x: number;
  width: number;
}
const TOP = 24;
const BASE = CHART_HEIGHT - 40;

/** Vertical bars of one group per slot; the value above each bar, the slot's label under it. */
function bars(c: Canvas, p: Panel, groups: Array<{ label: string; values: Array<{ v: number; color: Rgb; text: string }> }>, max: number): void {
  c.rect(p.x, BASE, p.width, 2, AXIS);
  if (!groups.length) return;
  const slot = p.width / groups.length;
  const per = groups[0].values.length;
  const barW = Math.max(2, Math.floor((slot * 0.8) / per));
  groups.forEach((g, i) => {
    const x0 = p.x + i * slot + (slot - barW * per) / 2;
    g.values.forEach((b, j) => {
      const h = max > 0 ? Math.round(((BASE - TOP - 16) * b.v) / max) : 0;
      c.rect(x0 + j * barW, BASE - h, barW - 1, h, b.color);
      const scale = barW >= 10 ? 2 : 1;
      if (Canvas.textWidth(b.text, scale) <= barW + 4) c.text(x0 + j * barW, BASE - h - 6 * scale - 2, b.text, INK, scale);
    });
    const scale = slot >= 24 ? 2 : 1;
    c.text(p.x + i * slot + (slot - Canvas.textWidth(g.label, scale)) / 2, BASE + 8, g.label, AXIS, scale);
  });
}

/**
 * The report's picture (issue 7): tickets opened and resolved per day, the backlog at the start and
 * the end, and mean resolution time per service (hours, services numbered as in the card's list).
 * Words stay in the card, in the reader's language; the image carries shapes and numbers only.
 */
export function reportChartPng(d: ReportChartData): Buffer {
  const c = new Canvas(CHART_WIDTH, CHART_HEIGHT);
  const dayMax = Math.max(0, ...d.opened, ...d.resolved);
  bars(c, { x: 16, width: 560 }, d.days.map((day, i) => ({
    label: day.slice(8),
    values: [
      { v: d.opened[i] ?? 0, color: CHART_COLORS.opened, text: String(d.opened[i] ?? 0) },
      { v: d.resolved[i] ?? 0, color: CHART_COLORS.resolved, text: String(d.resolved[i] ?? 0) },
    ],
  })), dayMax);
  bars(c, { x: 600, width: 110 }, [{
    label: '',
    values: [
      { v: d.backlog.start, color: CHART_COLORS.backlogStart, text: String(d.backlog.start) },
      { v: d.backlog.end, color: CHART_COLORS.backlogEnd, text: String(d.backlog.end) },
    ],
  }], Math.max(d.backlog.start, d.backlog.end));
  const services = d.services.slice(0, 8);
  const hours = services.map((s) => (s.meanResolutionMinutes === null ? 0 : s.meanResolutionMinutes / 60));
  bars(c, { x: 730, width: 214 }, services.map((s, i) => ({
    label: String(i + 1),
    values: [{ v: hours[i], color: CHART_COLORS.service, text: s.meanResolutionMinutes === null ? '-' : `${hours[i] < 10 ? hours[i].toFixed(1) : Math.round(hours[i])}h` }],
  })), Math.max(0, ...hours));
  return c.png();
}
