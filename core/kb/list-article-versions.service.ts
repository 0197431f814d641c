import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import type { ArticleVersion } from './article.entity';
import { assertCanRead, assertCanWrite } from './kb.access';
import { loadArticle } from './kb-change';

/** Every version, oldest first, with its editor and time: editorial history is the writers' (staff). */
export async function listArticleVersions(deps: CoreDeps, actor: Actor, id: number): Promise<ArticleVersion[]> {
  const store = deps.uow.read;
  const a = await loadArticle(store, id);
  assertCanRead(actor, a);
  assertCanWrite(actor);
  return store.kb.versions(a.id);
}
