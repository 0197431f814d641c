import type { ChatPlatform } from './chat.port';

/**
 * Where a bot can write later without being spoken to (Bot Framework proactive messages): the
 * service URL, conversation, tenant and bot of a conversation it took part in. Stored on every
 * contact and at install, in the database, so another instance can reach the same person.
 */
export type ConversationType = 'personal' | 'channel' | 'groupChat';
export interface ConversationRef {
  platform: ChatPlatform;
  conversationId: string;
  conversationType: ConversationType;
  serviceUrl: string;
  tenantId: string | null;
  botId: string | null;
  /** Personal chats: the person's platform id (Teams: AAD object id, lower case). */
  userId: string | null;
  teamId: string | null;
  /** Channels: the channel id (the conversation id without `;messageid=`). */
  channelId: string | null;
}

export interface ConversationRefRepository {
  /** Insert or refresh by (platform, conversation id): the service URL of a tenant may move. */
  save(ref: ConversationRef, at: Date): Promise<void>;
  get(platform: ChatPlatform, conversationId: string): Promise<ConversationRef | null>;
  /** The person's most recently refreshed personal chat with the bot. */
  personal(platform: ChatPlatform, userId: string): Promise<ConversationRef | null>;
  /** Any conversation of the tenant: its service URL and bot open a personal chat nobody started. */
  anyOfTenant(platform: ChatPlatform, tenantId: string | null): Promise<ConversationRef | null>;
  ofTeam(platform: ChatPlatform, teamId: string): Promise<ConversationRef[]>;
}
