import { OPEN_STATUSES, RUNNING_STATUSES } from '../core/tickets/ticket.entity';
import type { TicketView } from '../core/tickets/ticket.view';
import type { ResolvedOptions } from './card-options';
import { t } from '../core/i18n/translate';
import { formatDate, linkLabel, peopleNames, priorityLabel, statusLabel, toDate, typeLabel } from './format';

/** What both renderings of a ticket show, as plain text: each renderer escapes for its platform. */
export interface Fact {
  title: string;
  value: string;
}

export function ticketFacts(v: TicketView, o: ResolvedOptions): Fact[] {
  const l = o.locale;
  const requester = v.requester?.name ?? t(l, 'nobody');
  const viaSomeoneElse = v.createdBy && v.requester && v.createdBy.id !== v.requester.id;
  const facts: Fact[] = [
    {
      title: t(l, 'cards.ticket.requester'),
      value: viaSomeoneElse ? t(l, 'cards.ticket.requester_via', { requester, by: v.createdBy!.name }) : requester,
    },
    {
      title: t(l, 'cards.ticket.category'),
      value: `${typeLabel(l, v.type)} · ${v.category?.name ?? t(l, 'cards.ticket.no_category')}`,
    },
    { title: t(l, 'cards.ticket.priority'), value: priorityLabel(l, v.priority) },
    { title: t(l, 'cards.ticket.status'), value: statusLabel(l, v.status) },
    { title: t(l, 'cards.ticket.assignees'), value: peopleNames(v.assignees, l) },
  ];
  if (v.service) facts.push({ title: t(l, 'cards.ticket.service'), value: v.service.name });
  const deadlines = deadlineLines(v, o);
  if (deadlines.length) facts.push({ title: t(l, 'cards.ticket.deadlines'), value: deadlines.join('\n') });
  return facts;
}

export function deadlineLines(v: TicketView, o: ResolvedOptions): string[] {
  const l = o.locale;
  const date = (d: Date | string) => formatDate(d, l, o.timeZone);
  const running = RUNNING_STATUSES.includes(v.status);
  const passed = (d: Date | string) => (running && toDate(d)! < o.now ? ` (${t(l, 'cards.ticket.passed')})` : '');
  const lines: string[] = [];
  if (OPEN_STATUSES.includes(v.status)) {
    if (!v.ownedAt) lines.push(t(l, 'cards.ticket.own_due', { date: date(v.ownDueAt) }) + passed(v.ownDueAt));
    if (v.status === 'pending') {
      lines.push(v.pendingUntil ? t(l, 'cards.ticket.pending_until', { date: date(v.pendingUntil) }) : t(l, 'cards.ticket.paused'));
    } else {
      lines.push(t(l, 'cards.ticket.resolve_due', { date: date(v.resolveDueAt) }) + passed(v.resolveDueAt));
    }
  } else if (v.status === 'resolved' && v.resolvedAt) {
    lines.push(t(l, 'cards.ticket.resolved_at', { date: date(v.resolvedAt) }));
  } else if (v.closedAt) {
    lines.push(t(l, 'cards.ticket.closed_at', { date: date(v.closedAt) }));
  }
  return lines;
}

/** The date a list shows next to a ticket: its next deadline while open, else when it ended. */
export function nextDeadline(v: TicketView, o: ResolvedOptions): string {
  return deadlineLines(v, o).at(-1) ?? '';
}

export interface LinkLine {
  type: string;
  number: number | null;
  title: string;
  status: string;
}

export function linkLines(v: TicketView, o: ResolvedOptions): LinkLine[] {
  const l = o.locale;
  return (v.links ?? []).map((k) => ({
    type: linkLabel(l, k.type),
    number: k.ticket?.number ?? null,
    title: k.ticket?.title ?? t(l, 'cards.link.hidden'),
    status: k.ticket ? statusLabel(l, k.ticket.status) : '',
  }));
}
