import { systemActor } from '../shared/actor';
import type { PeriodKind } from './report-period';
import { publishReport } from './publish-report.service';
import { deliverReport, type Delivery, type DeliveryOutcome } from './deliver-report.service';
import type { StoredReport } from './stored-report.port';

/**
 * The Monday 10:00 and first-of-the-month 10:00 jobs (R8): the last complete period's report for
 * everything, kept, then posted in every managers' channel. Safe to run twice or on two instances:
 * the second run finds the stored report and the delivery rows, and posts nothing.
 */
export async function runScheduledReport(d: Delivery, kind: PeriodKind, timeZone: string): Promise<{ stored: StoredReport; outcomes: DeliveryOutcome[] }> {
  const actor = systemActor(d.deps.defaultLocale);
  const { stored } = await publishReport(d.deps, actor, { period: kind, lang: d.deps.defaultLocale }, timeZone);
  return { stored, outcomes: await deliverReport(d, stored) };
}
