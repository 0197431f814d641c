import { existsSync } from 'node:fs';
import type * as Echarts from 'echarts';
import type * as ResvgJs from '@resvg/resvg-js';
import { CHART_FONT, type ChartSpec } from '../../cards/report-chart';

/**
 * ECharts renders the chart description to SVG on the server (its own SSR mode: no DOM, no canvas),
 * and resvg turns that SVG into PNG for Teams, Slack and mail, which do not show SVG. Text needs a
 * real font file: DejaVu Sans (Debian's fonts-dejavu-core) when present, else the system's fonts.
 */
// Loaded at the first chart, not at start: a server that never draws one keeps its memory.
/* eslint-disable @typescript-eslint/no-require-imports */
const echarts = () => require('echarts') as typeof Echarts;
const resvgJs = () => require('@resvg/resvg-js') as typeof ResvgJs;
/* eslint-enable @typescript-eslint/no-require-imports */

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `/usr/share/fonts/truetype/dejavu/${f}`);

export function chartSvg(spec: ChartSpec): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    // Releases ECharts' animation timer, which would keep the process alive.
    chart.dispose();
  }
}

/** From the SVG when the caller drew it already. Twice the SVG's size: sharp on phones' high-density screens, which Teams mobile scales down to. */
export function chartPng(spec: ChartSpec, scale = 2, svg = chartSvg(spec)): Buffer {
  const fonts = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new (resvgJs().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: spec.background,
    font: { fontFiles: fonts, loadSystemFonts: fonts.length === 0, defaultFontFamily: CHART_FONT },
  });
  return Buffer.from(resvg.render().asPng());
}
