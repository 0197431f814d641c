import type { BusinessCalendarConfig } from '../sla/business-calendar';

/** How a service hands out its new tickets (R7, R13). */
export const ROUTING_MODES = ['none', 'round_robin', 'least_loaded'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface ServiceRouting {
  serviceId: number;
  /** none: the team claims from its channel; round_robin / least_loaded: among members working now. */
  mode: RoutingMode;
  /** Business minutes an assignee has to start (move to in_progress) before the ticket returns to the queue. */
  acceptMinutes: number | null;
  /** Share of an SLA target at which the warning goes out. */
  warnPercent: number;
  /** Share at which the managers' channel is told (after the lead at 100%). */
  managersPercent: number;
  /** The service's own calendar for its SLA clocks (e.g. a 24/7 desk); null: the company's calendar. */
  calendar: BusinessCalendarConfig | null;
}

export const defaultRouting = (serviceId: number): ServiceRouting => ({ serviceId, mode: 'none', acceptMinutes: null, warnPercent: 75, managersPercent: 150, calendar: null });

/** Conditions are the automation rules' own (core/automation/rule.entity.ts), so one vocabulary serves both. */
export interface RoutingRule {
  id: number;
  position: number;
  name: string;
  conditions: unknown[];
  serviceId: number;
  active: boolean;
}

export interface Absence {
  id: number;
  personId: number;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}
