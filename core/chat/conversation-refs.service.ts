import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { ChatPlatform } from './chat.port';
import type { ConversationRef } from './conversation-ref.port';

const ID = /^[\x21-\x7e]{1,191}$/;

/**
 * Remembers where a conversation lives (every contact, every install), so proactive messages work
 * from any instance (DESIGN.md: never only in process memory). A malformed reference is refused
 * rather than stored, since a bad service URL would later send our messages elsewhere.
 */
export async function rememberConversation(deps: CoreDeps, ref: ConversationRef): Promise<void> {
  if (!ID.test(ref.conversationId) || !/^https?:\/\/[^\s]{1,490}$/.test(ref.serviceUrl)) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'conversation', message: 'invalid conversation reference' }]);
  }
  await deps.uow.read.conversationRefs.save({ ...ref, userId: ref.userId?.toLowerCase() ?? null }, deps.clock.now());
}

export function conversationRef(deps: CoreDeps, platform: ChatPlatform, conversationId: string): Promise<ConversationRef | null> {
  return deps.uow.read.conversationRefs.get(platform, conversationId);
}

/** The person's personal chat with the bot, or what it takes to open one (a conversation of their tenant). */
export async function personalConversation(deps: CoreDeps, platform: ChatPlatform, userId: string): Promise<{ ref: ConversationRef | null; tenant: ConversationRef | null }> {
  const read = deps.uow.read.conversationRefs;
  const ref = await read.personal(platform, userId.toLowerCase());
  return { ref, tenant: ref ? null : await read.anyOfTenant(platform, null) };
}

export function teamConversations(deps: CoreDeps, platform: ChatPlatform, teamId: string): Promise<ConversationRef[]> {
  return deps.uow.read.conversationRefs.ofTeam(platform, teamId);
}
