import { t } from '../core/i18n/translate';
import type { TicketView } from '../core/tickets/ticket.view';
import type { CardOptions } from './card-options';
import { truncate } from './format';
import { heading, md } from './adaptive';
import { myTicketsAdaptive } from './my-tickets.adaptive';

/** `search <words>` in Teams: the same rows as "my tickets", under a title that says what was searched. */
export function ticketSearchAdaptive(items: TicketView[], query: string, options: CardOptions): Record<string, unknown> {
  const card = myTicketsAdaptive(items, options);
  const body = [...(card.body as Array<Record<string, unknown>>)];
  body[0] = heading(truncate(t(options.locale, 'chat.search_title', { text: md(truncate(query, 80)), count: items.length }), 200));
  return { ...card, body };
}
