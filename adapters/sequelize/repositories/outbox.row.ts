import type { DeliveryChannel, OutboxEntry, OutboxState } from '../../../core/notifications/outbox.port';
import type { Locale } from '../../../core/i18n/catalogue';
import { toBool, toDate, toDateOrNull, toInt, toIntOrNull, toStrOrNull, type Row } from '../sql';

export const OUTBOX_COLUMNS =
  'id, channel, address, person_id, locale, event, ticket_id, urgent, params, dedupe_key, state, attempts, due_at, digest_at, last_error, sent_at, created_at';

export function toOutboxEntry(r: Row): OutboxEntry {
  return {
    id: toInt(r.id),
    channel: String(r.channel) as DeliveryChannel,
    address: String(r.address),
    personId: toIntOrNull(r.person_id),
    locale: (toStrOrNull(r.locale) as Locale | null) ?? null,
    event: String(r.event),
    ticketId: toIntOrNull(r.ticket_id),
    urgent: toBool(r.urgent),
    params: JSON.parse(String(r.params)) as Record<string, unknown>,
    dedupeKey: toStrOrNull(r.dedupe_key),
    state: String(r.state) as OutboxState,
    attempts: toInt(r.attempts),
    notBefore: toDate(r.due_at),
    digestAt: toDateOrNull(r.digest_at),
    lastError: toStrOrNull(r.last_error),
    sentAt: toDateOrNull(r.sent_at),
    createdAt: toDate(r.created_at),
  };
}
