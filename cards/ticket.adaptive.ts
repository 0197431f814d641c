import { t } from '../core/i18n/translate';
import { OPEN_STATUSES, STATUSES } from '../core/tickets/ticket.entity';
import type { TicketView } from '../core/tickets/ticket.view';
import { ACTIONS } from './actions';
import { Json, adaptiveCard, execute, heading, md, mdLink, showCard, textBlock } from './adaptive';
import { CardOptions, ResolvedOptions, resolveOptions } from './card-options';
import { formatDate, statusLabel, ticketUrl, truncate } from './format';
import { linkLines, ticketFacts } from './ticket.facts';

const DESCRIPTION_MAX = 2000;
const LINKS_MAX = 20;
/** A choice set longer than this is unusable and would push the card past Teams' 40 KB. */
const TECHNICIANS_MAX = 100;

/** The technician's card for Teams (and the web), same content as ticketCardBlocks. */
export function ticketCardAdaptive(view: TicketView, options: CardOptions): Record<string, unknown> {
  const o = resolveOptions(options);
  const l = o.locale;
  const n = view.number;
  const body: Json[] = [heading(`#${n} ${md(truncate(view.title, 200))}`)];
  if (view.overdue) body.push(textBlock(`⚠️ ${t(l, 'cards.ticket.overdue')}`, { color: 'Attention', weight: 'Bolder' }));
  body.push({ type: 'FactSet', facts: ticketFacts(view, o).map((f) => ({ title: f.title, value: md(truncate(f.value, 1000)) })) });
  for (const [key, text] of [
    ['cards.ticket.description', view.description],
    ['cards.ticket.resolution', view.resolution],
  ] as const) {
    if (!text?.trim()) continue;
    body.push(textBlock(t(l, key), { weight: 'Bolder', spacing: 'Medium' }), textBlock(md(truncate(text, DESCRIPTION_MAX))));
  }
  const links = linksBlocks(view, o);
  if (links.length) body.push(textBlock(t(l, 'cards.ticket.links'), { weight: 'Bolder', spacing: 'Medium' }), ...links);
  const url = ticketUrl(o.publicUrl, n);
  body.push(
    textBlock(`${mdLink(url, t(l, 'cards.ticket.open_web', { number: n }))} · ${t(l, 'cards.ticket.created_at', { date: formatDate(view.createdAt, l, o.timeZone) })}`, {
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
    }),
  );
  const actions = o.withActions ? ticketActions(view, o) : [];
  return adaptiveCard(body, {
    ...(actions.length ? { actions } : {}),
    // userIds omitted: Teams refreshes for everyone in chats of up to 60 people, and the card is
    // also updated in place at every change. The data says how to render it again.
    refresh: { action: { type: 'Action.Execute', verb: ACTIONS.refresh, data: { verb: ACTIONS.refresh, ticket: n, withActions: o.withActions } } },
  });
}

function linksBlocks(view: TicketView, o: ResolvedOptions): Json[] {
  const lines = linkLines(view, o).map((k) => {
    const ref = k.number === null ? '' : ` ${mdLink(ticketUrl(o.publicUrl, k.number), `#${k.number}`)}`;
    return `• ${k.type}${ref} ${md(truncate(k.title, 120))}${k.status ? ` — ${k.status}` : ''}`;
  });
  for (const r of view.externalRefs ?? []) {
    const key = r.url && /^https?:\/\//i.test(r.url) ? mdLink(r.url, truncate(r.key, 120)) : md(truncate(r.key, 120));
    lines.push(`• ${md(truncate(r.system, 60))} ${key}`);
  }
  const shown = lines.slice(0, LINKS_MAX).map((line) => textBlock(line, { spacing: 'None' }));
  if (lines.length > LINKS_MAX) shown.push(textBlock(t(o.locale, 'cards.more', { count: lines.length - LINKS_MAX }), { isSubtle: true, spacing: 'None' }));
  return shown;
}

function ticketActions(view: TicketView, o: ResolvedOptions): Json[] {
  const l = o.locale;
  const n = view.number;
  const open = OPEN_STATUSES.includes(view.status);
  // Closed and cancelled tickets take no action here (reopening is its own command).
  if (!open && view.status !== 'resolved') return [];
  const data = { ticket: n };
  const actions: Json[] = [];
  if (open && view.assignees.length === 0) actions.push(execute(t(l, 'cards.ticket.claim'), ACTIONS.claim, data, { style: 'positive' }));
  if (open) {
    actions.push(
      showCard(
        t(l, 'cards.ticket.resolve'),
        [
          {
            type: 'Input.Text',
            id: 'resolution',
            label: t(l, 'cards.resolve.label'),
            placeholder: t(l, 'cards.resolve.placeholder'),
            isMultiline: true,
            isRequired: true,
            errorMessage: t(l, 'cards.resolve.required'),
            maxLength: 20000,
          },
        ],
        [execute(t(l, 'cards.ticket.resolve'), ACTIONS.resolve, data, { style: 'positive' })],
      ),
    );
  }
  const technicians = (o.technicians ?? []).slice(0, TECHNICIANS_MAX);
  if (open && technicians.length) {
    const choices = technicians.map((p) => ({ title: truncate(p.name, 100), value: String(p.id) }));
    const current = view.assignees.filter((a) => technicians.some((p) => p.id === a.id)).map((a) => String(a.id));
    actions.push(
      showCard(
        t(l, 'cards.ticket.assign'),
        [{ type: 'Input.ChoiceSet', id: 'assignees', label: t(l, 'cards.ticket.assign_label'), isMultiSelect: true, style: 'compact', value: current.join(','), choices }],
        [execute(t(l, 'cards.ticket.assign'), ACTIONS.assign, data)],
      ),
    );
  }
  const statuses = STATUSES.map((s) => ({ title: statusLabel(l, s), value: s }));
  actions.push(
    showCard(
      t(l, 'cards.ticket.change_status'),
      [{ type: 'Input.ChoiceSet', id: 'status', label: t(l, 'cards.ticket.status'), style: 'compact', value: view.status, choices: statuses }],
      [execute(t(l, 'cards.ticket.apply'), ACTIONS.status, data)],
    ),
  );
  return actions;
}
