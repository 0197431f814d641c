import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { titleFrom } from '../../core/chat/chat-command';
import type { TeamsActivity } from './activity';
import { explain, TeamsContext, tr } from './context';

/** The manifest's action command (manifest/teams/manifest.template.json). */
export const NEW_TICKET_FOR_CALLER = 'newTicketForCaller';

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/**
 * Phone support in Teams (R1): "New ticket for a caller", a message-extension action with the
 * caller's e-mail or phone and the problem. Core decides who may file for someone else (technicians
 * and above); an employee gets a sentence saying so and nothing is filed. The invoke id is the
 * idempotency key, so a resent submit files once.
 */
export async function onExtensionSubmit(ctx: TeamsContext, a: TeamsActivity, actor: Actor): Promise<string> {
  const l = actor.locale;
  const value = (a.value ?? {}) as { commandId?: unknown; data?: Record<string, unknown> };
  if (value.commandId !== NEW_TICKET_FOR_CALLER) return explain(ctx, l, new HelpdeskError('validation_failed', {}, [{ path: 'commandId', message: 'unknown command' }]));
  const caller = str(value.data?.caller, 254);
  const description = str(value.data?.description, 20000);
  const name = str(value.data?.name, 200);
  if (!caller || !description) return tr(l, 'teams.caller_required');
  try {
    const r = await createTicket(ctx.deps, actor, {
      title: titleFrom(description),
      description,
      requester: caller,
      ...(name ? { requesterName: name } : {}),
      ...(a.id ? { idempotencyKey: `ext:${a.id}`.slice(0, 190) } : {}),
    });
    // The cards and the caller's "filed for you" come from the outbox, written with the ticket.
    return tr(l, 'chat.filed_for', { number: r.ticket.id, who: name || caller, title: r.ticket.title });
  } catch (e) {
    if (e instanceof HelpdeskError && e.code === 'forbidden') return tr(l, 'teams.for_refused');
    return explain(ctx, l, e);
  }
}
