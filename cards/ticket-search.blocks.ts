import { t } from '../core/i18n/translate';
import type { TicketView } from '../core/tickets/ticket.view';
import type { KnownBlock } from './block-kit';
import type { CardOptions } from './card-options';
import { escapeMrkdwn, truncate } from './format';
import { myTicketsBlocks } from './my-tickets.blocks';

/** `/helpdesk search <words>`: the same rows as "my tickets", under a title that says what was searched. */
export function ticketSearchBlocks(items: TicketView[], query: string, options: CardOptions): { text: string; blocks: KnownBlock[] } {
  const list = myTicketsBlocks(items, options);
  const title = t(options.locale, 'chat.search_title', { text: truncate(query, 80), count: items.length });
  const blocks = list.blocks.map((b, i): KnownBlock => (i === 0 && b.type === 'header' ? { ...b, text: { type: 'plain_text', text: truncate(title, 150), emoji: true } } : b));
  return { text: escapeMrkdwn(title), blocks };
}
