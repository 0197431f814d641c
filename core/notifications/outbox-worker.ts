import type { UnitOfWork } from '../shared/store.port';
import type { Clock } from '../shared/clock.port';
import type { DeliveryChannel, OutboxEntry } from './outbox.port';
import type { SendOutcome } from './outbox-queue.port';
import { renderMessage, type RenderOptions } from './render';
import { SendFailure, type Sender } from './sender.port';
import { RateLimiter } from './rate-limiter';
import { nextChannelEntry } from './unreachable';

export interface WorkerOptions {
  uow: UnitOfWork;
  clock: Clock;
  senders: Partial<Record<DeliveryChannel, Sender>>;
  render: RenderOptions;
  /** Names this worker in leases and attempt records. */
  owner: string;
  batchSize?: number;
  concurrency?: number;
  /** How long a claimed row stays ours; a crashed worker's rows come back after it. */
  leaseMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Minimum gap between two messages to one address (Slack ~1/s per channel, Teams 7/s per conversation). */
  minGapMs?: Partial<Record<DeliveryChannel, number>>;
  pollMs?: number;
  onError?: (err: unknown) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A rate-limited row waits in memory this long at most; beyond, it goes back to the table. */
const MAX_INLINE_WAIT_MS = 1500;

/**
 * Sends the outbox (issue 5): claims due rows under a lease, sends each through its channel, records
 * every attempt, retries with exponential backoff and jitter (or the peer's Retry-After), and parks a
 * row as `failed` after `maxAttempts`. Several workers, in one process or many, never share a row.
 */
export class OutboxWorker {
  private readonly o: Required<Omit<WorkerOptions, 'onError'>> & Pick<WorkerOptions, 'onError'>;
  private readonly limiter: RateLimiter;
  private draining: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;

  get senders(): Partial<Record<DeliveryChannel, Sender>> {
    return this.o.senders;
  }

  constructor(opts: WorkerOptions) {
    this.o = {
      batchSize: 50,
      concurrency: 8,
      leaseMs: 60_000,
      maxAttempts: 8,
      backoffBaseMs: 2_000,
      backoffMaxMs: 15 * 60_000,
      minGapMs: { slack: 1000, teams: 143 },
      pollMs: 1000,
      ...opts,
    };
    this.limiter = new RateLimiter(this.o.minGapMs);
  }

  /** Polls for due rows (retries, quiet hours' end, rows another instance left behind). */
  start(): void {
    if (this.polling || this.closed) return;
    this.polling = true;
    const tick = () => {
      this.timer = setTimeout(() => {
        this.drain().catch((err) => this.o.onError?.(err)).finally(() => this.polling && tick());
      }, this.o.pollMs);
      this.timer.unref?.();
    };
    tick();
  }

