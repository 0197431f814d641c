import type { Store } from '../shared/store.port';
import type { NotificationIntent, NotificationRecipient } from '../notifications/notification.port';
import { CHAT_PLATFORMS, type BindingPurpose } from '../chat/chat.port';
import type { SlaCandidate, SlaClock, SlaLevel } from './sla.port';
import { SLA_LEVELS } from './sla.port';
import { t } from '../i18n/translate';
import type { Locale } from '../i18n/catalogue';

/** A service's bound channels of one purpose, on every platform; a ticket not routed yet reaches them all. */
export async function channelsOf(store: Store, purpose: BindingPurpose, serviceId: number | null): Promise<NotificationRecipient[]> {
  const out: NotificationRecipient[] = [];
  for (const platform of CHAT_PLATFORMS) {
    for (const b of await store.chat.bindingsFor(platform, purpose, purpose === 'managers' ? null : serviceId)) {
      out.push({ kind: 'channel', platform, channelId: b.channelId, teamId: b.teamId });
    }
  }
  return out;
}

const keyOf = (r: NotificationRecipient): string =>
  r.kind === 'person' ? `p${r.personId}` : r.kind === 'channel' ? `${r.platform}:${r.channelId}` : r.kind === 'email' ? r.address : r.phone;

/**
 * The escalation chain (R7, R13): the warning goes to the assignees (the team's channel when nobody
 * has it), the escalation at 100% to the assignees and the service's lead, the last level to the
 * managers' channels. Each intent carries a key naming ticket, clock, level, cycle and recipient.
 */
export async function escalationIntents(store: Store, c: SlaCandidate, clock: SlaClock, level: Exclude<SlaLevel, 0>, cycle: number, locale: Locale): Promise<NotificationIntent[]> {
  const name = SLA_LEVELS[level - 1];
  const people = (ids: number[]): NotificationRecipient[] => ids.map((personId) => ({ kind: 'person', personId }));
  let to: NotificationRecipient[];
  if (level === 1) {
    to = c.assigneeIds.length ? people(c.assigneeIds) : await channelsOf(store, 'technicians', c.serviceId);
  } else if (level === 2) {
    const service = c.serviceId === null ? null : await store.services.get(c.serviceId);
    const lead = service?.leadId ?? null;
    to = [...people(c.assigneeIds.filter((id) => id !== lead)), ...(lead !== null ? people([lead]) : await channelsOf(store, 'technicians', c.serviceId))];
  } else {
    to = await channelsOf(store, 'managers', null);
  }
  const due = clock === 'own' ? c.ownDueAt : c.resolveDueAt;
  const event = level === 1 ? 'sla_warning' : 'sla_escalation';
  const params = { number: c.id, title: c.title, clock, level: name, dueAt: due.toISOString(), priority: c.priority };
  // `text`: the finished sentence in the deployment's language, for renderers that do not know the event.
  const text = t(locale, `notify.${event}`, { ...params, clock: t(locale, `sla.clock.${clock}`) });
  return to.map((recipient) => ({
    recipient,
    event,
    ticketId: c.id,
    urgent: level > 1,
    params: { ...params, text },
    dedupeKey: `sla_${name}:${c.id}:${clock}:${cycle}:${keyOf(recipient)}`,
  }));
}
