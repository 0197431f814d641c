import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { buildReport } from '../core/reports/build-report.service';
import { renderReport, type ReportFormat } from '../core/reports/report.render';
import { t } from '../core/i18n/translate';

export const REPORT_USAGE = `  report weekly|monthly [--from YYYY-MM-DD] [--service SLUG] [--technician EMAIL]
         [--format md|csv|json] [--lang fr|en]
                                          print a report (default: the last complete week or month, Markdown)`;

/** `npx helpdesk report ...`: the same use case as the REST API, printed on stdout. */
export async function reportCommand(deps: CoreDeps, operator: Actor, timeZone: string, args: string[], out: (s: string) => void): Promise<number> {
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
    // Delivery to managers' channels needs the outbox and the scheduler: say so rather than pretend.
    process.stderr.write(`${t(operator.locale, 'reports.send_later')}\n`);
    return 2;
  }
  const report = await buildReport(deps, operator, {
    period: period as never, from: values.from, service: values.service, technician: values.technician,
    format: values.format as never, lang: (values.lang ?? operator.locale) as never,
  }, timeZone);
  out(renderReport(report, values.format as ReportFormat).body);
  return 0;
}
