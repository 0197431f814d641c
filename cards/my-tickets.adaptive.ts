import { t } from '../core/i18n/translate';
import type { TicketView } from '../core/tickets/ticket.view';
import { ACTIONS } from './actions';
import { Json, adaptiveCard, execute, heading, md, mdLink, textBlock } from './adaptive';
import { CardOptions, resolveOptions } from './card-options';
import { peopleNames, statusLabel, ticketUrl, truncate } from './format';
import { MY_TICKETS_MAX } from './my-tickets.blocks';
import { nextDeadline } from './ticket.facts';

/** The same list for Teams and the web. */
export function myTicketsAdaptive(items: TicketView[], options: CardOptions): Record<string, unknown> {
  const o = resolveOptions(options);
  const l = o.locale;
  if (!items.length) return adaptiveCard([textBlock(t(l, 'cards.my.empty'))]);
  const body: Json[] = [heading(t(l, 'cards.my.title', { count: items.length }))];
  for (const v of items.slice(0, MY_TICKETS_MAX)) {
    const overdue = v.overdue ? ` ⚠️ **${t(l, 'cards.ticket.overdue')}**` : '';
    const details = [statusLabel(l, v.status), peopleNames(v.assignees, l), nextDeadline(v, o)].filter(Boolean).join(' · ');
    body.push({
      type: 'Container',
      separator: true,
      items: [
        textBlock(`**${mdLink(ticketUrl(o.publicUrl, v.number), `#${v.number} ${truncate(v.title, 200)}`)}**${overdue}`),
        textBlock(md(truncate(details, 1000)), { isSubtle: true, spacing: 'None', ...(v.overdue ? { color: 'Attention' } : {}) }),
      ],
      ...(o.withActions ? { selectAction: execute(t(l, 'cards.my.open'), ACTIONS.openTicket, { ticket: v.number }) } : {}),
    });
  }
  if (items.length > MY_TICKETS_MAX) {
    body.push(textBlock(`${t(l, 'cards.more', { count: items.length - MY_TICKETS_MAX })} · ${mdLink(`${o.publicUrl}/tickets`, o.publicUrl.replace(/^https?:\/\//, '') + '/tickets')}`, { isSubtle: true }));
  }
  return adaptiveCard(body);
}
