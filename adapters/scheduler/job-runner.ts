import { randomUUID } from 'node:crypto';
import schedule from 'node-schedule';
import type { ScheduledJob, Scheduler } from '../../core/shared/scheduler.port';
import type { UnitOfWork } from '../../core/shared/store.port';
import type { Clock } from '../../core/shared/clock.port';
import { cronMatches, parseCron } from './cron-match';

export interface JobRunnerOptions {
  uow: UnitOfWork;
  clock: Clock;
  timeZone: string;
  /** Names this instance in the lease rows. */
  owner?: string;
  onError?: (job: string, err: unknown) => void;
}

/**
 * The product's one job runner (issue 5) on node-schedule. Each run first takes a lease row keyed by
 * (job, scheduled fire time): with several instances on one database, exactly one runs it.
 */
export class JobRunner implements Scheduler {
  readonly owner: string;
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly timers: schedule.Job[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private started = false;
  private stopping = new AbortController();

  constructor(private readonly o: JobRunnerOptions) {
    this.owner = o.owner ?? `runner-${randomUUID().slice(0, 8)}`;
  }

  register(job: ScheduledJob): void {
    if (this.jobs.has(job.name)) throw new Error(`scheduled job "${job.name}" is registered twice`);
    parseCron(job.cron); // a bad rule fails at start, not at its first fire
    this.jobs.set(job.name, job);
    if (this.started) this.arm(job);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    for (const job of this.jobs.values()) this.arm(job);
  }

  /** Stops the timers, tells the runs in flight to stop after their current item, and waits for them. */
  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.timers.splice(0)) t.cancel();
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Runs every job whose rule matches the minute of `now` (tests drive the clock with this). */
  async runDue(now: Date): Promise<string[]> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const ran: string[] = [];
    for (const job of this.jobs.values()) {
      if (cronMatches(job.cron, minute, this.o.timeZone) && (await this.fire(job.name, minute))) ran.push(job.name);
    }
    return ran;
  }

  /** One run of `name` for `fireAt`, if no instance took that run yet; true when this one ran it. */
  async fire(name: string, fireAt: Date): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no scheduled job named "${name}"`);
    const stop = this.stopping.signal;
    const run = (async () => {
      if (stop.aborted) return false;
      const mine = await this.o.uow.transaction((s) => s.notifications.take(name, fireAt, this.owner, this.o.clock.now()));
      if (!mine) return false;
      let error: string | null = null;
      try {
        await job.run(fireAt, stop);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.o.onError?.(name, err);
      }
      await this.o.uow.transaction((s) => s.notifications.finish(name, fireAt, error, this.o.clock.now()));
      return true;
    })();
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }

  private arm(job: ScheduledJob): void {
    const timer = schedule.scheduleJob({ rule: job.cron, tz: this.o.timeZone }, (fireDate: Date) => {
      // Whole-minute fire times keep the lease key identical across instances whose timers drift.
      const at = new Date(Math.floor(fireDate.getTime() / 60_000) * 60_000);
      this.fire(job.name, at).catch((err) => this.o.onError?.(job.name, err));
    });
    if (timer) this.timers.push(timer);
  }
}
