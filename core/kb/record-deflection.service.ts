import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanRead } from './kb.access';
import { loadArticle } from './kb-change';

/**
 * "This solved it" pressed under a chat answer (R2, R7): files nothing and counts the deflection on
 * the article, once per offer. `offerKey` names the offer (platform, person, message, article):
 * a double click or a platform's retry of the same press counts once, a new question counts again.
 */
export async function recordDeflection(
  deps: CoreDeps,
  actor: Actor,
  articleId: number,
  offerKey: string,
): Promise<{ id: number; title: string; helpfulCount: number; counted: boolean }> {
  const store = deps.uow.read;
  const a = await loadArticle(store, articleId);
  assertCanRead(actor, a);
  const counted = await store.chat.firstDelivery('kb-solved', offerKey.slice(0, 191), deps.clock.now());
  if (counted) await store.kb.countHelpful(a.id);
  return { id: a.id, title: a.title, helpfulCount: (await loadArticle(store, a.id)).helpfulCount, counted };
}
