import { DateTime, IANAZone } from 'luxon';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export interface WorkingInterval { from: string; to: string }

export interface BusinessCalendarConfig {
  timezone: string;
  hours: Partial<Record<IsoWeekday, WorkingInterval[]>>;
  holidays: 'FR' | 'none';
  extraHolidays?: string[];
  extraWorkingDays?: string[];
}

const MS_PER_MINUTE = 60_000;
// Bounds the search for the next working interval so an all-closed calendar fails loudly instead of hanging.
const MAX_IDLE_DAYS = 3 * 366;
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const officeDay = (): WorkingInterval[] => [{ from: '08:30', to: '18:00' }];
export const DEFAULT_CALENDAR: BusinessCalendarConfig = deepFreeze({
  timezone: 'Europe/Paris',
  hours: { 1: officeDay(), 2: officeDay(), 3: officeDay(), 4: officeDay(), 5: officeDay() },
  holidays: 'FR',
});

/** Easter Sunday ('YYYY-MM-DD') by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new Error(`Easter is only computed for Gregorian years 1583..9999, got ${year}`);
  }
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day).toFormat('yyyy-MM-dd');
}

export function frenchPublicHolidays(year: number): string[] {
  const easter = DateTime.fromISO(easterSunday(year), { zone: 'utc' });
  const afterEaster = (days: number) => easter.plus({ days }).toFormat('yyyy-MM-dd');
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  // A Set because Ascension can fall on May 1 (e.g. 2008) and must not be listed twice.
  return [...new Set([...fixed, afterEaster(1), afterEaster(39), afterEaster(50)])].sort();
}

function fail(message: string): never {
  throw new Error(`Invalid business calendar: ${message}`);
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function dateList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(`${name} must be an array of 'YYYY-MM-DD' dates`);
  return value.map((d, i) => (isIsoDate(d) ? d : fail(`${name}[${i}] is not a valid 'YYYY-MM-DD' date: ${JSON.stringify(d)}`)));
}

/** Checks an untrusted config (e.g. from JSON) and returns a normalised deep copy with intervals sorted. */
export function validateCalendar(c: unknown): BusinessCalendarConfig {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) fail('config must be an object');
  const o = c as Record<string, unknown>;
  if (typeof o.timezone !== 'string' || !IANAZone.isValidZone(o.timezone)) {
    fail(`unknown IANA timezone ${JSON.stringify(o.timezone)}`);
  }
  if (o.holidays !== 'FR' && o.holidays !== 'none') fail(`holidays must be 'FR' or 'none', got ${JSON.stringify(o.holidays)}`);
  if (typeof o.hours !== 'object' || o.hours === null || Array.isArray(o.hours)) {
    fail('hours must be an object keyed by ISO weekday 1..7');
  }
  const hours: BusinessCalendarConfig['hours'] = {};
  for (const [key, list] of Object.entries(o.hours)) {
    if (!/^[1-7]$/.test(key)) fail(`hours key "${key}" is not an ISO weekday 1 (Monday) .. 7 (Sunday)`);
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`hours[${key}] must be an array of { from, to }`);
    const intervals = list.map((iv: unknown, i): WorkingInterval => {
      const where = `hours[${key}][${i}]`;
      const { from, to } = (typeof iv === 'object' && iv !== null ? iv : {}) as Record<string, unknown>;
      if (typeof from !== 'string' || !HHMM.test(from)) fail(`${where}.from must be 'HH:mm' (00:00..23:59), got ${JSON.stringify(from)}`);
      // '24:00' lets a day run to midnight, which a 24/7 calendar needs.
      if (typeof to !== 'string' || !(HHMM.test(to) || to === '24:00')) fail(`${where}.to must be 'HH:mm' (00:01..24:00), got ${JSON.stringify(to)}`);
      if (toMinutes(from) >= toMinutes(to)) fail(`${where}: from ${from} must be before to ${to} (intervals cannot cross midnight)`);
      return { from, to };
    }).sort((x, y) => toMinutes(x.from) - toMinutes(y.from));
    intervals.forEach((iv, i) => {
      if (i > 0 && toMinutes(iv.from) < toMinutes(intervals[i - 1].to)) {
        fail(`hours[${key}]: ${iv.from}-${iv.to} overlaps ${intervals[i - 1].from}-${intervals[i - 1].to}`);
      }
    });
    hours[Number(key) as IsoWeekday] = intervals;
  }
  const config: BusinessCalendarConfig = { timezone: o.timezone, hours, holidays: o.holidays };
  const extraHolidays = dateList(o.extraHolidays, 'extraHolidays');
  const extraWorkingDays = dateList(o.extraWorkingDays, 'extraWorkingDays');
  if (extraHolidays) config.extraHolidays = extraHolidays;
  if (extraWorkingDays) config.extraWorkingDays = extraWorkingDays;
  return config;
}

