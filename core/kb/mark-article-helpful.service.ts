import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanRead } from './kb.access';
import { loadArticle } from './kb-change';

/**
 * "This solved it" (R2, R7 deflection): counts that an article answered someone, and files nothing.
 * A count, not an audit entry: it is not a change anyone needs to account for.
 */
export async function markArticleHelpful(deps: CoreDeps, actor: Actor, id: number): Promise<{ id: number; helpfulCount: number }> {
  const store = deps.uow.read;
  const a = await loadArticle(store, id);
  assertCanRead(actor, a);
  await store.kb.countHelpful(a.id);
  return { id: a.id, helpfulCount: (await loadArticle(store, a.id)).helpfulCount };
}
