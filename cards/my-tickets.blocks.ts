import { t } from '../core/i18n/translate';
import type { TicketView } from '../core/tickets/ticket.view';
import { ACTIONS } from './actions';
import type { KnownBlock, SectionBlock } from './block-kit';
import { CardOptions, resolveOptions } from './card-options';
import { escapeMrkdwn, mrkdwnSafe, peopleNames, slackLink, statusLabel, ticketUrl, truncate } from './format';
import { nextDeadline } from './ticket.facts';

/** Twenty rows read on a phone; the rest are on the web page. */
export const MY_TICKETS_MAX = 20;

/** `my tickets` / `mes tickets` and `/tickets`: status, assignees and deadline of each. */
export function myTicketsBlocks(items: TicketView[], options: CardOptions): { text: string; blocks: KnownBlock[] } {
  const o = resolveOptions(options);
  const l = o.locale;
  if (!items.length) {
    const empty = escapeMrkdwn(t(l, 'cards.my.empty'));
    return { text: empty, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: empty } }] };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(t(l, 'cards.my.title', { count: items.length }), 150), emoji: true } }];
  for (const v of items.slice(0, MY_TICKETS_MAX)) {
    const title = slackLink(ticketUrl(o.publicUrl, v.number), `#${v.number} ${truncate(v.title, 200)}`);
    const overdue = v.overdue ? ` :rotating_light: *${escapeMrkdwn(t(l, 'cards.ticket.overdue'))}*` : '';
    const details = [statusLabel(l, v.status), peopleNames(v.assignees, l), nextDeadline(v, o)].filter(Boolean).join(' · ');
    const row: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: `*${title}*${overdue}\n${mrkdwnSafe(details, 2000)}` } };
    if (o.withActions) {
      row.accessory = { type: 'button', action_id: ACTIONS.openTicket, text: { type: 'plain_text', text: truncate(t(l, 'cards.my.open'), 75) }, value: String(v.number) };
    }
    blocks.push(row);
  }
  if (items.length > MY_TICKETS_MAX) {
    const more = `${escapeMrkdwn(t(l, 'cards.more', { count: items.length - MY_TICKETS_MAX }))} · ${slackLink(`${o.publicUrl}/tickets`, o.publicUrl.replace(/^https?:\/\//, '') + '/tickets')}`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: more }] });
  }
  return { text: escapeMrkdwn(t(l, 'cards.my.text', { count: items.length })), blocks };
}
