import type { Actor } from '../shared/actor';
/**
 * Technician cards, posted and refreshed by the outbox alone (one way out): a ticket filed anywhere
 * reaches every queue channel of every platform, and a change made anywhere shows on every card.
 * One renderer per platform, made real by the composition root (it needs the cards and a view); the
 * bots use the same one for the card a presser sees at once.
 */
import type { ChatPlatform } from '../chat/chat.port';

/** `thread`: a public comment relayed into a card's thread (params: threadTs, author, body). */
export const CARD_EVENTS = { post: 'ticket_card', refresh: 'card_refresh', thread: 'card_thread_comment' } as const;

/** Who a card is drawn for: the queue channel (default) or the person who just pressed a button. */
export interface CardViewer {
  actor: Actor;
}

export interface ChatCards {
  slack(ticketId: number): Promise<{ text: string; blocks: unknown[] }>;
  /** For a viewer: the ticket as they may see it, buttons only for staff (a refusal when they may not see it). */
  teams(ticketId: number, viewer?: CardViewer): Promise<{ card: Record<string, unknown>; summary: string }>;
  /** The first reply under a new Slack card: related articles and similar resolved tickets; null when none. */
  slackSuggestions(ticketId: number): Promise<{ text: string; blocks: unknown[] } | null>;
  /** The one-line event under a card, in the deployment's language. */
  line(params: Record<string, unknown>): string;
  /** A relayed comment as it reads in a card thread: author and words, in the deployment's language. */
  comment(params: Record<string, unknown>, platform: ChatPlatform): string;
}
