import { Actor, isStaff } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import type { Article, ArticleStatus, Audience } from './article.entity';

/**
 * Who reads and writes the knowledge base (R9 least privilege): staff write; employees read only
 * published articles for everyone. An article they may not read is "not found", never "forbidden":
 * internal know-how does not even reveal that it exists.
 */
export const canWriteArticles = (actor: Actor) => isStaff(actor);

export function canReadArticle(actor: Actor, a: Pick<Article, 'status' | 'audience'>): boolean {
  return isStaff(actor) || (a.status === 'published' && a.audience === 'everyone');
}

export function assertCanRead(actor: Actor, a: Article): void {
  if (!canReadArticle(actor, a)) throw new HelpdeskError('article_not_found', { id: a.id });
}

export function assertCanWrite(actor: Actor): void {
  if (!canWriteArticles(actor)) throw new HelpdeskError('forbidden');
}

/** The audiences and statuses a search may return to this actor, pushed down into the query. */
export function readableBy(actor: Actor, wanted?: ArticleStatus | 'all'): { audiences: Audience[]; statuses: ArticleStatus[] } {
  if (!isStaff(actor)) return { audiences: ['everyone'], statuses: ['published'] };
  const statuses: ArticleStatus[] = wanted === 'all' ? ['draft', 'published'] : [wanted ?? 'published'];
  return { audiences: ['everyone', 'technicians'], statuses };
}
