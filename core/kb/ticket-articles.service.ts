import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { loadTicket } from '../tickets/ticket-change';
import { assertCanSee } from '../tickets/ticket.access';
import { canReadArticle } from './kb.access';
import { summaryViews, ArticleSummary } from './kb.view';

/** The ticket's end of the ticket <-> article link: the articles that answered it, as far as the reader may see them. */
export async function listTicketArticles(deps: CoreDeps, actor: Actor, number: number): Promise<{ items: ArticleSummary[] }> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  const articles = [];
  for (const id of await store.kb.articlesOfTicket(ticket.id)) {
    const a = await store.kb.get(id);
    if (a && canReadArticle(actor, a)) articles.push(a);
  }
  return { items: await summaryViews(store, articles) };
}
