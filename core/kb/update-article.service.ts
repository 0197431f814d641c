import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import type { ArticleContent } from './article.entity';
import { assertCanWrite } from './kb.access';
import { auditArticle, inKbTransaction, loadArticle, searchable } from './kb-change';
import { updateArticleSchema, UpdateArticleInput } from './kb.schemas';
import { articleView, ArticleView } from './kb.view';

/**
 * Every edit makes a new version, kept with who and when (R15, R19). The update is conditional on the
 * version read, so two editors never silently overwrite each other: the second gets `article_changed`.
 */
export async function updateArticle(deps: CoreDeps, actor: Actor, id: number, raw: UpdateArticleInput): Promise<ArticleView> {
  const input = parse(updateArticleSchema, raw);
  assertCanWrite(actor);
  return inKbTransaction(deps, actor, async (ctx) => {
    const before = await loadArticle(ctx.store, id);
    const { version: expected, ...patch } = input;
    if (expected !== undefined && expected !== before.version) throw new HelpdeskError('article_changed', { id, version: before.version });
    const content: ArticleContent = {
      kind: patch.kind ?? before.kind,
      title: patch.title ?? before.title,
      body: patch.body ?? before.body,
      category: patch.category === undefined ? before.category : patch.category,
      tags: patch.tags ?? before.tags,
      language: patch.language ?? before.language,
      audience: patch.audience ?? before.audience,
    };
    const s = searchable(content);
    if (!(await ctx.store.kb.update(id, before.version, content, s.title, s.body, ctx.now))) {
      throw new HelpdeskError('article_changed', { id, version: before.version + 1 });
    }
    const version = before.version + 1;
    await ctx.store.kb.addVersion({ articleId: id, version, ...content, editorId: actor.personId, editorName: actor.name, createdAt: ctx.now });
    const changed = Object.keys(patch).filter((k) => k !== 'body');
    const pick = (o: object) => Object.fromEntries(changed.map((k) => [k, (o as Record<string, unknown>)[k]]));
    await auditArticle(ctx, id, 'article_updated', { ...pick(before), version: before.version }, { ...pick(content), version, bodyChanged: patch.body !== undefined && patch.body !== before.body });
    return articleView(ctx.store, actor, await loadArticle(ctx.store, id));
  });
}
