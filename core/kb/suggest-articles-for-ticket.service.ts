import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import type { Status } from '../tickets/ticket.entity';
import { loadTicket } from '../tickets/ticket-change';
import { assertCanWork, scopeFor } from '../tickets/ticket.access';
import { queryTerms } from './kb-text';
import { summaryViews, ArticleSummary } from './kb.view';

export interface SimilarTicket {
  number: number;
  title: string;
  status: Status;
  resolvedAt: Date | null;
  resolution: string | null;
}

/** How many recently resolved tickets are compared: recent fixes are the relevant ones, and it bounds the cost. */
const RECENT_RESOLVED = 300;

/**
 * For the technician's card (R15, R7): published articles related to the ticket (internal ones
 * included) and similar tickets already resolved, among those the technician may see.
 */
export async function suggestArticlesForTicket(
  deps: CoreDeps,
  actor: Actor,
  number: number,
  limit = 3,
): Promise<{ articles: ArticleSummary[]; tickets: SimilarTicket[] }> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanWork(actor, ticket);
  const terms = queryTerms(`${ticket.title} ${ticket.description}`);
  if (!terms.length) return { articles: [], tickets: [] };
  const hits = await store.kb.search({ terms, statuses: ['published'], audiences: ['everyone', 'technicians'], limit });
  const titleTerms = new Set(queryTerms(ticket.title));
  const resolved = await store.tickets.list({ scope: scopeFor(actor), statuses: ['resolved', 'closed'], sort: 'newest', limit: RECENT_RESOLVED });
  const scored = resolved
    .filter((r) => r.id !== ticket.id)
    .map((r) => {
      const words = new Set(queryTerms(r.title, 32));
      // A word of the new ticket's title counts double: titles say what the problem is.
      const score = terms.reduce((n, w) => n + (words.has(w) ? (titleTerms.has(w) ? 2 : 1) : 0), 0);
      return { r, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.r.id - a.r.id)
    .slice(0, limit);
  const tickets: SimilarTicket[] = [];
  for (const { r } of scored) {
    const full = await store.tickets.get(r.id);
    tickets.push({ number: r.id, title: r.title, status: r.status, resolvedAt: r.resolvedAt, resolution: full?.resolution ?? null });
  }
  return { articles: await summaryViews(store, hits.map((h) => h.article)), tickets };
}
