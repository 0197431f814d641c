/**
 * Storage the notification core needs (issue 5), reached through `Store.notifications` so outbox rows
 * are written in the caller's transaction. Sending, claiming and leases live behind OutboxQueue
 * (outbox-queue.port.ts): they run outside any use case's transaction.
 */
import type { Locale } from '../i18n/catalogue';
import type { JobLeaseRepository, OutboxQueueRepository } from './outbox-queue.port';

export const DELIVERY_CHANNELS = ['slack', 'teams', 'email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** `held`: waits for the person's hourly digest; `digested`: folded into a digest row. */
/** `skipped`: the channel is off, or the person cannot be reached on it (no failure; see unreachable.ts). */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'digested' | 'skipped';

/** One message for one channel of one recipient, as written by notify(). */
export interface NewOutboxEntry {
  channel: DeliveryChannel;
  /** Slack user or channel id, Teams conversation id, e-mail address or phone number. */
  address: string;
  personId: number | null;
  /** Null: the deployment's default language, decided when the message is rendered. */
  locale: Locale | null;
  event: string;
  ticketId: number | null;
  urgent: boolean;
  params: Record<string, unknown>;
  /** The intent's key, kept for admins; uniqueness is enforced by `remember`. */
  dedupeKey: string | null;
  state: 'pending' | 'held';
  /** Quiet hours push a non-urgent message to the next business opening. */
  notBefore: Date;
  /** For held rows: the end of the hour whose digest carries it. */
  digestAt: Date | null;
}

export interface OutboxEntry extends Omit<NewOutboxEntry, 'state'> {
  id: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export const RHYTHMS = ['immediate', 'hourly'] as const;
export type Rhythm = (typeof RHYTHMS)[number];

export interface NotificationPreferences {
  personId: number;
  /** Empty: the defaults (chat where the person has a reference, e-mail otherwise). */
  channels: DeliveryChannel[];
  rhythm: Rhythm;
  /** Non-urgent messages wait for business hours. */
  quietHours: boolean;
}

/** A service's intake: the mailing list that gets every new ticket, and the on-call delay. */
export interface ServiceIntake {
  serviceId: number;
  mailingList: string | null;
  /** Urgent/critical tickets still unclaimed after this many minutes page the on-call person by SMS. */
  oncallAfterMinutes: number;
}

export interface OnCallShift {
  id: number;
  serviceId: number;
  personId: number;
  startsAt: Date;
  endsAt: Date;
}

export interface NotificationRepository extends OutboxQueueRepository, JobLeaseRepository {
  enqueue(e: NewOutboxEntry, at: Date): Promise<number>;
  /** True the first time a dedupe key is seen; false (nothing written) for a repeat. */
  remember(dedupeKey: string, at: Date): Promise<boolean>;
  preferences(personId: number): Promise<NotificationPreferences | null>;
  setPreferences(p: NotificationPreferences, at: Date): Promise<void>;
  intake(serviceId: number): Promise<ServiceIntake | null>;
  setIntake(i: ServiceIntake, at: Date): Promise<void>;
  /** Every service's intake, for the on-call sweep. */
  intakes(): Promise<ServiceIntake[]>;
  shiftsAt(serviceId: number, at: Date): Promise<OnCallShift[]>;
  shifts(serviceId: number): Promise<OnCallShift[]>;
  addShift(s: Omit<OnCallShift, 'id'>, at: Date): Promise<number>;
  deleteShift(id: number): Promise<boolean>;
}
