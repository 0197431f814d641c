import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { assertCanSee, worksOn } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { idempotencyScope } from '../shared/idempotency';
import { commentSchema, CommentInput } from './ticket.schemas';
import type { Comment } from './comment.entity';
import { planComment, type CommentOrigin } from '../notifications/plan-ticket-notifications';

/**
 * Adds an article to the conversation (R15). Internal notes are for staff only and never reach the
 * requester; a technician's first public answer stamps the first response (R10).
 */
/** `origin`: the chat thread the comment was typed in, which is not sent its own words back. */
export async function addComment(deps: CoreDeps, actor: Actor, number: number, raw: CommentInput, origin?: CommentOrigin): Promise<{ comment: Comment | null; created: boolean }> {
  const input = parse(commentSchema, raw);
  const scope = idempotencyScope('comment', actor);
  if (input.idempotencyKey && (await deps.uow.read.idempotency.find(scope, input.idempotencyKey))) return { comment: null, created: false };
  try {
    return await inTicketTransaction(deps, actor, async (ctx) => {
      const ticket = await loadTicket(ctx.store, number);
      assertCanSee(actor, ticket);
      const staff = worksOn(actor, ticket);
      if (input.internal && !staff) throw new HelpdeskError('forbidden', { number });
      // Staff writing on their own request speak as its requester, except in internal notes.
      const sender = staff && (actor.personId !== ticket.requesterId || input.internal) ? 'technician' : 'customer';
      const firstAnswer = sender === 'technician' && !input.internal && ticket.firstResponseAt === null;
      // Touching the row (version + updated_at) orders concurrent writers and surfaces the ticket in "recently updated".
      await saveChange(ctx, ticket, 'commented', firstAnswer ? { firstResponseAt: ctx.now } : {}, { after: { internal: input.internal } });
      const c = { ticketId: ticket.id, authorId: actor.personId, sender, body: input.body, internal: input.internal, channel: actor.channel } as const;
      const id = await ctx.store.comments.insert(c, ctx.now);
      await planComment(ctx, ticket, { id, body: c.body, internal: c.internal }, origin);
      if (input.idempotencyKey) await ctx.store.idempotency.remember(scope, input.idempotencyKey, ticket.id, ctx.now);
      return { comment: { id, ...c, createdAt: ctx.now }, created: true };
    });
  } catch (e) {
    if (input.idempotencyKey && deps.uow.isUniqueViolation(e) && (await deps.uow.read.idempotency.find(scope, input.idempotencyKey))) {
      return { comment: null, created: false };
    }
    throw e;
  }
}

export async function listComments(deps: CoreDeps, actor: Actor, number: number): Promise<Comment[]> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  return store.comments.list(ticket.id, worksOn(actor, ticket));
}

