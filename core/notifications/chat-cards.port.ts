/**
 * Technician cards posted and refreshed by the outbox, for tickets and changes that did not come
 * through that platform's own bot (which handles its own at once): a ticket filed on the web, by
 * REST, by SMS or in the other chat reaches every queue channel, and a change made anywhere shows on
 * every card. The renderer is made real by the composition root (it needs the cards and a view).
 */
import type { ChatPlatform } from '../chat/chat.port';

/** `thread`: a public comment relayed into a card's thread (params: threadTs, author, body). */
export const CARD_EVENTS = { post: 'ticket_card', refresh: 'card_refresh', thread: 'card_thread_comment' } as const;

export interface ChatCards {
  slack(ticketId: number): Promise<{ text: string; blocks: unknown[] }>;
  teams(ticketId: number): Promise<{ card: Record<string, unknown>; summary: string }>;
  /** The one-line event under a card, in the deployment's language. */
  line(params: Record<string, unknown>): string;
  /** A relayed comment as it reads in a card thread: author and words, in the deployment's language. */
  comment(params: Record<string, unknown>, platform: ChatPlatform): string;
}
