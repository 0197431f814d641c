import type { DurationStat, Rate, Trend } from './report.entity';

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

export function mean(xs: number[]): number | null {
  return xs.length ? oneDecimal(xs.reduce((a, b) => a + b, 0) / xs.length) : null;
}

/** The middle value, or the mean of the two middle values of an even count. */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return oneDecimal(s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2);
}

export const durationStat = (xs: number[]): DurationStat => ({ count: xs.length, meanMinutes: mean(xs), medianMinutes: median(xs) });

export const rate = (met: number, total: number): Rate => ({ met, total, percent: total ? oneDecimal((100 * met) / total) : null });

export function trend(current: number, previous: number): Trend {
  if (previous === 0 && current > 0) return 'new';
  return current > previous ? 'up' : current < previous ? 'down' : 'stable';
}

/** Recurring means at least twice in the period; the ten most frequent are shown. */
export const RECURRING_MIN = 2;
export const RECURRING_TOP = 10;
