import type { UnitOfWork } from '../shared/store.port';
import type { Clock } from '../shared/clock.port';
import type { InboxEntry, InboxOutcome, InboxRepository, InboxSource } from './inbox.port';

/** What a source does with one stored input: the same handlers the receiving request would have run. */
export type Dispatch = (payload: unknown, entry: InboxEntry) => Promise<void>;

export interface InboxOptions {
  uow: UnitOfWork;
  /** Where receivers store inputs (a pool the workers never hold); `uow.read.inbox` when absent. */
  ingest?: Pick<InboxRepository, 'store'>;
  clock: Clock;
  /** Names this instance in leases. */
  owner: string;
  /** Rows claimed per round trip: memory holds at most this many inputs, whatever the inbound rate. */
  batchSize?: number;
  concurrency?: number;
  /** How long a claimed row stays ours; a crashed instance's rows come back after it. */
  leaseMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  pollMs?: number;
  onError?: (err: unknown, entry?: InboxEntry) => void;
}

export interface InboxStats {
  received: Record<string, number>;
  duplicates: Record<string, number>;
  done: Record<string, number>;
  retried: Record<string, number>;
  parked: Record<string, number>;
}

const bump = (m: Record<string, number>, k: string) => void (m[k] = (m[k] ?? 0) + 1);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * The inbox (DESIGN.md: store, then acknowledge, then work). `receive` is the one storing step every
 * receiver calls before it acknowledges; `inline` is the same row worked on at once by the request
 * (a platform's window); the worker claims due rows in batches under a lease (SKIP LOCKED on MySQL),
 * hands each to its source's dispatch function, retries with backoff and parks a row after N tries.
 */
export class Inbox {
  private readonly o: Required<Omit<InboxOptions, 'onError' | 'ingest'>> & Pick<InboxOptions, 'onError' | 'ingest'>;
  private readonly dispatchers = new Map<InboxSource, Dispatch>();
  private draining: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;
  /** In-process counters: they only grow (Prometheus reads a drop as a restart). */
  readonly stats: InboxStats = { received: {}, duplicates: {}, done: {}, retried: {}, parked: {} };

  constructor(opts: InboxOptions) {
    this.o = { batchSize: 32, concurrency: 8, leaseMs: 60_000, maxAttempts: 8, backoffBaseMs: 2_000, backoffMaxMs: 15 * 60_000, pollMs: 1000, ...opts };
  }

  private store(): Pick<InboxRepository, 'store'> {
    return this.o.ingest ?? this.o.uow.read.inbox;
  }

  get owner(): string {
    return this.o.owner;
  }

  /** Each source registers the function that works on its stored inputs (bots do, when they are built). */
  handle(source: InboxSource, dispatch: Dispatch): void {
    this.dispatchers.set(source, dispatch);
  }

  /** Stores the input for the workers; false for a redelivery (already stored). Acknowledge after it resolves. */
  async receive(source: InboxSource, key: string, payload: unknown): Promise<boolean> {
    const fresh = await this.store().store({ source, key, payload: JSON.stringify(payload) }, this.o.clock.now());
    bump(fresh ? this.stats.received : this.stats.duplicates, source);
    if (fresh) this.kick();
    return fresh;
  }

  /**
   * Stores the input leased to this request and runs `work` now (a modal from a trigger id, an invoke's
   * card). A redelivery runs nothing: `{ fresh: false }`. If the process dies meanwhile the lease runs
   * out and a worker finishes it through the dispatch function; a failure is retried the same way
   * when `retry` is set, parked otherwise (the platform's window is gone).
   */
  async inline<T>(source: InboxSource, key: string, payload: unknown, work: () => Promise<T>, opts: { retry?: boolean } = {}): Promise<{ fresh: false } | { fresh: true; result: T }> {
    const now = this.o.clock.now();
    const lease = { owner: this.o.owner, until: new Date(now.getTime() + this.o.leaseMs) };
    const fresh = await this.store().store({ source, key, payload: JSON.stringify(payload), lease }, now);
    bump(fresh ? this.stats.received : this.stats.duplicates, source);
    if (!fresh) return { fresh: false };
    let result: T;
    try {
      result = await work();
    } catch (err) {
      const outcome: InboxOutcome = opts.retry ? this.afterFailure(1, err) : { kind: 'failed', error: message(err) };
      await this.settle(source, key, outcome);
      throw err;
    }
    await this.settle(source, key, { kind: 'done' });
    return { fresh: true, result };
  }

  /** Polls for due rows (retries, and rows another instance left behind when it died). */
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
    this.kick();
  }

  async stop(): Promise<void> {
    this.polling = false;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.draining) await this.draining.catch(() => undefined);
  }

  kick(): void {
    if (this.closed) return;
    this.drain().catch((err) => this.o.onError?.(err));
  }

  /** Works through everything due now, a batch at a time; one drain per instance. */
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
            // Stopping: the batch in hand finishes, no new one is taken (the rest waits in the table).
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
    const rows = await this.o.uow.transaction((s) => s.inbox.claim(this.o.owner, now, new Date(now.getTime() + this.o.leaseMs), this.o.batchSize));
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.o.concurrency, rows.length) }, async () => {
      for (let i = next++; i < rows.length; i = next++) {
        // Between two inputs, let waiting requests run first: acks share this event loop with the work.
        await new Promise((r) => setImmediate(r));
        await this.work(rows[i]);
      }
    });
    await Promise.all(lanes);
    return rows.length;
  }

  private async work(e: InboxEntry): Promise<void> {
    let outcome: InboxOutcome;
    try {
      const dispatch = this.dispatchers.get(e.source);
      if (!dispatch) throw new Error(`no ${e.source} receiver on this instance`);
      await dispatch(JSON.parse(e.payload), e);
      outcome = { kind: 'done' };
    } catch (err) {
      this.o.onError?.(err, e);
      outcome = this.afterFailure(e.attempts + 1, err);
    }
    await this.settle(e.source, e.key, outcome).catch((err) => this.o.onError?.(err, e));
  }

  private async settle(source: InboxSource, key: string, outcome: InboxOutcome): Promise<void> {
    const mine = await this.o.uow.read.inbox.settle(source, key, this.o.owner, outcome, this.o.clock.now());
    if (!mine) return;
    bump(outcome.kind === 'done' ? this.stats.done : outcome.kind === 'retry' ? this.stats.retried : this.stats.parked, source);
  }

  private afterFailure(attempt: number, err: unknown): InboxOutcome {
    const error = message(err);
    if (attempt >= this.o.maxAttempts) return { kind: 'failed', error };
    const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (attempt - 1));
    // Jitter spreads the retries of one outage so the peer is not hit by all of them at once.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    return { kind: 'retry', dueAt: new Date(this.o.clock.now().getTime() + delay), error };
  }
}
