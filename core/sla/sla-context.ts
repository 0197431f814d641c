import type { Store } from '../shared/store.port';
import { BusinessCalendar, BusinessCalendarConfig, DEFAULT_CALENDAR } from './business-calendar';
import { DEFAULT_PRIORITY_MATRIX, PriorityMatrix } from './priority-matrix';
import { pickPolicy, SlaPolicy } from './sla-policy';
import { computeDueDates } from './due-dates';
import type { Priority } from '../tickets/ticket.entity';

export const SETTING_CALENDAR = 'business_calendar';
export const SETTING_PRIORITY_MATRIX = 'priority_matrix';

/** The configurable parts of SLA arithmetic, read once per use case. */
export interface SlaContext {
  calendar: BusinessCalendar;
  matrix: PriorityMatrix;
  policies: SlaPolicy[];
}

export async function loadSlaContext(store: Store): Promise<SlaContext> {
  const [cal, matrix, policies] = await Promise.all([
    store.settings.get<BusinessCalendarConfig>(SETTING_CALENDAR),
    store.settings.get<PriorityMatrix>(SETTING_PRIORITY_MATRIX),
    store.settings.slaPolicies(),
  ]);
  return { calendar: new BusinessCalendar(cal ?? DEFAULT_CALENDAR), matrix: matrix ?? DEFAULT_PRIORITY_MATRIX, policies };
}

export function dueDatesFor(sla: SlaContext, priority: Priority, serviceId: number | null, startedAt: Date, pausedMinutes: number) {
  return computeDueDates(sla.calendar, pickPolicy(sla.policies, priority, serviceId), startedAt, pausedMinutes);
}
