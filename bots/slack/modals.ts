import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { updateTicket } from '../../core/tickets/update-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { listCategories } from '../../core/people/manage-categories.service';
import type { Level } from '../../core/tickets/ticket.entity';
import { CALLBACKS } from '../../cards/actions';
import { reportModalView } from '../../cards/report-form.blocks';
import { resolveModalView } from '../../cards/resolve-modal.blocks';
import { asPerson, directMessage, SlackContext } from './context';

export type Prefill = { title?: string; description?: string; category?: string; urgency?: Level };

/** The report form: empty (`/ticket`), prefilled from a message, or a ticket's details to edit. */
export async function openReportModal(ctx: SlackContext, client: WebClient, actor: Actor, triggerId: string, prefill: Prefill, ticket?: number): Promise<void> {
  const categories = (await listCategories(ctx.deps)).map((c) => ({ slug: c.slug, name: actor.locale === 'en' ? c.nameEn : c.nameFr }));
  const view = reportModalView({ locale: actor.locale, categories, prefill, privateMetadata: JSON.stringify(ticket ? { ticket } : {}) });
  await client.views.open({ trigger_id: triggerId, view: view as never });
}

export async function openResolveModal(client: WebClient, actor: Actor, triggerId: string, n: number): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: resolveModalView(n, actor.locale) as never });
}

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>>;
/** A modal input by block and action id; a plain input's value or a select's chosen option. */
function field(values: Values, id: string): string | undefined {
  const v = typeof values?.[id] === 'object' ? values[id]?.[id] : undefined;
  const s = v?.value ?? v?.selected_option?.value ?? undefined;
  return typeof s === 'string' && s.trim() ? s : undefined;
}
function metadata(raw: unknown): Record<string, unknown> {
  try {
    const v = JSON.parse(String(raw ?? '{}'));
    return typeof v === 'object' && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** Modal submissions: acknowledged (the modal closes) before the ticket is filed or changed. */
export function registerViews(app: App, ctx: SlackContext): void {
  app.view(CALLBACKS.reportModal, async ({ ack, body, view, client }) => {
    await ack();
    await asPerson(ctx, client, body.user.id, directMessage(client, body.user.id), async (actor) => {
      const values = (view.state?.values ?? {}) as unknown as Values;
      const input = { title: field(values, 'title'), description: field(values, 'description'), category: field(values, 'category'), urgency: field(values, 'urgency') as Level | undefined };
      const meta = metadata(view.private_metadata);
      if (typeof meta.ticket === 'number') {
        const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        await updateTicket(ctx.deps, actor, meta.ticket, patch);
        return;
      }
      if (!input.title) throw new HelpdeskError('validation_failed', {}, [{ path: 'title', message: 'required' }]);
      // The view id is the same for every delivery of this submission: a double submit files once.
      // Its cards and the requester's receipt (their DM thread) come from the outbox, written with the ticket.
      await createTicket(ctx.deps, actor, { ...input, title: input.title, idempotencyKey: `view:${view.id}` });
    });
  });

  app.view(CALLBACKS.resolveModal, async ({ ack, body, view, client }) => {
    await ack();
    await asPerson(ctx, client, body.user.id, directMessage(client, body.user.id), async (actor) => {
      const n = Number(view.private_metadata);
      if (!Number.isSafeInteger(n) || n <= 0) throw new HelpdeskError('validation_failed', {}, [{ path: 'ticket', message: 'invalid' }]);
      const resolution = field((view.state?.values ?? {}) as unknown as Values, 'resolution');
      await changeStatus(ctx.deps, actor, n, { status: 'resolved', resolution });
    });
  });
}
