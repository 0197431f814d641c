/** Time is a port so SLA and scheduling tests can run on a controlled clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
