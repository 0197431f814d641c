import { CATALOGUE, Locale } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import { labelled } from '../../core/i18n/locale-format';
import type { Actor } from '../../core/shared/actor';
import { isStaff } from '../../core/shared/actor';
import type { AuditEntry } from '../../core/audit/audit.entity';
import type { Comment } from '../../core/tickets/comment.entity';
import type { Attachment } from '../../core/tickets/attachment.entity';
import type { TicketView } from '../../core/tickets/ticket.view';
import { LINK_TYPES } from '../../core/tickets/link.entity';
import { LEVELS, REOPENABLE, TRANSITIONS } from '../../core/tickets/ticket.entity';
import { formatDate, levelLabel, linkLabel, statusLabel } from '../../cards/format';
import { resolveOptions } from '../../cards/card-options';
import { linkLines, ticketFacts } from '../../cards/ticket.facts';
import { html, Html } from './html';

export interface TicketPageData {
  view: TicketView;
  comments: Array<Comment & { author: string }>;
  history: AuditEntry[];
  technicians: Array<{ id: number; name: string }>;
  services: Array<{ slug: string; name: string }>;
  categories: Array<{ slug: string; name: string }>;
  actor: Actor;
  csrf: string;
  timeZone: string;
  now: Date;
  /** A message after an action (done, or why not), and field messages of the form that failed. */
  notice?: { kind: 'good' | 'refused'; text: string };
  errors: Record<string, string>;
  /** What the person typed in the form that was refused, shown again so nothing is lost. */
  kept?: Record<string, string>;
  attachments: Attachment[];
}

