import type { Priority } from '../tickets/ticket.entity';

/** Targets in business minutes; a policy may be specific to a service, else it is the default. */
export interface SlaPolicy {
  priority: Priority;
  serviceId: number | null;
  ownMinutes: number;
  resolveMinutes: number;
}

/** A business day of the default calendar is 570 minutes (08:30-18:00); R10 asks a first answer within a day. */
export const BUSINESS_DAY = 570;
export const DEFAULT_SLA_POLICIES: SlaPolicy[] = [
  { priority: 1, serviceId: null, ownMinutes: 30, resolveMinutes: 240 },
  { priority: 2, serviceId: null, ownMinutes: 120, resolveMinutes: BUSINESS_DAY },
  { priority: 3, serviceId: null, ownMinutes: BUSINESS_DAY, resolveMinutes: 3 * BUSINESS_DAY },
  { priority: 4, serviceId: null, ownMinutes: BUSINESS_DAY, resolveMinutes: 5 * BUSINESS_DAY },
];

export function pickPolicy(policies: SlaPolicy[], priority: Priority, serviceId: number | null): SlaPolicy {
  return (
    policies.find((p) => p.priority === priority && serviceId !== null && p.serviceId === serviceId) ??
    policies.find((p) => p.priority === priority && p.serviceId === null) ??
    DEFAULT_SLA_POLICIES.find((p) => p.priority === priority)!
  );
}
