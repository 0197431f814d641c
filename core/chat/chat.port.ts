/** Chat state kept in the database (DESIGN.md: never only in process memory). Platform-neutral. */
export const CHAT_PLATFORMS = ['slack', 'teams'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export type BindingPurpose = 'technicians' | 'managers';

/** A channel that is a service's queue (technicians) or receives reports (managers). */
export interface ChannelBinding {
  id: number;
  platform: ChatPlatform;
  teamId: string | null;
  channelId: string;
  purpose: BindingPurpose;
  serviceId: number | null;
}

/** `card`: the technician card in a queue channel; `requester_dm`: the thread in the requester's DM. */
export type MessageKind = 'card' | 'requester_dm';
export interface TicketMessage {
  id: number;
  ticketId: number;
  platform: ChatPlatform;
  channelId: string;
  messageTs: string;
  threadTs: string;
  kind: MessageKind;
}

export interface ChatRepository {
  /** One binding per channel and purpose: binding again moves it to the new service. */
  bind(b: Omit<ChannelBinding, 'id'>, at: Date): Promise<void>;
  binding(platform: ChatPlatform, channelId: string, purpose: BindingPurpose): Promise<ChannelBinding | null>;
  /** A service's channels; `null` (a ticket not routed yet) gives every channel of that purpose. */
  bindingsFor(platform: ChatPlatform, purpose: BindingPurpose, serviceId: number | null): Promise<ChannelBinding[]>;
  recordMessage(m: Omit<TicketMessage, 'id'>, at: Date): Promise<void>;
  messagesOf(ticketId: number, platform: ChatPlatform): Promise<TicketMessage[]>;
  /** The ticket's cards on every platform, in one read (a change's plan needs them all). */
  cardsOf(ticketId: number): Promise<TicketMessage[]>;
  messageByThread(platform: ChatPlatform, channelId: string, threadTs: string): Promise<TicketMessage | null>;
  /** True the first time this event id is seen from this source; false for a platform's retry. */
  firstDelivery(source: string, eventId: string, at: Date): Promise<boolean>;
  /** Forgets event ids first seen before `before`; returns how many. */
  pruneInboundEvents(before: Date): Promise<number>;
}
