/**
 * The durable inbox (DESIGN.md: store, then acknowledge, then work). Each chat input is one row,
 * written in one statement before the platform gets its acknowledgement; workers lease rows the way
 * the outbox's sender does. `(source, key)` is unique: a platform's redelivery inserts nothing.
 */
export const INBOX_SOURCES = ['slack', 'teams', 'web', 'sms'] as const;
export type InboxSource = (typeof INBOX_SOURCES)[number];

/** `pending`: waiting for a worker; `working`: leased (by a worker, or by the request running it inline); `failed`: parked. */
export const INBOX_STATES = ['pending', 'working', 'done', 'failed'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export interface InboxEntry {
  id: number;
  source: InboxSource;
  key: string;
  /** The platform's payload as received (JSON text), handed back to that source's dispatch function. */
  payload: string;
  state: InboxState;
  attempts: number;
  dueAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface NewInput {
  source: InboxSource;
  key: string;
  payload: string;
  /** Set when the receiving request works on it at once (a platform's window): leased to it until then. */
  lease?: { owner: string; until: Date };
}

export type InboxOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; dueAt: Date; error: string }
  | { kind: 'failed'; error: string };

export interface InboxRepository {
  /** One INSERT; false when (source, key) is already there (a redelivery). */
  store(input: NewInput, at: Date): Promise<boolean>;
  /** Due pending rows and rows whose lease ran out (a crashed worker), leased to `owner`. */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<InboxEntry[]>;
  /** Writes the outcome if `owner` still holds the lease; false when it was lost meanwhile. */
  settle(source: InboxSource, key: string, owner: string, outcome: InboxOutcome, now: Date): Promise<boolean>;
  list(q: { state?: InboxState; source?: InboxSource; limit: number; afterId?: number }): Promise<InboxEntry[]>;
  /** Parked rows back to pending with their tries reset: all, or the ids given. Returns the count. */
  requeue(ids: number[], now: Date): Promise<number>;
  countByState(): Promise<Array<{ source: string; state: string; count: number }>>;
  /** Retention: done rows older than `before` (a platform never redelivers that late). */
  purge(before: Date): Promise<number>;
}
