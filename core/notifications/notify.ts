import type { Store } from '../shared/store.port';
import type { NotificationIntent } from './notification.port';
import type { NewOutboxEntry } from './outbox.port';
import { routeToPerson } from './recipient-routing';
import { loadSlaContext } from '../sla/sla-context';
import type { BusinessCalendar } from '../sla/business-calendar';

/**
 * Writes what `intents` ask into the outbox, in the caller's transaction (R4): a change and the
 * messages it causes commit together, so a crash or an outage can delay a message, never lose it.
 * Preferences (channels, hourly digest, quiet hours) are resolved here, at write time; the text is
 * rendered at send time in the recipient's language. A dedupe key seen before writes nothing.
 */
export async function notify(store: Store, at: Date, intents: NotificationIntent[]): Promise<void> {
  let calendar: BusinessCalendar | null = null;
  const businessCalendar = async () => (calendar ??= (await loadSlaContext(store)).calendar);
  for (const intent of intents) {
    if (intent.dedupeKey && !(await store.notifications.remember(intent.dedupeKey, at))) continue;
    for (const entry of await entriesFor(store, at, intent, businessCalendar)) await store.notifications.enqueue(entry, at);
  }
}

async function entriesFor(store: Store, at: Date, intent: NotificationIntent, calendar: () => Promise<BusinessCalendar>): Promise<NewOutboxEntry[]> {
  const base = {
    personId: null,
    event: intent.event,
    ticketId: intent.ticketId,
    urgent: intent.urgent ?? false,
    params: intent.params,
    dedupeKey: intent.dedupeKey ?? null,
    state: 'pending' as const,
    notBefore: at,
    digestAt: null,
  };
  const r = intent.recipient;
  switch (r.kind) {
    case 'channel':
      return [{ ...base, channel: r.platform, address: r.channelId, locale: null }];
    case 'email':
      return [{ ...base, channel: 'email', address: r.address, locale: r.locale ?? null }];
    case 'sms':
      return [{ ...base, channel: 'sms', address: r.phone, locale: r.locale ?? null }];
    case 'person':
      return routeToPerson(store, at, r.personId, base, calendar);
  }
}
