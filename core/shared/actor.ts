import type { Person } from '../people/person.entity';
import type { Locale } from '../i18n/catalogue';

export const ROLES = ['employee', 'technician', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['api', 'web', 'teams', 'slack', 'email', 'sms', 'phone', 'cli', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Who is acting, resolved once by the transport. A token without a person acts with its role only;
 * the scheduler acts as `system`. There is no magic person id for either.
 */
export interface Actor {
  personId: number | null;
  tokenId?: number | null;
  role: Role;
  /** Services the actor is a member of (technicians work their services' tickets). */
  serviceIds: number[];
  channel: Channel;
  name: string;
  locale: Locale;
  /** The actor's person as read when they were authenticated, so a use case need not read it again. */
  person?: Person;
}

export const isStaff = (a: Pick<Actor, 'role'>) => a.role !== 'employee';
export const seesEverything = (a: Pick<Actor, 'role'>) => a.role === 'manager' || a.role === 'admin';

export function systemActor(locale: Locale = 'fr'): Actor {
  return { personId: null, role: 'admin', serviceIds: [], channel: 'system', name: 'system', locale };
}
