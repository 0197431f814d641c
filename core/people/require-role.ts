import type { Actor } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';

/** Configuration is the admins' (R9: least privilege); reading the directory is staff's. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new HelpdeskError('forbidden');
}
export function requireStaff(actor: Actor): void {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
}
