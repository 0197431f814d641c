/**
 * One job runner for the whole product (issue 5). Jobs are registered by the composition root; the
 * adapter fires them on a cron rule in HELPDESK_TIMEZONE and takes a database lease per run, so with
 * several instances each run happens once.
 */
export interface ScheduledJob {
  /** Unique; also the lease key. */
  name: string;
  /** node-schedule cron syntax, evaluated in HELPDESK_TIMEZONE: '* * * * *', '0 10 * * 1', '0 10 1 * *'. */
  cron: string;
  /**
   * `now` is the scheduled fire time (from the clock), so a job is deterministic under a test clock.
   * `stop` is aborted when the process shuts down: a job working through a backlog returns between
   * two items (each its own transaction), and the next run, on any instance, takes the rest.
   */
  run(now: Date, stop?: AbortSignal): Promise<void>;
}

export interface Scheduler {
  register(job: ScheduledJob): void;
}
