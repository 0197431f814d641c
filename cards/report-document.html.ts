import { t } from '../core/i18n/translate';
import type { Report } from '../core/reports/report.entity';
import { reportTables, reportTitle, scopeText } from '../core/reports/report.render';
import { reportSummary } from '../core/reports/report-summary';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const cell = (c: string | number | null) => (c === null ? '–' : /^https?:\/\//.test(String(c)) ? `<a href="${esc(c)}">${esc(c)}</a>` : esc(c));

export interface ReportDocumentOptions {
  publicUrl: string;
  /** The chart's `src`: `cid:chart` in a mail, a data URI in the PDF, a URL on the web. */
  chartSrc: string;
  links?: { csv?: string; pdf?: string };
}

/**
 * The whole report as one HTML page: the mail's body, the PDF (printed from it by Chromium) and the
 * download. Same tables as CSV and Markdown; styles inline-friendly for mail clients, light and dark.
 */
export function reportDocumentHtml(r: Report, o: ReportDocumentOptions): string {
  const s = reportSummary(r);
  const l = r.locale;
  const tables = reportTables(r, o.publicUrl)
    .map((tb) => `<h2>${esc(t(l, tb.section))}</h2>` + (tb.rows.length
      ? `<table><thead><tr><th></th>${tb.columns.map((c) => `<th>${esc(t(l, c))}</th>`).join('')}</tr></thead><tbody>${tb.rows
        .map((row) => `<tr><th scope="row">${esc(row.label)}</th>${row.values.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      : `<p class="none">${esc(t(l, 'reports.none'))}</p>`))
    .join('\n');
  const links = [o.links?.csv ? `<a href="${esc(o.links.csv)}">${esc(s.csvLabel)}</a>` : '', o.links?.pdf ? `<a href="${esc(o.links.pdf)}">${esc(t(l, 'reports.card.pdf'))}</a>` : '']
    .filter(Boolean).join(' · ');
  return `<!doctype html>
<html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${esc(reportTitle(r))}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#0f172a;background:#fff;margin:0 auto;max-width:760px;padding:16px;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #cbd5e1}
table{border-collapse:collapse;width:100%}th,td{padding:4px 6px;border-bottom:1px solid #e2e8f0;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left}.facts td{text-align:left}.muted,.none{color:#475569}
img.chart{width:100%;height:auto;border-radius:6px}a{color:#1d4ed8}
@media (prefers-color-scheme: dark){body{background:#111827;color:#f8fafc}th,td{border-color:#374151}.muted,.none{color:#cbd5e1}a{color:#93c5fd}}
@media print{body{max-width:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
</style></head><body>
<h1>${esc(s.title)}</h1>
<p class="muted">${esc(scopeText(r))}</p>
<table class="facts"><tbody>${s.facts.map((f) => `<tr><th scope="row">${esc(f.label)}</th><td>${esc(f.value)}</td></tr>`).join('')}</tbody></table>
<p><img class="chart" src="${esc(o.chartSrc)}" alt="${esc(s.chartAlt)}"></p>
${links ? `<p>${links}</p>` : ''}
${s.truncated ? `<p class="muted">${esc(s.truncated)}</p>` : ''}
${tables}
</body></html>
`;
}
