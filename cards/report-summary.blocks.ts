import type { Report } from '../core/reports/report.entity';
import type { ReportLinks } from '../core/reports/report-poster.port';
import type { KnownBlock } from './block-kit';
import { escapeMrkdwn, mrkdwnSafe, slackLink, truncate } from './format';
import { reportSummary } from '../core/reports/report-summary';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwnSafe(text, 3000) } });

/** The Monday report in a Slack managers' channel: key figures, the chart, the lists and the files. */
export function reportSummaryBlocks(r: Report, links: ReportLinks): { text: string; blocks: KnownBlock[] } {
  const s = reportSummary(r);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(s.title, 150), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwnSafe(s.scope, 3000) }] },
    // Slack shows at most 10 fields of 2,000 characters each.
    { type: 'section', fields: s.facts.slice(0, 10).map((f) => ({ type: 'mrkdwn' as const, text: mrkdwnSafe(`*${escapeMrkdwn(f.label)}*\n${f.value}`, 2000) })) },
    { type: 'image', image_url: links.chartPng, alt_text: truncate(s.chartAlt, 2000) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwnSafe(s.legend, 3000) }] },
  ];
  // Links built here (slackLink escapes the text); eight lines of at most 200 characters stay under 3,000.
  if (s.overdue.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: s.overdue.map((o) => slackLink(`${links.tickets}${o.path.split('/').pop()}`, truncate(o.text, 200))).join('\n') } });
  for (const list of [s.services, s.technicians, s.recurring]) if (list.length) blocks.push(section(list.map(escapeMrkdwn).join('\n')));
  if (s.truncated) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwnSafe(s.truncated, 3000) }] });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `${slackLink(links.csv, s.csvLabel)} · ${slackLink(links.html, s.fullLabel)} · ${slackLink(links.pdf, s.pdfLabel)}` } });
  return { text: escapeMrkdwn(s.title), blocks };
}
