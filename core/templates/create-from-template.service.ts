import { z } from 'zod';
import { systemActor, type Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { parse } from '../shared/validate';
import { createTicket } from '../tickets/create-ticket.service';
import { linkTickets } from '../tickets/link-tickets.service';
import { HelpdeskError } from '../shared/errors';
import type { Ticket } from '../tickets/ticket.entity';
import { localize } from './template.entity';
import { getTemplate } from './manage-templates.service';

export const useTemplateSchema = z.strictObject({
  /** Fills `{name}` in the title: the new employee, the person locked out, the printer. */
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(20000).optional(),
  requester: z.union([z.number().int().positive(), z.string().trim().min(1).max(254)]).optional(),
  urgency: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  idempotencyKey: z.string().min(1).max(150).optional(),
});
export type UseTemplateInput = z.input<typeof useTemplateSchema>;

/**
 * Files a request from a template (R7): the prefilled ticket, then one child task per checklist line,
 * linked under it. Each ticket carries an idempotency key derived from the call's, so a retry after
 * a failure half-way completes the checklist instead of filing it twice.
 */
export async function createFromTemplate(deps: CoreDeps, actor: Actor, slug: string, raw: UseTemplateInput): Promise<{ ticket: Ticket; children: Ticket[] }> {
  const input = parse(useTemplateSchema, raw);
  const template = await getTemplate(deps, actor, slug);
  const locale = actor.locale;
  const fill = (s: string) => s.replace(/\{name\}/g, input.name ?? '').replace(/\s+([:—-])?\s*$/, '').trim();
  const title = fill(localize(template.fields.title, locale));
  if (!title) throw new HelpdeskError('validation_failed', {}, [{ path: 'name', message: 'required by this template' }]);
  const key = input.idempotencyKey ?? `template:${slug}:${deps.clock.now().getTime()}:${actor.personId ?? actor.tokenId ?? 0}`;
  const common = {
    type: template.fields.type,
    category: template.fields.category,
    urgency: input.urgency ?? template.fields.urgency,
    ...(template.fields.service && actor.role !== 'employee' ? { service: template.fields.service } : {}),
    ...(input.requester !== undefined ? { requester: input.requester } : {}),
  };
  const parent = (await createTicket(deps, actor, { ...common, title, description: input.description ?? template.fields.description ?? '', idempotencyKey: `${key}:0` })).ticket;
  const children: Ticket[] = [];
  for (const [i, step] of template.checklist.entries()) {
    const child = (await createTicket(deps, actor, { ...common, title: `${localize(step.title, locale)} (#${parent.id})`.slice(0, 200), idempotencyKey: `${key}:${i + 1}` })).ticket;
    try {
      // The template links its own tasks: an employee filing it could not link tickets themselves.
      await linkTickets(deps, { ...systemActor(locale), name: 'template' }, child.id, { type: 'child_of', ticket: parent.id });
    } catch (e) {
      if (!(e instanceof HelpdeskError && e.code === 'link_exists')) throw e;
    }
    children.push(child);
  }
  return { ticket: parent, children };
}
