import {
  BusinessCalendar,
  BusinessCalendarConfig,
  DEFAULT_CALENDAR,
  easterSunday,
  frenchPublicHolidays,
  validateCalendar,
} from '../../../core/sla/business-calendar';

// Expected instants are written in UTC and were computed by hand: Paris is UTC+1 (CET) until
// 2026-03-29 02:00 and again from 2026-10-25 03:00, UTC+2 (CEST) in between.
const utc = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

const cal = new BusinessCalendar();

const WEEKDAYS_0830_1800 = DEFAULT_CALENDAR.hours;
const allWeek = (from: string, to: string): BusinessCalendarConfig['hours'] =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ from, to }]]));

const ALWAYS_OPEN: BusinessCalendarConfig = { timezone: 'Europe/Paris', hours: allWeek('00:00', '24:00'), holidays: 'none' };
const split = [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:00' }];
const SATURDAY_MORNING: BusinessCalendarConfig = {
  timezone: 'Europe/Paris',
  hours: { 1: split, 2: split, 3: split, 4: split, 5: split, 6: [{ from: '09:00', to: '12:00' }] },
  holidays: 'FR',
};
const NEW_YORK: BusinessCalendarConfig = {
  timezone: 'America/New_York',
  hours: { 1: [{ from: '09:00', to: '17:00' }], 2: [{ from: '09:00', to: '17:00' }], 3: [{ from: '09:00', to: '17:00' }], 4: [{ from: '09:00', to: '17:00' }], 5: [{ from: '09:00', to: '17:00' }] },
  holidays: 'none',
};

describe('R10/R13 business calendar: French public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2008, '2008-03-23'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('lists the 11 holidays of 2026 in order', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25',
      '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25',
    ]);
  });

  it('derives the movable feasts of 2027 from Easter 2027-03-28', () => {
    const h = frenchPublicHolidays(2027);
    expect(h).toEqual(expect.arrayContaining(['2027-03-29', '2027-05-06', '2027-05-17']));
    expect(h).toHaveLength(11);
  });

  it('does not list May 1 twice when Ascension falls on it (2008)', () => {
    const h = frenchPublicHolidays(2008);
    expect(h.filter((d) => d === '2008-05-01')).toHaveLength(1);
    expect(h).toHaveLength(10);
    expect(h).toContain('2008-03-24');
    expect(h).toContain('2008-05-12');
  });

  it('rejects years outside the Gregorian range', () => {
    expect(() => easterSunday(1500)).toThrow(/1583\.\.9999/);
    expect(() => frenchPublicHolidays(2026.5)).toThrow(/Gregorian/);
  });

  it('isHoliday honours computed, extra and cancelled holidays', () => {
    expect(cal.isHoliday('2026-04-06')).toBe(true);
    expect(cal.isHoliday('2026-08-15')).toBe(true); // a Saturday, still a holiday
    expect(cal.isHoliday('2026-04-07')).toBe(false);
    const custom = new BusinessCalendar({ ...DEFAULT_CALENDAR, extraHolidays: ['2026-12-24'], extraWorkingDays: ['2026-05-14'] });
    expect(custom.isHoliday('2026-12-24')).toBe(true);
    expect(custom.isHoliday('2026-05-14')).toBe(false);
    expect(new BusinessCalendar({ ...DEFAULT_CALENDAR, holidays: 'none' }).isHoliday('2026-12-25')).toBe(false);
    expect(() => cal.isHoliday('2026-4-6')).toThrow(/YYYY-MM-DD/);
  });
});

