import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { ReportDelivery, StoredReport } from './stored-report.port';

/** Stored reports are company-wide figures: managers and admins read them (R16). */
function requireReader(actor: Actor): void {
  if (!seesEverything(actor)) throw new HelpdeskError('forbidden');
}

export async function listStoredReports(deps: CoreDeps, actor: Actor, q: { limit?: number; beforeId?: number } = {}) {
  requireReader(actor);
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 20), 1), 100);
  return deps.uow.read.storedReports.list({ limit, beforeId: q.beforeId });
}

export async function getStoredReport(deps: CoreDeps, actor: Actor, id: number): Promise<StoredReport & { deliveries: ReportDelivery[] }> {
  requireReader(actor);
  const r = Number.isSafeInteger(id) && id > 0 ? await deps.uow.read.storedReports.get(id) : null;
  if (!r) throw new HelpdeskError('not_found');
  return { ...r, deliveries: await deps.uow.read.storedReports.deliveries(r.id) };
}

/**
 * The chart and files linked from a posted card: Slack and Teams fetch them without a session, so
 * the link's key is the permission. Compared in constant time; any mismatch is a plain not-found.
 */
export async function readSharedReport(deps: CoreDeps, id: number, key: string): Promise<StoredReport> {
  const r = Number.isSafeInteger(id) && id > 0 ? await deps.uow.read.storedReports.get(id) : null;
  const a = Buffer.from(key);
  const ok = r !== null && a.length === Buffer.byteLength(r.accessKey) && timingSafeEqual(a, Buffer.from(r.accessKey));
  if (!ok) throw new HelpdeskError('not_found');
  return r!;
}
