import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { buildReport } from '../core/reports/build-report.service';
import { renderReport, type ReportFormat } from '../core/reports/report.render';
import { t } from '../core/i18n/translate';
import { sendReportNow } from '../core/reports/send-report.service';
import type { ReportMailer, ReportPoster } from '../core/reports/report-poster.port';

export const REPORT_USAGE = `  report weekly|monthly [--from YYYY-MM-DD] [--service SLUG] [--technician EMAIL]
         [--format md|csv|json] [--lang fr|en]
                                          print a report (default: the last complete week or month, Markdown);
                                          --send keeps it and posts it in the managers' channels`;

/** `npx helpdesk report ...`: the same use case as the REST API, printed on stdout. */
export async function reportCommand(
  deps: CoreDeps, operator: Actor, timeZone: string, args: string[], out: (s: string) => void,
  delivery?: { posters: ReportPoster[]; mailer?: ReportMailer; publicUrl: string },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      from: { type: 'string' }, service: { type: 'string' }, technician: { type: 'string' },
      format: { type: 'string', default: 'md' }, lang: { type: 'string' }, send: { type: 'boolean', default: false },
    },
  });
  const period = positionals[0] ?? 'weekly';
  if (values.send) {
    // Kept, then posted in every managers' channel, exactly as the Monday job does.
    const sent = await sendReportNow({ deps, posters: delivery?.posters ?? [], mailer: delivery?.mailer, publicUrl: delivery?.publicUrl ?? '' }, operator,
      { period, from: values.from, service: values.service, lang: values.lang ?? operator.locale }, timeZone);
    if (sent.nobody) {
      process.stderr.write(`${sent.message}\n`);
      return 2;
    }
    const count = (r: string) => sent.outcomes.filter((o) => o.result === r).length;
    out(`${t(operator.locale, 'reports.sent', { id: sent.report.id, sent: count('sent'), already: count('already'), failed: count('failed') })}\n`);
    out(`${sent.message}\n`);
    for (const n of sent.notReached) out(`${t(operator.locale, 'reports.unreached_line', { name: n.name, reason: n.reason })}\n`);
    return count('failed') ? 1 : 0;
  }
  const report = await buildReport(deps, operator, {
    period: period as never, from: values.from, service: values.service, technician: values.technician,
    format: values.format as never, lang: (values.lang ?? operator.locale) as never,
  }, timeZone);
  out(renderReport(report, values.format as ReportFormat).body);
  return 0;
}
