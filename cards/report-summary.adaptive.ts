import type { Report } from '../core/reports/report.entity';
import type { ReportLinks } from '../core/reports/report-poster.port';
import { Json, adaptiveCard, heading, textBlock } from './adaptive';
import { reportSummary } from '../core/reports/report-summary';

/** The same report card for a Teams managers' channel (and the web): figures, chart, lists, files. */
export function reportSummaryAdaptive(r: Report, links: ReportLinks): Json {
  const s = reportSummary(r);
  const body: Json[] = [
    heading(s.title),
    textBlock(s.scope, { isSubtle: true, spacing: 'None' }),
    { type: 'FactSet', facts: s.facts.map((f) => ({ title: f.label, value: f.value })) },
    { type: 'Image', url: links.chartPng, altText: s.chartAlt, size: 'Stretch' },
    textBlock(s.legend, { isSubtle: true, size: 'Small' }),
  ];
  if (s.overdue.length) body.push(textBlock(s.overdue.map((o) => `- [${o.text.replace(/[[\]]/g, '')}](${links.tickets}${o.path.split('/').pop()})`).join('\r'), { separator: true }));
  for (const list of [s.services, s.technicians, s.recurring]) if (list.length) body.push(textBlock(list.map((x) => `- ${x}`).join('\r'), { separator: true }));
  if (s.truncated) body.push(textBlock(s.truncated, { color: 'Attention' }));
  return adaptiveCard(body, {
    actions: [
      { type: 'Action.OpenUrl', title: s.csvLabel, url: links.csv },
      { type: 'Action.OpenUrl', title: s.fullLabel, url: links.html },
      { type: 'Action.OpenUrl', title: s.pdfLabel, url: links.pdf },
    ],
  });
}
