import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanWrite } from './kb.access';
import { auditArticle, inKbTransaction, loadArticle } from './kb-change';
import { articleView, ArticleView } from './kb.view';

/** Makes a draft visible to its audience; publishing twice changes nothing and audits nothing. */
export async function publishArticle(deps: CoreDeps, actor: Actor, id: number): Promise<ArticleView> {
  assertCanWrite(actor);
  return inKbTransaction(deps, actor, async (ctx) => {
    const a = await loadArticle(ctx.store, id);
    if (a.status !== 'published') {
      await ctx.store.kb.publish(id, ctx.now);
      await auditArticle(ctx, id, 'article_published', { status: a.status }, { status: 'published' });
    }
    return articleView(ctx.store, actor, await loadArticle(ctx.store, id));
  });
}
