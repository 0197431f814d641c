import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { STATUSES, type Status } from '../../core/tickets/ticket.entity';
import { firstDelivery } from '../../core/chat/chat-channels.service';
import { ACTIONS } from '../../cards/actions';
import { KB_TEXT_MAX, KB_VERBS } from '../../cards/kb-suggestions.adaptive';
import { noticeAdaptive, withNotice } from '../../cards/notice.adaptive';
import type { TeamsActivity } from './activity';
import { explain, TeamsContext, tr } from './context';
import { prefillOf, reportForm } from './talk';
import { act } from '../../core/chat/conversation.service';

type Data = Record<string, unknown>;
type Card = Record<string, unknown>;
const invalid = (what: string) => new HelpdeskError('validation_failed', {}, [{ path: what, message: 'invalid' }]);

function ticketOf(d: Data): number {
  const n = typeof d.ticket === 'number' ? d.ticket : Number(d.ticket);
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid('ticket');
  return n;
}

/** What a ticket button does in core; the outbox then refreshes every posted card and adds the thread line. */
async function work(ctx: TeamsContext, actor: Actor, verb: string, d: Data): Promise<void> {
  const n = ticketOf(d);
  if (verb === ACTIONS.refresh) return;
  if (verb === ACTIONS.claim) return void (await claimTicket(ctx.deps, actor, n));
  if (verb === ACTIONS.assign) {
    const ids = typeof d.assignees === 'string' ? d.assignees.split(',').filter(Boolean) : [];
    if (ids.length > 20 || !ids.every((x) => /^\d{1,9}$/.test(x))) throw invalid('assignees');
    // The choice set shows who is assigned now: what was unticked is removed, what was ticked added.
    const current = (await getTicket(ctx.deps, actor, n)).assignees.map((p) => String(p.id));
    const add = ids.filter((x) => !current.includes(x));
    const remove = current.filter((x) => !ids.includes(x));
    return void (await assignTicket(ctx.deps, actor, n, { add, remove }));
  }
  if (verb === ACTIONS.status) {
    const status = d.status as Status;
    if (!STATUSES.includes(status)) throw invalid('status');
    return void (await changeStatus(ctx.deps, actor, n, { status, resolution: typeof d.resolution === 'string' ? d.resolution : undefined }));
  }
  if (verb === ACTIONS.resolve) {
    const resolution = typeof d.resolution === 'string' ? d.resolution.trim() : '';
    return void (await changeStatus(ctx.deps, actor, n, { status: 'resolved', resolution: resolution || undefined }));
  }
  throw invalid('verb');
}

/** The card this person should now see: the ticket as they may see it, with a refusal on top when there is one. */
async function cardFor(ctx: TeamsContext, actor: Actor, n: number, refusal?: string): Promise<Card> {
  let card: Card;
  try {
    card = (await ctx.cards.teams(n, { actor })).card;
  } catch (e) {
    return noticeAdaptive(tr(actor.locale, 'teams.refused_title'), refusal ?? explain(ctx, actor.locale, e), 'refused');
  }
  return refusal ? withNotice(card, tr(actor.locale, 'teams.refused_title'), refusal, 'refused') : card;
}

/**
 * Universal Actions (`adaptiveCard/action`): the answer is the card the presser sees at once; every
 * posted copy is replaced by the outbox, written with the change. A button can be forged: core decides, and a
 * refusal is a card saying why with nothing changed. A resent invoke changes nothing a second time.
 */
export async function onCardAction(ctx: TeamsContext, a: TeamsActivity, actor: Actor): Promise<Card> {
  const action = (a.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const verb = typeof action?.verb === 'string' ? action.verb : '';
  const d = (action?.data && typeof action.data === 'object' ? action.data : {}) as Data;
  if (verb === KB_VERBS.solved) {
    const id = Number(d.article);
    if (!Number.isSafeInteger(id) || id <= 0) return noticeAdaptive(tr(actor.locale, 'teams.refused_title'), explain(ctx, actor.locale, invalid('article')), 'refused');
    // Once per offer (the card's message) and article, however often it is pressed or resent.
    const offer = a.replyToId ? `kb:${a.conversation.id}:${a.replyToId}:${id}` : `invoke:${a.id ?? a.conversation.id}`;
    try {
      const [r] = await act(ctx.deps, actor, { kind: 'solved', article: id, offer });
      return noticeAdaptive(tr(actor.locale, 'teams.done_title'), r.kind === 'say' ? r.text : '', 'good');
    } catch (e) {
      return noticeAdaptive(tr(actor.locale, 'teams.refused_title'), explain(ctx, actor.locale, e), 'refused');
    }
  }
  if (verb === KB_VERBS.needHelp) return reportForm(ctx, actor, prefillOf(typeof d.text === 'string' ? d.text.slice(0, KB_TEXT_MAX) : ''));
  let n: number;
  try {
    n = ticketOf(d);
  } catch (e) {
    return noticeAdaptive(tr(actor.locale, 'teams.refused_title'), explain(ctx, actor.locale, e), 'refused');
  }
  if (verb !== ACTIONS.refresh && a.id && !(await firstDelivery(ctx.deps, 'teams', `invoke:${a.id}`))) return cardFor(ctx, actor, n);
  try {
    await work(ctx, actor, verb, d);
    // The presser sees the new card in the invoke's answer; the outbox replaces every posted copy in place.
    return cardFor(ctx, actor, n);
  } catch (e) {
    return cardFor(ctx, actor, n, explain(ctx, actor.locale, e));
  }
}
