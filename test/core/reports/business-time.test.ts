import { BusinessCalendar, DEFAULT_CALENDAR } from '../../../core/sla/business-calendar';
import { BusinessTimeTable } from '../../../core/reports/business-time';

/** The report's bulk business-time table agrees with the SLA calendar itself (R8 reports, R10 SLA). */
const calendars: Array<[string, BusinessCalendar]> = [
  ['office hours with French holidays', new BusinessCalendar(DEFAULT_CALENDAR)],
  ['24/7 in Paris (DST days last 23 and 25 hours)', new BusinessCalendar({ timezone: 'Europe/Paris', holidays: 'none', hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ from: '00:00', to: '24:00' }]])) })],
  ['split days in New York, an extra holiday and a working Saturday', new BusinessCalendar({
    timezone: 'America/New_York', holidays: 'none', extraHolidays: ['2026-03-09'], extraWorkingDays: ['2026-03-14'],
    hours: { 1: [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:30' }], 3: [{ from: '02:00', to: '03:30' }], 5: [{ from: '08:00', to: '16:00' }], 6: [{ from: '10:00', to: '12:00' }] },
  })],
];

describe.each(calendars)('business minutes in bulk (R8 reports) on %s', (_name, calendar) => {
  it('equals BusinessCalendar.businessMinutesBetween on 3000 random intervals across holidays and DST changes', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const lo = Date.UTC(2026, 0, 1);
    const span = 365 * 86_400_000;
    const pairs = Array.from({ length: 3000 }, () => {
      const a = lo + Math.floor(rnd() * span);
      return [new Date(a), new Date(a + Math.floor(rnd() * (rnd() < 0.5 ? 2 : 40) * 86_400_000))] as const;
    });
    const table = new BusinessTimeTable(calendar, new Date(lo), new Date(lo + span + 41 * 86_400_000));
    const mismatches = pairs.filter(([a, b]) => Math.abs(table.minutesBetween(a, b) - calendar.businessMinutesBetween(a, b)) > 1e-9);
    expect(mismatches.map(([a, b]) => [a.toISOString(), b.toISOString()])).toEqual([]);
    expect(table.minutesBetween(pairs[0][1], pairs[0][0])).toBe(0);
  });
});
