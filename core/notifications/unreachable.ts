import type { Store } from '../shared/store.port';
import type { DeliveryChannel, NewOutboxEntry, OutboxEntry } from './outbox.port';
import { addressOf } from './recipient-routing';

/** The order a person is tried in when a channel cannot reach them: chat, then e-mail, then SMS (R4). */
const ORDER: DeliveryChannel[] = ['slack', 'teams', 'email', 'sms'];

/**
 * A person's message that their channel could not carry (the channel is off, or they never opened a
 * chat with the bot) goes to their next channel that is on and has their address; none: it stays
 * skipped. Only later channels are tried, so a message moves forward and never loops.
 */
export async function nextChannelEntry(store: Store, e: OutboxEntry, isOn: (c: DeliveryChannel) => boolean): Promise<NewOutboxEntry | null> {
  if (e.personId === null) return null;
  const person = await store.people.get(e.personId);
  if (!person || !person.active) return null;
  const prefs = await store.notifications.preferences(e.personId);
  const after = ORDER.slice(ORDER.indexOf(e.channel) + 1);
  // The person's own choices first (in their order), then the defaults.
  const candidates = [...(prefs?.channels ?? []).filter((c) => after.includes(c)), ...after];
  const channel = candidates.find((c) => isOn(c) && addressOf(person, c) !== null);
  if (!channel) return null;
  return {
    channel,
    address: addressOf(person, channel)!,
    personId: e.personId,
    locale: e.locale,
    event: e.event,
    ticketId: e.ticketId,
    urgent: e.urgent,
    params: e.params,
    dedupeKey: e.dedupeKey,
    state: 'pending',
    notBefore: e.notBefore,
    digestAt: null,
  };
}
