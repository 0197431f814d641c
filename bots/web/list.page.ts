import type { Locale } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import { labelled } from '../../core/i18n/locale-format';
import type { TicketView } from '../../core/tickets/ticket.view';
import type { Category } from '../../core/people/person.entity';
import { PRIORITIES, STATUSES } from '../../core/tickets/ticket.entity';
import { peopleNames, priorityLabel, statusLabel } from '../../cards/format';
import { resolveOptions } from '../../cards/card-options';
import { nextDeadline } from '../../cards/ticket.facts';
import { html, Html } from './html';
import { categoryName } from './report.page';

export const QUEUE_VIEWS = ['services', 'unassigned', 'mine', 'overdue', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** What each queue tab asks listTickets for (R12): the same filters as the REST API's. */
export const VIEW_FILTERS: Record<QueueView, Record<string, string>> = {
  services: { service: 'mine', status: 'open' },
  unassigned: { assignee: 'none', status: 'open' },
  mine: { assignee: 'me', status: 'open' },
  overdue: { overdue: 'true' },
  all: { status: 'open' },
};

/** Tickets as a list of cards: one column on a phone, the same markup on a desk. */
export function ticketList(items: TicketView[], l: Locale, timeZone: string, now: Date): Html {
  const o = resolveOptions({ locale: l, publicUrl: '', timeZone, now });
  if (!items.length) return html`<p class="empty">${t(l, 'web.list.empty')}</p>`;
  return html`<ul class="tickets">${items.map(
    (v) => html`<li class="ticket${v.overdue ? ' overdue' : ''}" data-number="${v.number}">
<a class="ticket-title" href="/tickets/${v.number}">#${v.number} ${v.title}</a>
<span class="badge status-${v.status}">${statusLabel(l, v.status)}</span> <span class="badge prio-${v.priority}">${priorityLabel(l, v.priority)}</span>${v.overdue ? html` <span class="badge late">${t(l, 'cards.ticket.overdue')}</span>` : ''}
<div class="meta">${labelled(l, t(l, 'cards.ticket.assignees'), peopleNames(v.assignees, l))}${v.service ? ` · ${v.service.name}` : ''}${nextDeadline(v, o) ? ` · ${nextDeadline(v, o)}` : ''}</div></li>`,
  )}</ul>`;
}

export interface QueueQuery {
  view: QueueView;
  q?: string;
  status?: string;
  priority?: string;
  category?: string;
  sort?: string;
}

/** The technician's tabs and filters; a plain GET form, so filters are in the URL and keyboard-usable. */
export function queueFilters(l: Locale, qq: QueueQuery, categories: Category[]): Html {
  const opt = (value: string, label: string, current?: string) => html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;
  return html`<nav class="tabs" aria-label="${t(l, 'web.queue.views')}">${QUEUE_VIEWS.map(
    (v) => html`<a href="/queue?view=${v}"${qq.view === v ? html` aria-current="page"` : ''}>${t(l, `web.queue.view_${v}`)}</a>`,
  )}</nav>
<form method="get" action="/queue" class="filters" role="search">
<input type="hidden" name="view" value="${qq.view}">
<label>${t(l, 'web.queue.search')} <input type="search" name="q" value="${qq.q ?? ''}" maxlength="200"></label>
<label>${t(l, 'cards.ticket.status')} <select name="status">${opt('', t(l, 'web.queue.any'), qq.status)}${opt('open', t(l, 'web.queue.open'), qq.status)}${STATUSES.map((s) => opt(s, statusLabel(l, s), qq.status))}</select></label>
<label>${t(l, 'cards.ticket.priority')} <select name="priority">${opt('', t(l, 'web.queue.any'), qq.priority)}${PRIORITIES.map((p) => opt(String(p), priorityLabel(l, p), qq.priority))}</select></label>
<label>${t(l, 'cards.ticket.category')} <select name="category">${opt('', t(l, 'web.queue.any'), qq.category)}${categories.map((c) => opt(c.slug, categoryName(c, l), qq.category))}</select></label>
<label>${t(l, 'web.queue.sort')} <select name="sort">${opt('priority', t(l, 'web.queue.sort_priority'), qq.sort)}${opt('newest', t(l, 'web.queue.sort_newest'), qq.sort)}${opt('updated', t(l, 'web.queue.sort_updated'), qq.sort)}</select></label>
<button type="submit">${t(l, 'web.queue.apply')}</button></form>`;
}

/** The tab's filters, then the person's own on top (an explicit status replaces the tab's). */
export function queueInput(qq: QueueQuery, cursor?: string): Record<string, string> {
  const input: Record<string, string> = { ...VIEW_FILTERS[qq.view], sort: qq.sort || 'priority', limit: '50' };
  if (qq.q) input.q = qq.q;
  if (qq.status) input.status = qq.status;
  if (qq.priority) input.priority = qq.priority;
  if (qq.category) input.category = qq.category;
  if (cursor) input.cursor = cursor;
  return input;
}
