/**
 * The worker's side of the outbox (issue 5). Each call runs in its own short transaction: a claim
 * takes due rows under a lease (`FOR UPDATE SKIP LOCKED` on MySQL/MariaDB, so two instances never
 * take the same row), a result is written only by the lease's owner.
 */
import type { DeliveryChannel, OutboxEntry, OutboxState } from './outbox.port';

export interface AttemptRecord {
  outboxId: number;
  attempt: number;
  owner: string;
  ok: boolean;
  error: string | null;
  durationMs: number;
}

export type SendOutcome =
  | { kind: 'sent' }
  /** Try again at `dueAt`; `counts` false for a rate limit (429), which is no failure of the message. */
  | { kind: 'retry'; dueAt: Date; error: string; counts: boolean }
  | { kind: 'failed'; error: string }
  /** Nobody to reach on this channel (it is off, or the person has no address there): recorded, not retried. */
  | { kind: 'skipped'; error: string };

export interface OutboxListQuery {
  state?: OutboxState;
  ticketId?: number;
  limit: number;
  afterId?: number;
}

export interface HeldGroup {
  personId: number | null;
  channel: DeliveryChannel;
  address: string;
}

export interface OutboxQueueRepository {
  /** Due pending rows, and rows whose previous lease expired (a crashed sender), leased to `owner`. */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]>;
  /** Writes the outcome if `owner` still holds the lease; false when it was lost meanwhile. */
  settle(id: number, owner: string, outcome: SendOutcome, now: Date): Promise<boolean>;
  /** Gives a leased row back untouched (e.g. a per-channel rate limit says "not before dueAt"). */
  release(id: number, owner: string, dueAt: Date): Promise<void>;
  recordAttempt(a: AttemptRecord, at: Date): Promise<void>;
  attempts(outboxId: number): Promise<Array<AttemptRecord & { at: Date }>>;
  list(q: OutboxListQuery): Promise<OutboxEntry[]>;
  get(id: number): Promise<OutboxEntry | null>;
  /** Parked rows back to pending, attempts reset; all failed rows when `ids` is empty. Returns the count. */
  requeue(ids: number[], now: Date): Promise<number>;
  countByState(): Promise<Partial<Record<OutboxState, number>>>;
  /** Recipients with held rows whose digest hour has ended by `now`. */
  heldGroups(now: Date): Promise<HeldGroup[]>;
  held(group: HeldGroup, now: Date): Promise<OutboxEntry[]>;
  markDigested(ids: number[], digestId: number): Promise<void>;
  /** Retention (R9): delivered and digested rows (with their attempts) and dedupe keys older than `before`. */
  purge(before: Date): Promise<number>;
}

/** A job run's lease: the first instance to take (job, fire time) runs it; the others skip. */
export interface JobLeaseRepository {
  take(job: string, fireAt: Date, owner: string, at: Date): Promise<boolean>;
  finish(job: string, fireAt: Date, error: string | null, at: Date): Promise<void>;
}
