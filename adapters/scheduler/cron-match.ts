import { DateTime } from 'luxon';

/**
 * Whether a 5-field cron rule ('m h dom mon dow', node-schedule syntax: *, lists, ranges, steps)
 * fires at the minute of `at` in `timeZone`. Used by runDue() so tests can fire jobs for a clock
 * time without waiting for node-schedule's real timer.
 */
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function fieldValues(field: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-').map(Number);
      lo = a;
      hi = b === undefined ? (stepText === undefined ? a : max) : b;
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) throw new Error(`invalid cron field "${field}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(cron: string): Set<number>[] {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${cron}" must have 5 fields (minute hour day month weekday)`);
  return fields.map((f, i) => fieldValues(f, RANGES[i]));
}

export function cronMatches(cron: string, at: Date, timeZone: string): boolean {
  const [m, h, dom, mon, dow] = parseCron(cron);
  const d = DateTime.fromJSDate(at, { zone: timeZone });
  const weekday = d.weekday % 7; // luxon: Monday 1 .. Sunday 7; cron: Sunday 0 or 7
  return m.has(d.minute) && h.has(d.hour) && dom.has(d.day) && mon.has(d.month) && (dow.has(weekday) || (weekday === 0 && dow.has(7)));
}
