import type {
  NewOutboxEntry,
  NotificationPreferences,
  NotificationRepository,
  OnCallShift,
  ServiceIntake,
} from '../../../core/notifications/outbox.port';
import type { Sql } from '../sql';
import { SqlPreferenceRepository } from './preference.repository';
import { SqlOnCallRepository } from './oncall.repository';
import { SqlOutboxQueue } from './outbox-queue.repository';
import { SqlLeaseRepository } from './lease.repository';
import type { OutboxEntry, OutboxState } from '../../../core/notifications/outbox.port';
import type { AttemptRecord, HeldGroup, OutboxListQuery, SendOutcome } from '../../../core/notifications/outbox-queue.port';

/** Store.notifications: the outbox writes here, preferences and rota in their own files. */
export class SqlNotificationRepository implements NotificationRepository {
  private readonly prefs: SqlPreferenceRepository;
  private readonly rota: SqlOnCallRepository;
  private readonly queue: SqlOutboxQueue;
  private readonly leases: SqlLeaseRepository;

  constructor(private readonly sql: Sql) {
    this.prefs = new SqlPreferenceRepository(sql);
    this.rota = new SqlOnCallRepository(sql);
    this.queue = new SqlOutboxQueue(sql);
    this.leases = new SqlLeaseRepository(sql);
  }

  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]> {
    return this.queue.claim(owner, now, leaseUntil, limit);
  }
  settle(id: number, owner: string, outcome: SendOutcome, now: Date): Promise<boolean> {
    return this.queue.settle(id, owner, outcome, now);
  }
  release(id: number, owner: string, dueAt: Date): Promise<void> {
    return this.queue.release(id, owner, dueAt);
  }
  recordAttempt(a: AttemptRecord, at: Date): Promise<void> {
    return this.queue.recordAttempt(a, at);
  }
  attempts(outboxId: number): Promise<Array<AttemptRecord & { at: Date }>> {
    return this.queue.attempts(outboxId);
  }
  list(q: OutboxListQuery): Promise<OutboxEntry[]> {
    return this.queue.list(q);
  }
  get(id: number): Promise<OutboxEntry | null> {
    return this.queue.get(id);
  }
  requeue(ids: number[], now: Date): Promise<number> {
    return this.queue.requeue(ids, now);
  }
  countByState(): Promise<Partial<Record<OutboxState, number>>> {
    return this.queue.countByState();
  }
  heldGroups(now: Date): Promise<HeldGroup[]> {
    return this.queue.heldGroups(now);
  }
  held(group: HeldGroup, now: Date): Promise<OutboxEntry[]> {
    return this.queue.held(group, now);
  }
  markDigested(ids: number[], digestId: number): Promise<void> {
    return this.queue.markDigested(ids, digestId);
  }
  purge(before: Date): Promise<number> {
    return this.queue.purge(before);
  }
  take(job: string, fireAt: Date, owner: string, at: Date): Promise<boolean> {
    return this.leases.take(job, fireAt, owner, at);
  }
  finish(job: string, fireAt: Date, error: string | null, at: Date): Promise<void> {
    return this.leases.finish(job, fireAt, error, at);
  }

  async enqueue(e: NewOutboxEntry, at: Date): Promise<number> {
    return this.sql.insert(
      'INSERT INTO outbox (channel, address, person_id, locale, event, ticket_id, urgent, params, dedupe_key, state, attempts, due_at, digest_at, created_at) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)',
      [e.channel, e.address, e.personId, e.locale, e.event, e.ticketId, e.urgent, JSON.stringify(e.params), e.dedupeKey, e.state, e.notBefore, e.digestAt, at],
    );
  }

  async remember(dedupeKey: string, at: Date): Promise<boolean> {
    // Insert-or-ignore: the count says whether this key is new, without aborting the caller's transaction.
    const changed = await this.sql.run(this.sql.insertIgnoreSql('notification_keys', ['dedupe_key', 'created_at'], ['dedupe_key']), [dedupeKey, at]);
    return changed === 1;
  }

  preferences(personId: number): Promise<NotificationPreferences | null> {
    return this.prefs.get(personId);
  }
  setPreferences(p: NotificationPreferences, at: Date): Promise<void> {
    return this.prefs.set(p, at);
  }
  intake(serviceId: number): Promise<ServiceIntake | null> {
    return this.prefs.intake(serviceId);
  }
  setIntake(i: ServiceIntake, at: Date): Promise<void> {
    return this.prefs.setIntake(i, at);
  }
  intakes(): Promise<ServiceIntake[]> {
    return this.prefs.intakes();
  }
  shiftsAt(serviceId: number, at: Date): Promise<OnCallShift[]> {
    return this.rota.at(serviceId, at);
  }
  shifts(serviceId: number): Promise<OnCallShift[]> {
    return this.rota.list(serviceId);
  }
  addShift(s: Omit<OnCallShift, 'id'>, at: Date): Promise<number> {
    return this.rota.add(s, at);
  }
  deleteShift(id: number): Promise<boolean> {
    return this.rota.delete(id);
  }
}
