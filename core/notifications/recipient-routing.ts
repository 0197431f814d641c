import type { Store } from '../shared/store.port';
import type { Person } from '../people/person.entity';
import type { BusinessCalendar } from '../sla/business-calendar';
import type { DeliveryChannel, NewOutboxEntry, NotificationPreferences } from './outbox.port';

export const HOUR_MS = 3_600_000;

/** The end of the hour `at` falls in: the hourly digest that carries a message written at `at`. */
export const digestHourOf = (at: Date): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);

/** R4 defaults: chat at each change; e-mail when the person has no chat reference; no quiet hours. */
export const defaultPreferences = (personId: number): NotificationPreferences => ({ personId, channels: [], rhythm: 'immediate', quietHours: false });

/** Where a person can be reached on a channel, or null. */
export function addressOf(p: Person, channel: DeliveryChannel): string | null {
  switch (channel) {
    case 'slack':
      return p.slackUserId;
    case 'teams':
      return p.aadObjectId;
    case 'email':
      return p.email;
    case 'sms':
      return p.phone;
  }
}

/** R4 default: the chat the person uses (Slack, else Teams), else e-mail, else SMS. */
const DEFAULT_ORDER: DeliveryChannel[] = ['slack', 'teams', 'email', 'sms'];

/** The channels chosen and reachable; otherwise the first reachable of chat, e-mail, SMS. */
export function channelsFor(p: Person, prefs: NotificationPreferences): DeliveryChannel[] {
  const chosen = prefs.channels.filter((c) => addressOf(p, c) !== null);
  if (chosen.length) return chosen;
  const first = DEFAULT_ORDER.find((c) => addressOf(p, c) !== null);
  return first ? [first] : [];
}

type Base = Omit<NewOutboxEntry, 'channel' | 'address' | 'locale'>;

/** A person's messages: their channels, now or in the hour's digest, outside quiet hours unless urgent. */
export async function routeToPerson(store: Store, at: Date, personId: number, base: Base, calendar: () => Promise<BusinessCalendar>): Promise<NewOutboxEntry[]> {
  const person = await store.people.get(personId);
  if (!person || !person.active) return [];
  const prefs = (await store.notifications.preferences(personId)) ?? defaultPreferences(personId);
  let notBefore = at;
  let state: NewOutboxEntry['state'] = 'pending';
  let digestAt: Date | null = null;
  if (!base.urgent) {
    if (prefs.quietHours) {
      const cal = await calendar();
      if (!cal.isBusinessTime(at)) notBefore = cal.nextOpening(at);
    }
    if (prefs.rhythm === 'hourly') {
      state = 'held';
      digestAt = digestHourOf(notBefore);
    }
  }
  return channelsFor(person, prefs).map((channel) => ({
    ...base,
    personId,
    channel,
    address: addressOf(person, channel)!,
    locale: person.locale,
    state,
    notBefore,
    digestAt,
  }));
}
