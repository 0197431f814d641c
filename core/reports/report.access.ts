import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import { findPerson } from '../people/person.lookup';
import { findService } from '../people/service.lookup';
import type { ReportScope } from './report.port';
import type { Report } from './report.entity';

export interface ScopeRequest {
  service?: string;
  technician?: string;
}

/**
 * Who may read which report (R16, R14): managers and admins any scope (everything by default); a
 * technician their own indicators (the default) or one of their services'; employees none.
 */
export async function resolveReportScope(
  store: Store,
  actor: Actor,
  req: ScopeRequest,
): Promise<{ scope: ReportScope; shown: Report['scope'] }> {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  if (req.service !== undefined && req.technician !== undefined) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'technician', message: 'give a service or a technician, not both' }]);
  }
  if (req.service !== undefined) {
    const s = await findService(store, req.service);
    if (!seesEverything(actor) && !actor.serviceIds.includes(s.id)) throw new HelpdeskError('forbidden');
    return { scope: { kind: 'service', serviceId: s.id }, shown: { kind: 'service', id: s.id, slug: s.slug, name: s.name } };
  }
  const wantsSelf = req.technician === undefined || req.technician === 'me';
  if (seesEverything(actor) && req.technician === undefined) return { scope: { kind: 'all' }, shown: { kind: 'all' } };
  if (wantsSelf && actor.personId === null) throw new HelpdeskError('forbidden');
  const person = wantsSelf ? await findPerson(store, actor.personId!) : await findPerson(store, req.technician!);
  if (!seesEverything(actor) && person.id !== actor.personId) throw new HelpdeskError('forbidden');
  return { scope: { kind: 'technician', personId: person.id }, shown: { kind: 'technician', id: person.id, name: person.displayName } };
}
