import type { Channel } from '../shared/actor';
import type { Level, Priority, Status, TicketType } from '../tickets/ticket.entity';
import type { BusinessCalendar } from '../sla/business-calendar';
import type { Condition } from './rule.entity';

/** What a condition can look at: the ticket's fields with category and service as slugs. */
export interface TicketFacts {
  status: Status;
  priority: Priority | null;
  type: TicketType;
  urgency: Level;
  impact: Level;
  channel: Channel;
  category: string | null;
  service: string | null;
  title: string;
  description: string;
  department: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  pendingSince: Date | null;
  pendingUntil: Date | null;
}

/** The conditions that need the database or the clock, answered by the caller. */
export interface Lookups {
  calendar: BusinessCalendar;
  now: Date;
  /** Business minutes in a mean working day of the calendar (570 for 08:30-18:00). */
  dayMinutes: number;
  requesterReplied(since: Date): Promise<boolean>;
  similarReportsInHour(): Promise<number>;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function compare<T>(actual: T, op: string, value: T | T[] | null): boolean {
  const values = value === null ? [null] : list(value);
  if (op === 'lte') return (actual as unknown as number) <= (values[0] as unknown as number);
  if (op === 'gte') return (actual as unknown as number) >= (values[0] as unknown as number);
  const hit = values.some((v) => v === actual || (typeof v === 'string' && typeof actual === 'string' && v.toLowerCase() === actual.toLowerCase()));
  return op === 'not' ? !hit : hit;
}

export function sinceOf(f: TicketFacts, since: 'created' | 'updated' | 'resolved' | 'pending'): Date | null {
  return since === 'created' ? f.createdAt : since === 'updated' ? f.updatedAt : since === 'resolved' ? f.resolvedAt : f.pendingSince;
}

/** Conditions on the ticket's own fields: no I/O, so routing can use them while filing. */
export function matchesField(c: Condition, f: TicketFacts): boolean | null {
  switch (c.field) {
    case 'status':
      return compare<string>(f.status, c.op, c.value);
    case 'priority':
      return f.priority !== null && compare<number>(f.priority, c.op, c.value);
    case 'type':
      return compare<string>(f.type, c.op, c.value);
    case 'urgency':
      return compare<string>(f.urgency, c.op, c.value);
    case 'impact':
      return compare<string>(f.impact, c.op, c.value);
    case 'channel':
      return compare<string>(f.channel, c.op, c.value);
    case 'category':
      return compare<string | number | null>(f.category, c.op, c.value);
    case 'service':
      return compare<string | number | null>(f.service, c.op, c.value);
    case 'title':
    case 'description':
    case 'text': {
      const hay = fold(c.field === 'title' ? f.title : c.field === 'description' ? f.description : `${f.title}\n${f.description}`);
      return list(c.value).some((w) => hay.includes(fold(w)));
    }
    case 'department': {
      if (f.department === null) return false;
      if (c.op === 'contains') return list(c.value).some((w) => fold(f.department!).includes(fold(w)));
      return compare<string>(f.department, 'is', c.value);
    }
    case 'waitingOnRequester':
      return (f.status === 'pending' && f.pendingUntil === null) === c.value;
    default:
      return null;
  }
}

/**
 * All conditions hold? Also returns the run key: a rule fires once per ticket and key, so a rule on
 * "N business days since resolved" fires once per resolution, and with `every` once per period.
 */
export async function evaluate(conditions: Condition[], f: TicketFacts, l: Lookups | null): Promise<{ ok: boolean; key: string }> {
  const keys: string[] = [];
  for (const c of conditions) {
    const field = matchesField(c, f);
    if (field === false) return { ok: false, key: '' };
    if (field === true) continue;
    if (!l) return { ok: false, key: '' };
    if (c.field === 'businessDaysSince') {
      const since = sinceOf(f, c.since);
      if (!since) return { ok: false, key: '' };
      const days = l.calendar.businessMinutesBetween(since, l.now) / l.dayMinutes;
      if (days < c.gte) return { ok: false, key: '' };
      keys.push(periodKey(c, since, days));
    } else if (c.field === 'requesterReplied') {
      const since = sinceOf(f, c.since);
      if (!since || (await l.requesterReplied(since)) !== c.value) return { ok: false, key: '' };
    } else if (c.field === 'similarReportsInHour') {
      if ((await l.similarReportsInHour()) < c.gte) return { ok: false, key: '' };
    }
  }
  return { ok: true, key: keys.join('|') };
}

/** Names the period a "business days since" condition is in: once per moment, or once per `every` days. */
export function periodKey(c: { since: string; gte: number; every?: number }, since: Date, days: number): string {
  const period = c.every ? Math.floor((days - c.gte) / c.every) : 0;
  return `${c.since}@${since.getTime()}#${period}`;
}

/** The calendar's mean working day, in business minutes, for "business days" conditions. */
export function meanDayMinutes(calendar: BusinessCalendar): number {
  const days = Object.values(calendar.config.hours).filter((ivs) => ivs && ivs.length > 0);
  if (!days.length) return 570;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const total = days.reduce((sum, ivs) => sum + ivs!.reduce((s, iv) => s + minutes(iv.to) - minutes(iv.from), 0), 0);
  return total / days.length;
}
