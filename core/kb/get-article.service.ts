import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanRead } from './kb.access';
import { loadArticle } from './kb-change';
import { articleView, ArticleView } from './kb.view';

/** Reading an article counts a view (which answers are read); one atomic increment, no transaction needed. */
export async function getArticle(deps: CoreDeps, actor: Actor, id: number): Promise<ArticleView> {
  const store = deps.uow.read;
  const a = await loadArticle(store, id);
  assertCanRead(actor, a);
  await store.kb.countView(a.id);
  return articleView(store, actor, { ...a, viewCount: a.viewCount + 1 });
}