function epochMs(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) throw new Error(`${name} must be a valid Date`);
  return t;
}

type Span = [startMs: number, endMs: number];
const DAY_MS = 86_400_000;
// SLA recomputations keep hitting the same weeks; the bound keeps a long-running server's memory flat.
const SPAN_CACHE_DAYS = 4000;

export class BusinessCalendar {
  readonly config: BusinessCalendarConfig;
  private readonly zone: IANAZone;
  private readonly weekdayMinutes: Array<Array<[number, number]>> = [];
  private readonly extraHolidays: Set<string>;
  private readonly extraWorkingDays: Set<string>;
  private readonly computedHolidays = new Map<number, Set<string>>();
  private readonly spanCache = new Map<number, Span[]>();

  constructor(config: BusinessCalendarConfig = DEFAULT_CALENDAR) {
    this.config = deepFreeze(validateCalendar(config));
    this.zone = IANAZone.create(this.config.timezone);
    for (let wd = 1; wd <= 7; wd++) {
      this.weekdayMinutes[wd] = (this.config.hours[wd as IsoWeekday] ?? []).map((iv) => [toMinutes(iv.from), toMinutes(iv.to)]);
    }
    this.extraHolidays = new Set(this.config.extraHolidays);
    this.extraWorkingDays = new Set(this.config.extraWorkingDays);
  }

  isHoliday(localDate: string): boolean {
    if (!isIsoDate(localDate)) throw new Error(`isHoliday expects a 'YYYY-MM-DD' date, got ${JSON.stringify(localDate)}`);
    if (this.extraWorkingDays.has(localDate)) return false;
    if (this.extraHolidays.has(localDate)) return true;
    if (this.config.holidays === 'none') return false;
    const year = Number(localDate.slice(0, 4));
    let computed = this.computedHolidays.get(year);
    if (!computed) this.computedHolidays.set(year, (computed = new Set(frenchPublicHolidays(year))));
    return computed.has(localDate);
  }

  isBusinessTime(at: Date): boolean {
    const t = epochMs(at, 'at');
    return this.spansOn(this.localDay(t)).some(([s, e]) => s <= t && t < e);
  }

  nextOpening(at: Date): Date {
    const t = epochMs(at, 'at');
    for (const [s] of this.spansFrom(t)) return new Date(Math.max(s, t));
    throw new Error('unreachable: spansFrom never ends without throwing');
  }

