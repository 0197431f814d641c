import type { CoreDeps } from '../shared/deps';
import type { Actor } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import type { Level, Status, Ticket } from '../tickets/ticket.entity';
import { changeStatus } from '../tickets/change-status.service';
import { updateTicket } from '../tickets/update-ticket.service';
import { transferTicket } from '../tickets/transfer-ticket.service';
import { assignTicket } from '../tickets/assign-ticket.service';
import { setWatcher } from '../tickets/watch-ticket.service';
import { linkTickets } from '../tickets/link-tickets.service';
import { inTicketTransaction, loadTicket, saveChange } from '../tickets/ticket-change';
import { notify } from '../notifications/notify';
import type { NotificationIntent, NotificationRecipient } from '../notifications/notification.port';
import type { Store } from '../shared/store.port';
import { channelsOf } from '../sla/sla-recipients';
import { t } from '../i18n/translate';
import { CATALOGUE, type MessageKey } from '../i18n/catalogue';
import type { Action, NotifyTarget, Rule } from './rule.entity';
import type { WebhookSender } from './webhook.port';
import { proposeParent } from './propose-parent';

export interface ActionContext {
  deps: CoreDeps;
  actor: Actor;
  rule: Rule;
  runKey: string;
  webhooks: WebhookSender | null;
}

/** Errors that mean "already so": the action's goal holds, the run is not a failure. */
const ALREADY = new Set(['already_assigned', 'link_exists', 'second_parent']);

async function recipients(store: Store, ticket: Ticket, to: NotifyTarget): Promise<NotificationRecipient[]> {
  const people = (ids: number[]): NotificationRecipient[] => ids.map((personId) => ({ kind: 'person', personId }));
  switch (to) {
    case 'requester':
      return people([ticket.requesterId]);
    case 'assignees':
      return ticket.assigneeIds.length ? people(ticket.assigneeIds) : channelsOf(store, 'technicians', ticket.serviceId);
    case 'service_lead': {
      const lead = ticket.serviceId === null ? null : (await store.services.get(ticket.serviceId))?.leadId ?? null;
      return lead !== null ? people([lead]) : channelsOf(store, 'technicians', ticket.serviceId);
    }
    case 'team':
      return channelsOf(store, 'technicians', ticket.serviceId);
    case 'managers':
      return channelsOf(store, 'managers', null);
  }
}

/** Runs one action of a rule on a ticket through the same use cases people use, as the automation actor. */
export async function perform(a: ActionContext, ticket: Ticket, action: Action): Promise<void> {
  const { deps, actor } = a;
  try {
    switch (action.do) {
      case 'set':
        if (action.field === 'status') {
          const status = action.value as Status;
          if (ticket.status !== status) await changeStatus(deps, actor, ticket.id, { status, ...(status === 'resolved' ? { resolution: action.resolution ?? a.rule.name } : {}) });
        } else if (action.field === 'service') await transferTicket(deps, actor, ticket.id, { service: action.value });
        else if (action.field === 'category') await updateTicket(deps, actor, ticket.id, { category: action.value });
        else await updateTicket(deps, actor, ticket.id, { [action.field]: action.value as Level });
        return;
      case 'assign':
        await assignTicket(deps, actor, ticket.id, { add: [action.person] });
        return;
      case 'watch':
        await setWatcher(deps, actor, ticket.id, action.person, true);
        return;
      case 'link':
        await linkTickets(deps, actor, ticket.id, { type: action.type, ticket: action.ticket });
        return;
      case 'comment': {
        const body = typeof action.body === 'string' ? action.body : action.body[deps.defaultLocale];
        await inTicketTransaction(deps, actor, async (ctx) => {
          const fresh = await loadTicket(ctx.store, ticket.id);
          await saveChange(ctx, fresh, 'commented', {}, { after: { internal: action.internal ?? false, rule: a.rule.id } });
          await ctx.store.comments.insert({ ticketId: ticket.id, authorId: null, sender: 'system', body, internal: action.internal ?? false, channel: 'system' }, ctx.now);
        });
        return;
      }
      case 'notify':
        await deps.uow.transaction(async (store) => {
          const params: Record<string, unknown> = { number: ticket.id, title: ticket.title, rule: a.rule.name, status: ticket.status };
          const key = `notify.${action.event}` as MessageKey;
          params.text = t(deps.defaultLocale, key in CATALOGUE.fr ? key : 'notify.rule', params);
          const intents: NotificationIntent[] = (await recipients(store, ticket, action.to)).map((recipient, n) => ({
            recipient, event: action.event, ticketId: ticket.id, urgent: action.urgent ?? false, params,
            dedupeKey: `rule:${a.rule.id}:${ticket.id}:${a.runKey}:${action.to}:${n}`.slice(0, 191),
          }));
          if (intents.length) await notify(store, deps.clock.now(), intents);
        });
        return;
      case 'webhook': {
        if (!a.webhooks) throw new Error('no webhook sender configured');
        const status = await a.webhooks.post(action.url, {
          rule: { id: a.rule.id, name: a.rule.name, when: a.rule.when },
          ticket: { number: ticket.id, title: ticket.title, status: ticket.status, priority: ticket.priority, type: ticket.type, serviceId: ticket.serviceId, categoryId: ticket.categoryId, requesterId: ticket.requesterId, assigneeIds: ticket.assigneeIds },
        });
        if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
        return;
      }
      case 'propose_parent':
        await proposeParent(deps, actor, ticket);
        return;
    }
  } catch (e) {
    if (e instanceof HelpdeskError && ALREADY.has(e.code)) return;
    throw e;
  }
}
