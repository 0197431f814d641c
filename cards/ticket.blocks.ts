import type { ActionsBlock, Button, KnownBlock, MultiUsersSelect, PlainTextOption, StaticSelect } from './block-kit';
import { OPEN_STATUSES, STATUSES } from '../core/tickets/ticket.entity';
import type { TicketView } from '../core/tickets/ticket.view';
import { ACTIONS, actionsBlockId, statusOptionValue } from './actions';
import { CardOptions, ResolvedOptions, resolveOptions } from './card-options';
import { t } from '../core/i18n/translate';
import { escapeMrkdwn, formatDate, mrkdwnSafe, priorityLabel, slackLink, statusLabel, ticketUrl, truncate } from './format';
import { linkLines, ticketFacts } from './ticket.facts';
import { KB_ACTIONS, TICKET_EXTRA_ACTIONS, unassignOptionValue } from './kb.actions';

/** Long enough to read the problem, short enough that the card stays a card; the full text is one click away. */
const DESCRIPTION_MAX = 1500;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** The technician's card in the service channel, updated in place at every change. */
export function ticketCardBlocks(view: TicketView, options: CardOptions): { text: string; blocks: KnownBlock[] } {
  const o = resolveOptions(options);
  const l = o.locale;
  const n = view.number;
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(`#${n} ${view.title}`, 150) }];
  if (view.overdue) {
    blocks.push({ type: 'context', elements: [mrkdwn(`:rotating_light: *${escapeMrkdwn(t(l, 'cards.ticket.overdue'))}*`)] });
  }
  blocks.push({
    type: 'section',
    fields: ticketFacts(view, o).map((f) => {
      const title = `*${escapeMrkdwn(f.title)}*\n`;
      return mrkdwn(title + mrkdwnSafe(f.value, FIELD_MAX - title.length));
    }),
  });
  for (const [key, body] of [
    ['cards.ticket.description', view.description],
    ['cards.ticket.resolution', view.resolution],
  ] as const) {
    if (!body?.trim()) continue;
    const title = `*${escapeMrkdwn(t(l, key))}*\n`;
    blocks.push({ type: 'section', text: mrkdwn(title + mrkdwnSafe(body, Math.min(DESCRIPTION_MAX, SECTION_MAX - title.length))) });
  }
  const links = linksText(view, o);
  if (links) blocks.push({ type: 'section', text: mrkdwn(links) });
  if (o.withActions) {
    const actions = actionsBlock(view, o);
    if (actions) blocks.push(actions);
  }
  const url = ticketUrl(o.publicUrl, n);
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        `${slackLink(url, t(l, 'cards.ticket.open_web', { number: n }))} · ` +
          escapeMrkdwn(t(l, 'cards.ticket.created_at', { date: formatDate(view.createdAt, l, o.timeZone) })),
      ),
    ],
  });
  return { text: fallbackText(view, o), blocks };
}

/** The notification line (and what screen readers announce): mrkdwn, so the title is escaped. */
function fallbackText(view: TicketView, o: ResolvedOptions): string {
  const l = o.locale;
  const text = t(l, 'cards.ticket.text', {
    number: view.number,
    title: view.title,
    status: statusLabel(l, view.status),
    priority: priorityLabel(l, view.priority),
  });
  return mrkdwnSafe(view.overdue ? `${text} · ${t(l, 'cards.ticket.overdue')}` : text, 1000);
}

/** Lines go in while they fit; the rest is counted, never silently dropped. */
function linksText(view: TicketView, o: ResolvedOptions): string | null {
  const l = o.locale;
  const lines = linkLines(view, o).map((k) => {
    const ref = k.number === null ? '' : ` ${slackLink(ticketUrl(o.publicUrl, k.number), `#${k.number}`)}`;
    const status = k.status ? ` — ${escapeMrkdwn(k.status)}` : '';
    return `• ${escapeMrkdwn(k.type)}${ref} ${mrkdwnSafe(k.title, 120)}${status}`;
  });
  for (const r of view.externalRefs ?? []) {
    const key = r.url && /^https?:\/\//i.test(r.url) ? slackLink(r.url, r.key) : mrkdwnSafe(r.key, 120);
    lines.push(`• ${mrkdwnSafe(r.system, 60)} ${key}`);
  }
  if (!lines.length) return null;
  let text = `*${escapeMrkdwn(t(l, 'cards.ticket.links'))}*`;
  const reserve = 80; // room for the "and N more" line
  let shown = 0;
  while (shown < lines.length && text.length + 1 + lines[shown].length <= SECTION_MAX - reserve) text += `\n${lines[shown++]}`;
  if (shown < lines.length) text += `\n${escapeMrkdwn(t(l, 'cards.more', { count: lines.length - shown }))}`;
  return text;
}

function actionsBlock(view: TicketView, o: ResolvedOptions): ActionsBlock | null {
  const l = o.locale;
  const n = view.number;
  const open = OPEN_STATUSES.includes(view.status);
  const ended = view.status === 'resolved' || view.status === 'closed';
  // A resolved or closed ticket can still become an article (R15); cancelled ones take no action here.
  const draft = ended && view.resolution ? [button(KB_ACTIONS.draft, t(l, 'kb.draft_button'), n)] : [];
  if (view.status === 'closed') return draft.length ? { type: 'actions', block_id: actionsBlockId(n), elements: draft } : null;
  if (!open && view.status !== 'resolved') return null;
  const elements: ActionsBlock['elements'] = [];
  if (open && view.assignees.length === 0) {
    elements.push(button(ACTIONS.claim, t(l, 'cards.ticket.claim'), n, 'primary'));
  }
  if (open) {
    elements.push(button(ACTIONS.resolve, t(l, 'cards.ticket.resolve'), n, view.assignees.length ? 'primary' : undefined));
    const assign: MultiUsersSelect = {
      type: 'multi_users_select',
      action_id: ACTIONS.assign,
      placeholder: plain(t(l, 'cards.ticket.assign'), 150),
    };
    elements.push(assign);
    if (view.assignees.length) {
      const unassign: StaticSelect = {
        type: 'static_select',
        action_id: TICKET_EXTRA_ACTIONS.unassign,
        placeholder: plain(t(l, 'chat.remove_assignee'), 150),
        options: view.assignees.slice(0, 100).map((a) => ({ text: plain(a.name, 75), value: unassignOptionValue(n, a.id) })),
      };
      elements.push(unassign);
    }
  }
  const options: PlainTextOption[] = STATUSES.map((s) => ({
    text: plain(statusLabel(l, s), 75),
    value: statusOptionValue(n, s),
  }));
  const status: StaticSelect = {
    type: 'static_select',
    action_id: ACTIONS.status,
    placeholder: plain(t(l, 'cards.ticket.change_status'), 150),
    options,
    initial_option: options.find((x) => x.value === statusOptionValue(n, view.status)),
  };
  elements.push(status);
  // An internal note from the card (the `[internal]` thread prefix does the same for those who know it).
  elements.push(button(TICKET_EXTRA_ACTIONS.note, t(l, 'chat.note_button'), n), ...draft);
  return { type: 'actions', block_id: actionsBlockId(n), elements };
}

function button(actionId: string, text: string, n: number, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: actionId, text: plain(text, 75), value: String(n), ...(style ? { style } : {}) };
}
