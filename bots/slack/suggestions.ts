import { suggestArticlesForTicket } from '../../core/kb/suggest-articles-for-ticket.service';
import { queueAudience } from '../../core/chat/queue-audience';
import { ticketSuggestionsBlocks } from '../../cards/ticket-suggestions.blocks';
import type { SlackContext } from './context';

/**
 * Issue 8 item 5: what a technician should read before working a new ticket, posted as the first
 * reply under its card. Best effort: a failed search never keeps the card from being posted.
 */
export async function ticketSuggestions(ctx: SlackContext, n: number, serviceId: number | null): Promise<{ text: string; blocks: unknown[] } | null> {
  try {
    const s = await suggestArticlesForTicket(ctx.deps, queueAudience(serviceId, ctx.deps.defaultLocale), n);
    return ticketSuggestionsBlocks(s, { locale: ctx.deps.defaultLocale, publicUrl: ctx.publicUrl });
  } catch (err) {
    ctx.log.warn({ err, ticket: n }, 'ticket suggestions failed');
    return null;
  }
}
