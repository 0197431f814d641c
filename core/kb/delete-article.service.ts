import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanWrite } from './kb.access';
import { auditArticle, inKbTransaction, loadArticle } from './kb-change';

/** Removes an article with its versions and ticket links; the audit keeps what it was (R9). */
export async function deleteArticle(deps: CoreDeps, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await inKbTransaction(deps, actor, async (ctx) => {
    const a = await loadArticle(ctx.store, id);
    await ctx.store.kb.delete(a.id);
    const { body, ...shown } = a;
    await auditArticle(ctx, a.id, 'article_deleted', { ...shown, bodyLength: body.length }, null);
  });
}