  addBusinessMinutes(start: Date, minutes: number): Date {
    const t0 = epochMs(start, 'start');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new Error(`minutes must be a finite number >= 0, got ${minutes}`);
    }
    if (minutes === 0) return new Date(t0);
    // Whole ms, so a value read back from businessMinutesBetween (ms / 60000) cannot overshoot a closing time by float noise.
    let remaining = Math.round(minutes * MS_PER_MINUTE);
    // Consumes whole working intervals at once, so cost grows with calendar days, not with minutes.
    for (const [s, e] of this.spansFrom(t0)) {
      const from = Math.max(s, t0);
      if (remaining <= e - from) return new Date(from + remaining);
      remaining -= e - from;
    }
    throw new Error('unreachable: spansFrom never ends without throwing');
  }

  /** The instant `minutes` business minutes before `end` (the inverse of addBusinessMinutes, walking back). */
  subtractBusinessMinutes(end: Date, minutes: number): Date {
    const t0 = epochMs(end, 'end');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new Error(`minutes must be a finite number >= 0, got ${minutes}`);
    }
    let remaining = Math.round(minutes * MS_PER_MINUTE);
    if (remaining === 0) return new Date(t0);
    let idleDays = 0;
    for (let day = this.localDay(t0); ; day--) {
      const spans = this.spansOn(day);
      idleDays = spans.length > 0 ? 0 : idleDays + 1;
      if (idleDays > MAX_IDLE_DAYS) throw new Error(`Business calendar has no business time in the ${MAX_IDLE_DAYS} days before ${new Date(t0).toISOString()}`);
      for (let i = spans.length - 1; i >= 0; i--) {
        const [s, e] = spans[i];
        if (s >= t0) continue;
        const to = Math.min(e, t0);
        if (remaining <= to - s) return new Date(to - remaining);
        remaining -= to - s;
      }
    }
  }

  businessMinutesBetween(from: Date, to: Date): number {
    const a = epochMs(from, 'from');
    const b = epochMs(to, 'to');
    if (b <= a) return 0;
    let totalMs = 0;
    for (let day = this.localDay(a), last = this.localDay(b); day <= last; day++) {
      for (const [s, e] of this.spansOn(day)) totalMs += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    return totalMs / MS_PER_MINUTE;
  }

  // Local calendar date as whole days since 1970-01-01: stepping a day is `+1`, never a DST question.
  private localDay(t: number): number {
    return Math.floor((t + this.zone.offset(t) * MS_PER_MINUTE) / DAY_MS);
  }

  // Wall-clock intervals resolved to real instants for that date: a DST day keeps its local opening hours,
  // and a 00:00-24:00 day genuinely lasts 23 h or 25 h of SLA time.
  private spansOn(day: number): Span[] {
    const cached = this.spanCache.get(day);
    if (cached) return cached;
    const date = new Date(day * DAY_MS);
    const intervals = this.weekdayMinutes[date.getUTCDay() || 7];
    let spans: Span[] = [];
    if (intervals.length > 0 && !this.isHoliday(date.toISOString().slice(0, 10))) {
      const at = (minutes: number): number => {
        const wall = new Date(date.getTime() + minutes * MS_PER_MINUTE); // '24:00' rolls over to the next midnight
        return DateTime.fromObject(
          { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() },
          { zone: this.zone },
        ).toMillis();
      };
      // A bound inside a spring-forward gap is shifted later by luxon, which can collapse a span: drop it.
      spans = intervals.map(([f, t]): Span => [at(f), at(t)]).filter(([s, e]) => s < e);
    }
    if (this.spanCache.size >= SPAN_CACHE_DAYS) this.spanCache.clear();
    this.spanCache.set(day, spans);
    return spans;
  }

  // Working spans ending after t, in time order, forever; throws once a long closed stretch proves none are left.
  private *spansFrom(t: number): Generator<Span> {
    let idleDays = 0;
    for (let day = this.localDay(t); ; day++) {
      const spans = this.spansOn(day);
      idleDays = spans.length > 0 ? 0 : idleDays + 1;
      if (idleDays > MAX_IDLE_DAYS) {
        const since = new Date((day - MAX_IDLE_DAYS) * DAY_MS).toISOString().slice(0, 10);
        throw new Error(`Business calendar has no business time in the ${MAX_IDLE_DAYS} days from ${since}: check hours, holidays and extraHolidays`);
      }
      for (const span of spans) if (span[1] > t) yield span;
    }
  }
}
