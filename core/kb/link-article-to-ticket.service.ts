import { z } from 'zod';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { parse } from '../shared/validate';
import { loadTicket } from '../tickets/ticket-change';
import { assertCanWork } from '../tickets/ticket.access';
import { assertCanWrite } from './kb.access';
import { auditArticle, inKbTransaction, loadArticle } from './kb-change';
import { articleView, ArticleView } from './kb.view';

export const linkArticleSchema = z.strictObject({ article: z.number().int().positive() });
export type LinkArticleInput = z.input<typeof linkArticleSchema>;

/** "This article solved it": a technician records an existing article as a ticket's answer, so its count of resolved tickets grows. */
export async function linkArticleToTicket(deps: CoreDeps, actor: Actor, number: number, raw: LinkArticleInput): Promise<ArticleView> {
  const input = parse(linkArticleSchema, raw);
  assertCanWrite(actor);
  return inKbTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    const article = await loadArticle(ctx.store, input.article);
    const known = await ctx.store.kb.articlesOfTicket(ticket.id);
    if (!known.includes(article.id)) {
      await ctx.store.kb.linkTicket(ticket.id, article.id, actor.personId, ctx.now);
      await auditArticle(ctx, article.id, 'article_linked', null, { article: article.id, ticket: ticket.id, internal: article.audience === 'technicians' }, ticket.id);
    }
    return articleView(ctx.store, actor, await loadArticle(ctx.store, article.id));
  });
}
