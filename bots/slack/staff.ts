import type { App } from '@slack/bolt';
import { isStaff } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { addComment } from '../../core/tickets/add-comment.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { noteModalView } from '../../cards/note-modal.blocks';
import { NOTE_MODAL, parseUnassignValue, TICKET_EXTRA_ACTIONS } from '../../cards/kb.actions';
import { asPerson, directMessage, SlackContext } from './context';
import { actionHandler, invalid, ticketOf } from './interactions';
import { relayToCards } from './relay';
import { tr } from './context';

/** The card's Note button and Remove select (issue 3): internal notes and fewer assignees, through core. */
export function registerStaffActions(app: App, ctx: SlackContext): void {
  const on = actionHandler(app, ctx);

  on(TICKET_EXTRA_ACTIONS.note, async (actor, a, body, client) => {
    const n = ticketOf(a);
    await getTicket(ctx.deps, actor, n);
    // Saves an employee typing a note core would refuse anyway (internal comments are staff's).
    if (!isStaff(actor)) throw new HelpdeskError('forbidden', { number: n });
    await client.views.open({ trigger_id: body.trigger_id, view: noteModalView(n, actor.locale) as never });
  });

  on(TICKET_EXTRA_ACTIONS.unassign, async (actor, a, _body, _client, shown) => {
    const parsed = parseUnassignValue(String(a.selected_option?.value ?? ''));
    if (!parsed) throw invalid('assignee');
    const before = await getTicket(ctx.deps, actor, parsed.ticket);
    const who = before.assignees.find((p) => p.id === parsed.personId);
    // A stale card (someone removed them already) or a forged value: say so rather than post a false event.
    if (!who) throw invalid('assignee');
    await assignTicket(ctx.deps, actor, parsed.ticket, { remove: [String(parsed.personId)] });
    await shown(parsed.ticket);
  });

  app.view(NOTE_MODAL, async ({ ack, body, view, client }) => {
    await ack();
    await asPerson(ctx, client, body.user.id, directMessage(client, body.user.id), async (actor) => {
      const n = Number(view.private_metadata);
      if (!Number.isSafeInteger(n) || n <= 0) throw invalid('ticket');
      const raw = (view.state?.values as Record<string, Record<string, { value?: string | null }>> | undefined)?.note?.note?.value;
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (!text) throw new HelpdeskError('validation_failed', {}, [{ path: 'note', message: 'required' }]);
      // The view id is the same for every delivery of this submission: a double submit is one note.
      const r = await addComment(ctx.deps, actor, n, { body: text, internal: true, idempotencyKey: `slack-view:${view.id}` });
      // A note changes no card: its line goes under the cards, for the technicians only.
      if (r.created) await relayToCards(ctx, client, n, tr(ctx.deps.defaultLocale, 'chat.event_note', { by: actor.name }));
    });
  });
}