describe('R10/R13 business calendar: default calendar (Mon-Fri 08:30-18:00 Europe/Paris)', () => {
  it('isBusinessTime uses half-open local intervals and skips weekends and holidays', () => {
    expect(cal.isBusinessTime(utc('2026-01-13T07:29:59Z'))).toBe(false); // Tue 08:29:59
    expect(cal.isBusinessTime(utc('2026-01-13T07:30:00Z'))).toBe(true); // Tue 08:30
    expect(cal.isBusinessTime(utc('2026-01-13T16:59:59Z'))).toBe(true);
    expect(cal.isBusinessTime(utc('2026-01-13T17:00:00Z'))).toBe(false); // Tue 18:00
    expect(cal.isBusinessTime(utc('2026-01-17T10:00:00Z'))).toBe(false); // Saturday
    expect(cal.isBusinessTime(utc('2026-04-06T08:00:00Z'))).toBe(false); // Easter Monday
    expect(cal.isBusinessTime(utc('2026-07-01T06:30:00Z'))).toBe(true); // Wed 08:30 CEST
    expect(cal.isBusinessTime(utc('2026-07-01T06:29:00Z'))).toBe(false);
  });

  it('adds minutes within a day, to the exact closing time, and across a night', () => {
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), 90))).toBe('2026-01-13T10:30:00.000Z');
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T07:30:00Z'), 570))).toBe('2026-01-13T17:00:00.000Z'); // 18:00, not next opening
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T07:30:00Z'), 571))).toBe('2026-01-14T07:31:00.000Z');
    // Tue 17:00 + 120: 60 on Tuesday, 60 from Wed 08:30 -> 09:30 CET
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T16:00:00Z'), 120))).toBe('2026-01-14T08:30:00.000Z');
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), 0.5))).toBe('2026-01-13T09:00:30.000Z');
  });

  it('adds minutes across a weekend', () => {
    // Fri 17:30 + 60: 30 on Friday, 30 from Mon 08:30 -> 09:00 CET
    expect(iso(cal.addBusinessMinutes(utc('2026-01-16T16:30:00Z'), 60))).toBe('2026-01-19T08:00:00.000Z');
  });

  it('skips Easter Monday, Ascension and Whit Monday 2026', () => {
    // Fri 2026-04-03 17:00 CEST + 120 -> Tue 04-07 09:30 CEST
    expect(iso(cal.addBusinessMinutes(utc('2026-04-03T15:00:00Z'), 120))).toBe('2026-04-07T07:30:00.000Z');
    // Wed 2026-05-13 17:00 CEST + 120 -> Fri 05-15 09:30 (Thu 14 is Ascension)
    expect(iso(cal.addBusinessMinutes(utc('2026-05-13T15:00:00Z'), 120))).toBe('2026-05-15T07:30:00.000Z');
    // Fri 2026-05-22 17:00 CEST + 120 -> Tue 05-26 09:30 (Mon 25 is Whit Monday)
    expect(iso(cal.addBusinessMinutes(utc('2026-05-22T15:00:00Z'), 120))).toBe('2026-05-26T07:30:00.000Z');
    // May 2026: 21 weekdays minus May 1, 8, 14, 25 = 17 business days
    expect(cal.businessMinutesBetween(utc('2026-04-30T22:00:00Z'), utc('2026-05-31T22:00:00Z'))).toBe(17 * 570);
  });

  it('keeps local opening hours across the DST changes of 2026-03-29 and 2026-10-25', () => {
    // Fri 03-27 17:00 CET + 120 -> Mon 03-30 09:30 CEST
    expect(iso(cal.addBusinessMinutes(utc('2026-03-27T16:00:00Z'), 120))).toBe('2026-03-30T07:30:00.000Z');
    // Fri 10-23 17:00 CEST + 120 -> Mon 10-26 09:30 CET
    expect(iso(cal.addBusinessMinutes(utc('2026-10-23T15:00:00Z'), 120))).toBe('2026-10-26T08:30:00.000Z');
    // Mon 03-23 08:30 CET + 10 days -> Fri 04-03 18:00 CEST
    expect(iso(cal.addBusinessMinutes(utc('2026-03-23T07:30:00Z'), 10 * 570))).toBe('2026-04-03T16:00:00.000Z');
    // Fri 08:30 -> Mon 18:00 is two full days whichever side of the change
    expect(cal.businessMinutesBetween(utc('2026-03-27T07:30:00Z'), utc('2026-03-30T16:00:00Z'))).toBe(1140);
    expect(cal.businessMinutesBetween(utc('2026-10-23T06:30:00Z'), utc('2026-10-26T17:00:00Z'))).toBe(1140);
  });

  it('starts counting at the next opening when started outside hours, but 0 minutes returns start', () => {
    // Sat 10:00 + 30 -> Mon 09:00 CET
    expect(iso(cal.addBusinessMinutes(utc('2026-01-17T09:00:00Z'), 30))).toBe('2026-01-19T08:00:00.000Z');
    // Tue 06:00 + 30 -> Tue 09:00 CET
    expect(iso(cal.addBusinessMinutes(utc('2026-01-13T05:00:00Z'), 30))).toBe('2026-01-13T08:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(utc('2026-01-17T09:00:00Z'), 0))).toBe('2026-01-17T09:00:00.000Z');
  });

  it('nextOpening returns the first business instant at or after the given one', () => {
    expect(iso(cal.nextOpening(utc('2026-01-13T09:00:00Z')))).toBe('2026-01-13T09:00:00.000Z'); // already open
    expect(iso(cal.nextOpening(utc('2026-01-13T17:00:00Z')))).toBe('2026-01-14T07:30:00.000Z'); // at closing
    expect(iso(cal.nextOpening(utc('2026-01-17T09:00:00Z')))).toBe('2026-01-19T07:30:00.000Z'); // Saturday
    expect(iso(cal.nextOpening(utc('2026-12-24T17:00:00Z')))).toBe('2026-12-28T07:30:00.000Z'); // Christmas Friday
    expect(iso(cal.nextOpening(utc('2026-03-28T11:00:00Z')))).toBe('2026-03-30T06:30:00.000Z'); // over DST
  });

  it('businessMinutesBetween counts [from, to) and returns fractions', () => {
    expect(cal.businessMinutesBetween(utc('2026-01-16T16:00:00Z'), utc('2026-01-19T08:00:00Z'))).toBe(90); // Fri 17:00 -> Mon 09:00
    expect(cal.businessMinutesBetween(utc('2026-01-13T09:00:00Z'), utc('2026-01-13T09:00:30Z'))).toBe(0.5);
    expect(cal.businessMinutesBetween(utc('2026-01-17T00:00:00Z'), utc('2026-01-18T23:00:00Z'))).toBe(0); // weekend
    expect(cal.businessMinutesBetween(utc('2026-01-13T10:00:00Z'), utc('2026-01-13T09:00:00Z'))).toBe(0); // reversed
    expect(cal.businessMinutesBetween(utc('2026-01-13T09:00:00Z'), utc('2026-01-13T09:00:00Z'))).toBe(0);
  });

  it('rejects invalid arguments', () => {
    expect(() => cal.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), -1)).toThrow(/minutes/);
    expect(() => cal.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), NaN)).toThrow(/minutes/);
    expect(() => cal.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), Infinity)).toThrow(/minutes/);
    expect(() => cal.addBusinessMinutes(new Date('nope'), 10)).toThrow(/start must be a valid Date/);
    expect(() => cal.businessMinutesBetween(utc('2026-01-13T09:00:00Z'), new Date(NaN))).toThrow(/to must be a valid Date/);
  });

  it('handles 250 business days (a year) in one call and returns the exact instant', () => {
    // From Mon 2026-01-05: 259 weekdays to Dec 31, minus 8 weekday holidays after Jan 5
    // (Apr 6, May 1, 8, 14, 25, Jul 14, Nov 11, Dec 25) = 251, so day 250 is Wed Dec 30 (ends 18:00 CET).
    const start = utc('2026-01-05T07:30:00Z');
    expect(iso(cal.addBusinessMinutes(start, 570 * 250))).toBe('2026-12-30T17:00:00.000Z');
    expect(iso(cal.addBusinessMinutes(start, 570 * 250 + 1))).toBe('2026-12-31T07:31:00.000Z');
    const tenYears = cal.addBusinessMinutes(start, 570 * 2500);
    expect(cal.businessMinutesBetween(start, tenYears)).toBe(570 * 2500);
    expect(tenYears.getUTCFullYear()).toBe(2035);
  }, 10_000);
});