  /**
   * Stops after the messages being sent: no new batch is claimed, and the rows claimed but not yet
   * sent are released at once, so the next worker (here after a restart, or another instance) sends them.
   */
  async stop(): Promise<void> {
    this.polling = false;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  /** Resolves once no drain is running (tests wait for it before wiping the database). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }

  /** After a commit that wrote outbox rows: send now rather than at the next poll. */
  kick(): void {
    if (this.closed) return;
    this.drain().catch((err) => this.o.onError?.(err));
  }

  /** Sends everything due now; returns how many rows were handled. One drain at a time per worker. */
  drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            if (this.closed) break;
            const n = await this.batch();
            total += n;
            if (n === 0) break;
          }
        } while (this.again && !this.closed);
      } finally {
        this.draining = null;
      }
      return total;
    })();
    return this.draining;
  }

  private async batch(): Promise<number> {
    const now = this.o.clock.now();
    const rows = await this.o.uow.transaction((s) => s.notifications.claim(this.o.owner, now, new Date(now.getTime() + this.o.leaseMs), this.o.batchSize));
    // Rows for one address go in order, one after the other; different addresses go in parallel.
    const lanes = new Map<string, OutboxEntry[]>();
    for (const r of rows) {
      const key = `${r.channel}:${r.address}`;
      lanes.set(key, [...(lanes.get(key) ?? []), r]);
    }
    // In the order they were written: a retried row is due later than the rows queued behind it.
    const queue = [...lanes.values()].map((lane) => lane.sort((a, b) => a.id - b.id));
    const workers = Array.from({ length: Math.min(this.o.concurrency, queue.length) }, async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (let i = 0; i < lane.length; i++) {
          // Shutting down: what is not sent yet goes back, due now, for whichever worker claims next.
          if (this.closed) {
            for (const rest of lane.slice(i)) await this.giveBack(rest);
            break;
          }
          if (await this.deliver(lane[i])) continue;
          // This row waits (retry, rate limit): the lane's later rows wait behind it, to keep the order.
          for (const later of lane.slice(i + 1)) await this.o.uow.transaction((s) => s.notifications.release(later.id, this.o.owner, this.o.clock.now()));
          break;
        }
      }
    });
    await Promise.all(workers);
    return rows.length;
  }

  /** Shutting down: the row is due again now, for whichever worker claims next. */
  private async giveBack(e: OutboxEntry): Promise<void> {
    await this.o.uow.transaction((s) => s.notifications.release(e.id, this.o.owner, this.o.clock.now())).catch((err) => this.o.onError?.(err));
  }

  /** False when the row is to be tried again later (its lane must not overtake it). */
  private async deliver(e: OutboxEntry): Promise<boolean> {
    const slot = this.limiter.reserve(e.channel, e.address, Date.now(), MAX_INLINE_WAIT_MS);
    if (slot.defer) {
      await this.o.uow.transaction((s) => s.notifications.release(e.id, this.o.owner, new Date(this.o.clock.now().getTime() + slot.waitMs)));
      return false;
    }
    if (slot.waitMs > 0) await sleep(slot.waitMs);
    const started = Date.now();
    let outcome: SendOutcome;
    let error: string | null = null;
    try {
      const sender = this.o.senders[e.channel];
      if (!sender) throw new SendFailure(`${e.channel} is off (not configured)`, { permanent: true, unreachable: true });
      await sender.send(renderMessage(e, this.o.render), e);
      outcome = { kind: 'sent' };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      outcome = this.afterFailure(e, err, error);
    }
    const now = this.o.clock.now();
    await this.o.uow.transaction(async (s) => {
      await s.notifications.recordAttempt({ outboxId: e.id, attempt: e.attempts + 1, owner: this.o.owner, ok: error === null, error, durationMs: Date.now() - started }, now);
      const settled = await s.notifications.settle(e.id, this.o.owner, outcome, now);
      // Skipped and its replacement commit together: the message is neither lost nor sent twice.
      if (settled && outcome.kind === 'skipped') {
        const next = await nextChannelEntry(s, e, (c) => !!this.o.senders[c]);
        if (next) await s.notifications.enqueue(next, now);
      }
    });
    return outcome.kind !== 'retry';
  }

  private afterFailure(e: OutboxEntry, err: unknown, error: string): SendOutcome {
    const f = err instanceof SendFailure ? err.opts : {};
    if (f.unreachable) return { kind: 'skipped', error };
    if (f.permanent) return { kind: 'failed', error };
    const now = this.o.clock.now().getTime();
    // A 429 says "not yet", not "broken": it does not use up the message's tries.
    if (f.retryAfterMs !== undefined) return { kind: 'retry', dueAt: new Date(now + f.retryAfterMs), error, counts: false };
    const attempt = e.attempts + 1;
    if (attempt >= this.o.maxAttempts) return { kind: 'failed', error };
    const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attempt - 1));
    // Jitter spreads the retries of one outage so the peer is not hit by all of them at once.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    return { kind: 'retry', dueAt: new Date(now + delay), error, counts: true };
  }
}
