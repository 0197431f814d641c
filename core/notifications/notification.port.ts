/**
 * What a use case asks to be told to someone (issues 5, 6, 7). Intents are written to the outbox in
 * the caller's transaction by `notify()` (core/notifications/notify.ts); the worker renders and sends
 * them later, so a platform outage delays a message and never loses it.
 */
import type { ChatPlatform } from '../chat/chat.port';

export type NotificationRecipient =
  /** A person: their preferences pick the channels (chat, e-mail, SMS) and the rhythm (now or hourly digest). */
  | { kind: 'person'; personId: number }
  /** A bound channel: a service's technicians channel or a managers' channel. */
  | { kind: 'channel'; platform: ChatPlatform; channelId: string; teamId?: string | null }
  | { kind: 'email'; address: string; locale?: 'fr' | 'en' }
  | { kind: 'sms'; phone: string; locale?: 'fr' | 'en' };

export interface NotificationIntent {
  recipient: NotificationRecipient;
  /** Names the message: 'ticket_created', 'status_changed', 'comment_added', 'sla_warning', 'sla_escalation', 'report_ready', ... */
  event: string;
  ticketId: number | null;
  /** Urgent messages ignore quiet hours and digests. */
  urgent?: boolean;
  /** Values the message is rendered from, in the recipient's language at send time. JSON-safe. */
  params: Record<string, unknown>;
  /** Same key twice = one notification (e.g. 'sla_warning:42:own'); lets sweeps run again safely. */
  dedupeKey?: string;
}
