import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { parse } from '../shared/validate';
import { readableBy } from './kb.access';
import { queryTerms } from './kb-text';
import { searchArticlesSchema, SearchArticlesInput } from './kb.schemas';
import { summaryViews, ArticleSummary } from './kb.view';

/**
 * Full-text search (R15), best first: accents folded, plural/singular alike, a title match above a
 * body match. What the actor may not read is filtered in the query itself, so it cannot leak
 * through a count or a page (technician-only and draft articles are invisible to employees).
 */
export async function searchArticles(deps: CoreDeps, actor: Actor, raw: SearchArticlesInput): Promise<{ items: ArticleSummary[] }> {
  const input = parse(searchArticlesSchema, raw);
  const store = deps.uow.read;
  const terms = input.q ? queryTerms(input.q) : [];
  // Words that are all stop words ("le la les") match nothing rather than everything.
  if (input.q && input.q.trim() && terms.length === 0) return { items: [] };
  const hits = await store.kb.search({ terms, ...readableBy(actor, input.status), language: input.lang, category: input.category, limit: input.limit ?? 10 });
  return { items: await summaryViews(store, hits.map((h) => h.article)) };
}
