import type { StoredReport } from '../../core/reports/stored-report.port';
import { reportLinks } from '../../core/reports/report-poster.port';
import { reportChartSpec, type ChartTheme } from '../../cards/report-chart';
import { reportDocumentHtml } from '../../cards/report-document.html';
import { chartPng, chartSvg } from './chart-render';
import { htmlToPdf } from './report-pdf';

/** Every file of a stored report from one chart description and one HTML page. */
export const storedChartSvg = (s: StoredReport, theme: ChartTheme = 'light') => chartSvg(reportChartSpec(s.report, s.chart, theme));
export const storedChartPng = (s: StoredReport, theme: ChartTheme = 'light') => chartPng(reportChartSpec(s.report, s.chart, theme));

export function storedReportHtml(s: StoredReport, publicUrl: string, chartSrc: string): string {
  const links = reportLinks(publicUrl, s);
  return reportDocumentHtml(s.report, { publicUrl, chartSrc, links: { csv: links.csv, pdf: links.pdf } });
}

export function storedReportPdf(s: StoredReport, publicUrl: string, chromiumPath?: string): Promise<Buffer> {
  const png = storedChartPng(s).toString('base64');
  return htmlToPdf(storedReportHtml(s, publicUrl, `data:image/png;base64,${png}`), chromiumPath);
}