const hidden = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** One ticket (R3, R5, R15, R19): facts, conversation, and the actions the person's role allows. */
export function ticketPage(d: TicketPageData): Html {
  const { view: v, actor } = d;
  const l = actor.locale;
  const o = resolveOptions({ locale: l, publicUrl: '', timeZone: d.timeZone, now: d.now });
  const date = (x: Date | string) => formatDate(x, l, d.timeZone);
  const staff = isStaff(actor);
  const mine = v.requester?.id === actor.personId;
  const err = (f: string) => (d.errors[f] ? html`<p class="field-error" id="err-${f}" role="alert">${d.errors[f]}</p>` : html``);
  const aria = (f: string) => (d.errors[f] ? html` aria-invalid="true" aria-describedby="err-${f}"` : html``);
  return html`<h1>#${v.number} ${v.title}</h1>
${d.notice ? html`<p class="notice ${d.notice.kind}" role="status">${d.notice.text}</p>` : html``}
<dl class="facts">${ticketFacts(v, o).map((f) => html`<div><dt>${f.title}</dt><dd>${f.value}</dd></div>`)}</dl>
${v.description ? html`<section><h2>${t(l, 'web.ticket.description')}</h2><p class="text">${v.description}</p></section>` : html``}
${v.resolution ? html`<section><h2>${t(l, 'web.ticket.resolution')}</h2><p class="text">${v.resolution}</p></section>` : html``}
${staff
  ? html`<section class="actions"><h2>${t(l, 'web.ticket.actions')}</h2>
${v.assignees.some((x) => x.id === actor.personId) ? html`` : html`<form method="post" action="/tickets/${v.number}/claim" class="inline">${hidden(d.csrf)}<button type="submit" class="primary">${t(l, 'web.ticket.claim')}</button></form>`}
<form method="post" action="/tickets/${v.number}/assign" class="inline">${hidden(d.csrf)}
<label for="assign">${t(l, 'web.ticket.assign')}</label>
<select id="assign" name="people" multiple size="${Math.min(5, Math.max(2, d.technicians.length))}"${aria('people')}>${d.technicians.map((p) => html`<option value="${p.id}"${v.assignees.some((a) => a.id === p.id) ? html` disabled` : ''}>${p.name}</option>`)}</select>
${err('people')}<button type="submit">${t(l, 'web.ticket.assign_submit')}</button></form>
<form method="post" action="/tickets/${v.number}/status" class="inline">${hidden(d.csrf)}
<label for="status">${t(l, 'cards.ticket.status')}</label>
<select id="status" name="status"${aria('status')}>${TRANSITIONS[v.status].map((s) => html`<option value="${s}"${d.kept?.status === s ? html` selected` : html``}>${statusLabel(l, s)}</option>`)}</select>
<label for="resolution">${t(l, 'web.ticket.resolution_hint')}</label>
<textarea id="resolution" name="resolution" rows="2"${aria('resolution')}>${d.kept?.resolution ?? ''}</textarea>${err('status')}${err('resolution')}
<button type="submit">${t(l, 'web.ticket.status_submit')}</button></form>
<form method="post" action="/tickets/${v.number}/transfer" class="inline">${hidden(d.csrf)}
<label for="transfer">${t(l, 'web.ticket.transfer')}</label>
<select id="transfer" name="service"${aria('service')}>${d.services.map((x) => html`<option value="${x.slug}"${v.service?.slug === x.slug ? html` selected` : ''}>${x.name}</option>`)}</select>${err('service')}
<button type="submit">${t(l, 'web.ticket.transfer_submit')}</button></form>
<form method="post" action="/tickets/${v.number}/edit" class="inline">${hidden(d.csrf)}
<label for="edit-category">${t(l, 'cards.ticket.category')}</label>
<select id="edit-category" name="category"${aria('category')}>${d.categories.map((x) => html`<option value="${x.slug}"${v.category?.slug === x.slug ? html` selected` : ''}>${x.name}</option>`)}</select>${err('category')}
<label for="edit-impact">${t(l, 'web.ticket.impact')}</label>
<select id="edit-impact" name="impact"${aria('impact')}>${LEVELS.map((x) => html`<option value="${x}"${v.impact === x ? html` selected` : ''}>${levelLabel(l, x)}</option>`)}</select>${err('impact')}
<button type="submit">${t(l, 'web.ticket.edit_submit')}</button></form>
</section>`
  : html``}
${mine && REOPENABLE.includes(v.status)
  ? html`<form method="post" action="/tickets/${v.number}/reopen" class="inline">${hidden(d.csrf)}<button type="submit">${t(l, 'web.ticket.reopen')}</button></form>`
  : html``}
${staff || mine
  ? html`<form method="post" action="/tickets/${v.number}/watchers" class="inline">${hidden(d.csrf)}
<label for="watcher">${t(l, 'web.ticket.watcher')}</label><input id="watcher" name="person" type="email" maxlength="254"${aria('person')}>${err('person')}
<button type="submit">${t(l, 'web.ticket.watcher_submit')}</button>
${(v.watchers ?? []).length ? html`<p class="meta">${labelled(l, t(l, 'web.ticket.watchers'), (v.watchers ?? []).map((w) => w.name).join(', '))}</p>` : html``}</form>`
  : html``}
<section><h2>${t(l, 'web.ticket.conversation')}</h2>
<ol class="conversation">${d.comments.map(
    (c) => html`<li class="comment ${c.sender}${c.internal ? ' internal' : ''}"><div class="meta">${c.author} · ${date(c.createdAt)}${c.internal ? html` · <strong>${t(l, 'web.ticket.internal')}</strong>` : ''}</div><p class="text">${c.body}</p></li>`,
  )}</ol>
${d.comments.length ? html`` : html`<p class="empty">${t(l, 'web.ticket.no_comments')}</p>`}
<form method="post" action="/tickets/${v.number}/comments" class="card">${hidden(d.csrf)}
<label for="body">${t(l, 'web.ticket.reply')}</label>
<textarea id="body" name="body" rows="3"${aria('body')}></textarea>${err('body')}
${staff ? html`<label class="check"><input type="checkbox" name="internal" value="1"> ${t(l, 'web.ticket.internal_note')}</label>` : html``}
<button type="submit" class="primary">${t(l, 'web.ticket.send')}</button></form></section>
<section><h2>${t(l, 'web.ticket.attachments')}</h2>
${d.attachments.length
  ? html`<ul class="attachments">${d.attachments.map((a) => html`<li><a href="/tickets/${v.number}/attachments/${a.id}" download>${a.filename}</a> <span class="meta">${sizeText(a.size, l)} · ${date(a.createdAt)}</span></li>`)}</ul>`
  : staff || mine ? html`` : html`<p class="empty">${t(l, 'web.ticket.no_attachments')}</p>`}
${staff || mine
  ? html`<form method="post" action="/tickets/${v.number}/attachments" class="inline" enctype="multipart/form-data">${hidden(d.csrf)}
<label for="attachment">${t(l, 'web.ticket.attach')}</label><input id="attachment" name="attachment" type="file"${aria('attachment')}>${err('attachment')}
<button type="submit">${t(l, 'web.ticket.attach_submit')}</button></form>`
  : html``}</section>
<section><h2>${t(l, 'web.ticket.links')}</h2>
${linkLines(v, o).length
  ? html`<ul>${linkLines(v, o).map((k) => html`<li>${k.type} ${k.number ? html`<a href="/tickets/${k.number}">#${k.number}</a>` : ''} ${k.title} ${k.status ? `(${k.status})` : ''}</li>`)}</ul>`
  : html`<p class="empty">${t(l, 'web.ticket.no_links')}</p>`}
${(v.externalRefs ?? []).length ? html`<ul>${(v.externalRefs ?? []).map((r) => html`<li>${r.system} ${r.url ? html`<a href="${r.url}" rel="noopener noreferrer">${r.key}</a>` : r.key}</li>`)}</ul>` : html``}
${staff
  ? html`<form method="post" action="/tickets/${v.number}/links" class="inline">${hidden(d.csrf)}
<label for="link-type">${t(l, 'web.ticket.link_type')}</label><select id="link-type" name="type">${LINK_TYPES.map((k) => html`<option value="${k}">${linkLabel(l, k)}</option>`)}</select>
<label for="link-ticket">${t(l, 'web.ticket.link_ticket')}</label><input id="link-ticket" name="ticket" inputmode="numeric" size="8"${aria('ticket')}>${err('ticket')}
<button type="submit">${t(l, 'web.ticket.link_submit')}</button></form>
<form method="post" action="/tickets/${v.number}/refs" class="inline">${hidden(d.csrf)}
<label for="ref-system">${t(l, 'web.ticket.ref_system')}</label><input id="ref-system" name="system" maxlength="40"${aria('system')}>${err('system')}
<label for="ref-key">${t(l, 'web.ticket.ref_key')}</label><input id="ref-key" name="key" maxlength="120"${aria('key')}>${err('key')}
<label for="ref-url">${t(l, 'web.ticket.ref_url')}</label><input id="ref-url" name="url" type="url" maxlength="2000"${aria('url')}>${err('url')}
<button type="submit">${t(l, 'web.ticket.ref_submit')}</button></form>`
  : html``}</section>
<section><h2>${t(l, 'web.ticket.history')}</h2><ol class="history">${d.history.map(
    (e) => html`<li><span class="meta">${date(e.createdAt)}</span> ${e.actorName} — ${historyLabel(l, e.action)}${e.after && typeof e.after.status === 'string' ? ` → ${statusLabel(l, e.after.status as never)}` : ''}</li>`,
  )}</ol></section>`;
}

/** French writes octets (o, Ko, Mo), English bytes. */
const sizeText = (n: number, l: Locale) => {
  const [b, k, m] = l === 'fr' ? ['o', 'Ko', 'Mo'] : ['B', 'KB', 'MB'];
  return n < 1024 ? `${n} ${b}` : n < 1024 * 1024 ? `${Math.round(n / 1024)} ${k}` : `${(n / 1024 / 1024).toFixed(1)} ${m}`;
};

/** Known audit actions read as words; an unknown one shows its code rather than nothing. */
function historyLabel(l: Locale, action: string): string {
  const s = (CATALOGUE[l] as Record<string, string | undefined>)[`web.history.${action}`];
  return s ?? action.replace(/_/g, ' ');
}