describe('R10/R13 business calendar: custom calendars', () => {
  it('24/7 calendar counts real elapsed time, including the 23 h and 25 h DST days', () => {
    const c = new BusinessCalendar(ALWAYS_OPEN);
    expect(c.businessMinutesBetween(utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(23 * 60);
    expect(c.businessMinutesBetween(utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(25 * 60);
    expect(iso(c.addBusinessMinutes(utc('2026-03-28T22:30:00Z'), 180))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(c.addBusinessMinutes(utc('2026-10-24T21:00:00Z'), 7 * 1440))).toBe('2026-10-31T21:00:00.000Z');
    expect(c.isBusinessTime(utc('2026-10-25T01:30:00Z'))).toBe(true);
    expect(iso(c.nextOpening(utc('2026-12-25T03:00:00Z')))).toBe('2026-12-25T03:00:00.000Z');
  });

  it('split shifts and Saturday mornings', () => {
    const c = new BusinessCalendar(SATURDAY_MORNING);
    // Fri 16:30 + 60 -> 30 Fri, Sat 09:00 + 30 -> 09:30 CET
    expect(iso(c.addBusinessMinutes(utc('2026-01-16T15:30:00Z'), 60))).toBe('2026-01-17T08:30:00.000Z');
    // Mon 11:30 + 60 -> 30 before lunch, 14:00 + 30 -> 14:30 CET
    expect(iso(c.addBusinessMinutes(utc('2026-01-19T10:30:00Z'), 60))).toBe('2026-01-19T13:30:00.000Z');
    expect(iso(c.nextOpening(utc('2026-01-19T11:00:00Z')))).toBe('2026-01-19T13:00:00.000Z'); // lunch
    // one week: 5 x 360 + 180
    expect(c.businessMinutesBetween(utc('2026-01-18T23:00:00Z'), utc('2026-01-25T23:00:00Z'))).toBe(1980);
  });

  it('a Sunday-night window spanning the DST change lasts 3 h in March and 5 h in October', () => {
    const c = new BusinessCalendar({ timezone: 'Europe/Paris', hours: { 7: [{ from: '01:00', to: '05:00' }] }, holidays: 'none' });
    expect(c.businessMinutesBetween(utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'))).toBe(180);
    expect(c.businessMinutesBetween(utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z'))).toBe(300);
  });

  it('a window entirely inside the spring-forward gap does not exist that day', () => {
    const c = new BusinessCalendar({ timezone: 'Europe/Paris', hours: { 7: [{ from: '02:00', to: '03:00' }] }, holidays: 'none' });
    expect(iso(c.nextOpening(utc('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:00:00.000Z'); // next Sunday 02:00 CEST
  });

  it('uses the configured timezone (New York, DST on 2026-03-08)', () => {
    const c = new BusinessCalendar(NEW_YORK);
    // Fri 16:00 EST + 120 -> 60 Fri, Mon 09:00 EDT + 60 -> 10:00 EDT
    expect(iso(c.addBusinessMinutes(utc('2026-03-06T21:00:00Z'), 120))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('holidays "none", extraHolidays and extraWorkingDays change which days count', () => {
    const noHolidays = new BusinessCalendar({ ...DEFAULT_CALENDAR, holidays: 'none' });
    expect(iso(noHolidays.addBusinessMinutes(utc('2026-04-03T15:00:00Z'), 120))).toBe('2026-04-06T07:30:00.000Z');
    const closedWed = new BusinessCalendar({ ...DEFAULT_CALENDAR, extraHolidays: ['2026-01-14'] });
    expect(iso(closedWed.addBusinessMinutes(utc('2026-01-13T16:00:00Z'), 120))).toBe('2026-01-15T08:30:00.000Z');
    const openAscension = new BusinessCalendar({ ...DEFAULT_CALENDAR, extraWorkingDays: ['2026-05-14'] });
    expect(iso(openAscension.addBusinessMinutes(utc('2026-05-13T15:00:00Z'), 120))).toBe('2026-05-14T07:30:00.000Z');
  });

  it('a calendar with no working hours fails loudly instead of looping', () => {
    const closed = new BusinessCalendar({ timezone: 'Europe/Paris', hours: {}, holidays: 'FR' });
    expect(() => closed.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), 1)).toThrow(/no business time/);
    expect(() => closed.nextOpening(utc('2026-01-13T09:00:00Z'))).toThrow(/no business time/);
    expect(closed.businessMinutesBetween(utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'))).toBe(0);
    expect(iso(closed.addBusinessMinutes(utc('2026-01-13T09:00:00Z'), 0))).toBe('2026-01-13T09:00:00.000Z');
  });
});

describe('R10/R13 business calendar: addBusinessMinutes / businessMinutesBetween consistency', () => {
  // mulberry32: a tiny seeded PRNG so failures are reproducible
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const YEAR_START = Date.UTC(2026, 0, 1);
  const YEAR_MS = 365 * 86_400_000;

  it.each([
    ['default', DEFAULT_CALENDAR],
    ['24/7', ALWAYS_OPEN],
    ['Saturday morning', SATURDAY_MORNING],
    ['New York', NEW_YORK],
  ])('%s calendar: between(start, add(start, m)) === m over 150 seeded random starts', (_name, config) => {
    const c = new BusinessCalendar(config);
    const next = rng(20260329);
    for (let i = 0; i < 150; i++) {
      const start = new Date(YEAR_START + Math.floor(next() * YEAR_MS));
      const minutes = i % 5 === 0 ? Math.round(next() * 100_000) / 1000 : Math.floor(next() * 570 * 15);
      const end = c.addBusinessMinutes(start, minutes);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(c.businessMinutesBetween(start, end)).toBeCloseTo(minutes, 4);
      if (minutes > 0) expect(c.businessMinutesBetween(c.nextOpening(start), end)).toBeCloseTo(minutes, 4);

      // The other way round: adding the counted minutes lands on `to`, or on the last closing before it.
      const to = new Date(start.getTime() + Math.floor(next() * 20 * 86_400_000));
      const counted = c.businessMinutesBetween(start, to);
      const landed = c.addBusinessMinutes(start, counted);
      expect(landed.getTime()).toBeLessThanOrEqual(to.getTime());
      expect(c.businessMinutesBetween(landed, to)).toBe(0);
      if (counted > 0 && c.isBusinessTime(to)) expect(landed.getTime()).toBe(to.getTime());
    }
  });
});

describe('R10/R13 business calendar: validation', () => {
  const base = { timezone: 'Europe/Paris', hours: { 1: [{ from: '08:30', to: '18:00' }] }, holidays: 'FR' };
  const withHours = (hours: unknown) => ({ ...base, hours });

  it('accepts the default calendar and returns a sorted deep copy', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
    const input = { ...base, hours: { 2: [{ from: '14:00', to: '17:00' }, { from: '09:00', to: '12:00' }] }, extraHolidays: ['2026-12-24'] };
    const out = validateCalendar(input);
    expect(out.hours[2]).toEqual([{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:00' }]);
    input.extraHolidays.push('2026-12-31');
    expect(out.extraHolidays).toEqual(['2026-12-24']);
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', null, /config must be an object/],
    ['unknown timezone', { ...base, timezone: 'Mars/Olympus_Mons' }, /unknown IANA timezone "Mars\/Olympus_Mons"/],
    ['missing timezone', { ...base, timezone: undefined }, /unknown IANA timezone/],
    ['holiday set', { ...base, holidays: 'US' }, /holidays must be 'FR' or 'none'/],
    ['hours not an object', withHours([]), /hours must be an object/],
    ['weekday key 8', withHours({ 8: [{ from: '08:00', to: '09:00' }] }), /"8" is not an ISO weekday/],
    ['weekday key 0', withHours({ 0: [{ from: '08:00', to: '09:00' }] }), /"0" is not an ISO weekday/],
    ['single-digit hour', withHours({ 1: [{ from: '8:30', to: '18:00' }] }), /hours\[1\]\[0\]\.from must be 'HH:mm'/],
    ['hour 25', withHours({ 1: [{ from: '08:30', to: '25:00' }] }), /hours\[1\]\[0\]\.to must be 'HH:mm'/],
    ['from 24:00', withHours({ 1: [{ from: '24:00', to: '24:00' }] }), /\.from must be 'HH:mm'/],
    ['from after to', withHours({ 1: [{ from: '18:00', to: '08:30' }] }), /from 18:00 must be before to 08:30/],
    ['empty interval', withHours({ 1: [{ from: '09:00', to: '09:00' }] }), /from 09:00 must be before to 09:00/],
    ['overlap', withHours({ 1: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] }), /11:00-13:00 overlaps 09:00-12:00/],
    ['intervals not an array', withHours({ 1: { from: '09:00', to: '12:00' } }), /hours\[1\] must be an array/],
    ['impossible date', { ...base, extraHolidays: ['2026-02-30'] }, /extraHolidays\[0\] is not a valid 'YYYY-MM-DD' date: "2026-02-30"/],
    ['short year', { ...base, extraWorkingDays: ['26-01-01'] }, /extraWorkingDays\[0\] is not a valid/],
    ['dates not an array', { ...base, extraHolidays: '2026-12-24' }, /extraHolidays must be an array/],
  ])('rejects %s', (_label, config, message) => {
    expect(() => validateCalendar(config)).toThrow(message);
    expect(() => new BusinessCalendar(config as BusinessCalendarConfig)).toThrow(message);
  });

  it('accepts 24:00 as a closing time and empty days', () => {
    expect(() => validateCalendar(withHours({ 1: [{ from: '00:00', to: '24:00' }], 6: [] }))).not.toThrow();
    expect(WEEKDAYS_0830_1800[6]).toBeUndefined();
  });
});
