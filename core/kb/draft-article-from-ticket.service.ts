import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { t } from '../i18n/translate';
import { loadTicket } from '../tickets/ticket-change';
import { assertCanWork } from '../tickets/ticket.access';
import { assertCanWrite } from './kb.access';
import { auditArticle, inKbTransaction, insertArticle, loadArticle } from './kb-change';
import { draftFromTicketSchema, DraftFromTicketInput } from './kb.schemas';
import { articleView, ArticleView } from './kb.view';

/**
 * A technician turns a resolved ticket into a draft article in one action (R15): the problem is the
 * ticket's description, the solution its resolution. The ticket and the article are linked (read
 * from both ends), and the ticket's history says so. A second press returns the same draft.
 */
export async function draftArticleFromTicket(
  deps: CoreDeps,
  actor: Actor,
  number: number,
  raw: DraftFromTicketInput = {},
): Promise<{ article: ArticleView; created: boolean }> {
  const input = parse(draftFromTicketSchema, raw);
  assertCanWrite(actor);
  return inKbTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    if (!(ticket.status === 'resolved' || ticket.status === 'closed') || !ticket.resolution) {
      throw new HelpdeskError('ticket_not_resolved', { number });
    }
    const already = await ctx.store.kb.articlesOfTicket(ticket.id);
    if (already.length) return { article: await articleView(ctx.store, actor, await loadArticle(ctx.store, already[0])), created: false };
    const language = input.language ?? actor.locale;
    const category = input.category ?? (ticket.categoryId ? ((await ctx.store.categories.get(ticket.categoryId))?.slug ?? null) : null);
    const body = [
      `## ${t(language, 'kb.problem')}`, '', ticket.description.trim() || ticket.title, '',
      `## ${t(language, 'kb.solution')}`, '', ticket.resolution, '', `_${t(language, 'kb.from_ticket', { number })}_`,
    ].join('\n');
    const article = await insertArticle(
      ctx,
      { kind: input.kind ?? 'procedure', title: input.title ?? ticket.title, body, category, tags: input.tags ?? [], language, audience: input.audience },
      false,
    );
    await ctx.store.kb.linkTicket(ticket.id, article.id, actor.personId, ctx.now);
    // `internal`: the requester's view of the ticket history leaves it out, as it does internal notes (drafts are staff's).
    await auditArticle(ctx, article.id, 'article_drafted', null, { article: article.id, fromTicket: ticket.id, internal: true }, ticket.id);
    return { article: await articleView(ctx.store, actor, await loadArticle(ctx.store, article.id)), created: true };
  });
}
