import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import { audit, type Ctx } from '../tickets/ticket-change';
import type { Article, ArticleContent } from './article.entity';
import { searchText } from './kb-text';

/** The same transaction context as ticket changes. */
export type KbCtx = Ctx;

export async function loadArticle(store: Store, id: number): Promise<Article> {
  const a = Number.isSafeInteger(id) && id > 0 ? await store.kb.get(id) : null;
  if (!a) throw new HelpdeskError('article_not_found', { id });
  return a;
}

/** Same audit table as tickets (R9, R19): who, what, before, after, when, through which channel. */
export async function auditArticle(
  ctx: KbCtx,
  articleId: number,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ticketId: number | null = null,
): Promise<void> {
  await audit(ctx, ticketId, action, before, after, 'article', articleId);
}

/** The normalised copies the search indexes; tags and category count as body words. */
export function searchable(c: ArticleContent): { title: string; body: string } {
  return { title: searchText(c.title), body: searchText([c.body, c.category ?? '', ...c.tags].join(' ')) };
}

/** Inserts an article with its first version, in the caller's transaction. */
export async function insertArticle(ctx: KbCtx, content: ArticleContent, publish: boolean): Promise<Article> {
  const s = searchable(content);
  const status = publish ? 'published' : 'draft';
  const id = await ctx.store.kb.insert({ ...content, status, authorId: ctx.actor.personId }, s.title, s.body, ctx.now);
  await ctx.store.kb.addVersion({ articleId: id, version: 1, ...content, editorId: ctx.actor.personId, editorName: ctx.actor.name, createdAt: ctx.now });
  const { body, ...shown } = content;
  await auditArticle(ctx, id, 'article_created', null, { ...shown, status, bodyLength: body.length });
  return loadArticle(ctx.store, id);
}

export const inKbTransaction = <T>(deps: CoreDeps, actor: Actor, work: (ctx: KbCtx) => Promise<T>): Promise<T> =>
  deps.uow.transaction((store) => work({ store, actor, now: deps.clock.now() }));
