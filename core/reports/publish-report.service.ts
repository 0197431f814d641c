import { randomBytes } from 'node:crypto';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { buildReport, type ReportInput } from './build-report.service';
import { loadChartData } from './report-chart-data';
import type { Report } from './report.entity';
import type { StoredReport } from './stored-report.port';

export const scopeKeyOf = (r: Report): string =>
  r.scope.kind === 'all' ? 'all' : r.scope.kind === 'service' ? `service:${r.scope.slug}` : `technician:${r.scope.id}`;

/**
 * Makes a period's report and keeps it (R8, R16). The first one of a period, scope and language
 * wins: the Monday job run twice, or by two instances, stores one report and gets that one back,
 * so what is sent is what is kept.
 */
export async function publishReport(
  deps: CoreDeps,
  actor: Actor,
  input: Omit<ReportInput, 'format'>,
  timeZone?: string,
): Promise<{ stored: StoredReport; created: boolean }> {
  const report = await buildReport(deps, actor, input, timeZone);
  const chart = await loadChartData(deps.uow.read, report);
  return deps.uow.transaction((store) =>
    store.storedReports.saveOnce({
      periodKind: report.period.kind,
      scopeKey: scopeKeyOf(report),
      firstDay: report.period.firstDay,
      locale: report.locale,
      accessKey: randomBytes(24).toString('base64url'),
      report,
      chart,
      createdAt: deps.clock.now(),
    }),
  );
}
