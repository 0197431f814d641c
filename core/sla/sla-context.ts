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
  /** Services running on a calendar of their own (issue 6); the others use `calendar`. */
  serviceCalendars?: Map<number, BusinessCalendar>;
}

/** The calendar a service's SLA clocks run on. */
export const calendarFor = (sla: SlaContext, serviceId: number | null): BusinessCalendar =>
  (serviceId !== null ? sla.serviceCalendars?.get(serviceId) : undefined) ?? sla.calendar;

/** A stored calendar that no longer validates must not stop ticket filing: the company's applies. */
function serviceCalendars(rows: Array<{ serviceId: number; calendar: unknown }>): Map<number, BusinessCalendar> {
  const out = new Map<number, BusinessCalendar>();
  for (const r of rows) {
    try {
      out.set(r.serviceId, new BusinessCalendar(r.calendar as BusinessCalendarConfig));
    } catch {
      /* validated when saved; skipped if a later rule change made it invalid */
    }
  }
  return out;
}

export async function loadSlaContext(store: Store): Promise<SlaContext> {
  const [cal, matrix, policies, own] = await Promise.all([
    store.settings.get<BusinessCalendarConfig>(SETTING_CALENDAR),
    store.settings.get<PriorityMatrix>(SETTING_PRIORITY_MATRIX),
    store.settings.slaPolicies(),
    store.routing.serviceCalendars(),
  ]);
  // Calendars (and their time zone) are built once per configuration, not once per ticket (R20).
  const key = JSON.stringify([cal, matrix, policies, own]);
  if (built?.key === key) return built.sla;
  const sla = { calendar: new BusinessCalendar(cal ?? DEFAULT_CALENDAR), matrix: matrix ?? DEFAULT_PRIORITY_MATRIX, policies, serviceCalendars: serviceCalendars(own) };
  built = { key, sla };
  return sla;
}

/** The last context built, with the configuration it was built from (read from memory: adapters' cache). */
let built: { key: string; sla: SlaContext } | null = null;

export function dueDatesFor(sla: SlaContext, priority: Priority, serviceId: number | null, startedAt: Date, pausedMinutes: number) {
  return computeDueDates(calendarFor(sla, serviceId), pickPolicy(sla.policies, priority, serviceId), startedAt, pausedMinutes);
}
