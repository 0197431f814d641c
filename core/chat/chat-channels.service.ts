import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { requireAdmin } from '../people/require-role';
import { slugify } from '../people/service.lookup';
import { audit } from '../tickets/ticket-change';
import type { Service } from '../people/person.entity';
import type { BindingPurpose, ChannelBinding, ChatPlatform, TicketMessage } from './chat.port';

export interface BindInput {
  platform: ChatPlatform;
  teamId: string | null;
  channelId: string;
  purpose: BindingPurpose;
  /** Technicians' channels name their service; it is created when it does not exist yet. */
  service?: string;
}

/** `setup technicians <service>` / `setup managers` (admins only): the binding lives in the database. */
export async function bindChannel(deps: CoreDeps, actor: Actor, input: BindInput): Promise<{ binding: ChannelBinding; service: Service | null }> {
  requireAdmin(actor);
  if (!/^[A-Za-z0-9:_@.-]{1,64}$/.test(input.channelId)) throw new HelpdeskError('validation_failed', {}, [{ path: 'channel', message: 'invalid channel id' }]);
  try {
    return await bindOnce(deps, actor, input);
  } catch (e) {
    // Someone created the same service (or bound the same channel) at the same moment: run again on their row.
    if (!deps.uow.isUniqueViolation(e)) throw e;
    return bindOnce(deps, actor, input);
  }
}

function bindOnce(deps: CoreDeps, actor: Actor, input: BindInput): Promise<{ binding: ChannelBinding; service: Service | null }> {
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    let service: Service | null = null;
    if (input.purpose === 'technicians') {
      const name = (input.service ?? '').trim().slice(0, 120);
      const slug = slugify(name);
      if (!slug) throw new HelpdeskError('validation_failed', {}, [{ path: 'service', message: 'needs letters or digits' }]);
      const byName = async () => (await store.services.list()).find((s) => slugify(s.name) === slug) ?? null;
      service = (await store.services.findBySlug(slug)) ?? (await byName());
      if (!service) {
        const id = await store.services.insert({ slug, name, leadId: null });
        await audit({ store, actor, now }, null, 'service_created', null, { id, slug, name }, 'service', id);
        service = (await store.services.get(id))!;
      }
    }
    const b = { platform: input.platform, teamId: input.teamId, channelId: input.channelId, purpose: input.purpose, serviceId: service?.id ?? null };
    await store.chat.bind(b, now);
    await audit({ store, actor, now }, null, 'channel_bound', null, b, 'service', service?.id ?? null);
    return { binding: (await store.chat.binding(b.platform, b.channelId, b.purpose))!, service };
  });
}

/** The queue channels a ticket of this service is posted to. */
export function queueChannels(deps: CoreDeps, platform: ChatPlatform, serviceId: number | null): Promise<ChannelBinding[]> {
  return deps.uow.read.chat.bindingsFor(platform, 'technicians', serviceId);
}

/** Where a ticket was posted (cards, the requester's DM thread), so changes reach the same messages. */
export function recordTicketMessage(deps: CoreDeps, m: Omit<TicketMessage, 'id'>): Promise<void> {
  return deps.uow.read.chat.recordMessage(m, deps.clock.now());
}
export function ticketMessages(deps: CoreDeps, platform: ChatPlatform, ticketId: number): Promise<TicketMessage[]> {
  return deps.uow.read.chat.messagesOf(ticketId, platform);
}
export function messageInThread(deps: CoreDeps, platform: ChatPlatform, channelId: string, threadTs: string): Promise<TicketMessage | null> {
  return deps.uow.read.chat.messageByThread(platform, channelId, threadTs);
}

/** Platforms retry (Slack after 3 s): the first delivery of an event id wins, the others do nothing. */
export function firstDelivery(deps: CoreDeps, source: string, eventId: string): Promise<boolean> {
  return deps.uow.read.chat.firstDelivery(source, eventId, deps.clock.now());
}
