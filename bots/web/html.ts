import type { Locale, MessageKey } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import type { Actor } from '../../core/shared/actor';
import { isStaff } from '../../core/shared/actor';

/** Every value that reaches a page goes through here: people type titles, names and comments. */
export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A tagged template whose `${}` values are escaped unless they are already Html. */
export class Html {
  constructor(readonly s: string) {}
  toString() {
    return this.s;
  }
}
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Html(out);
}
const render = (v: unknown): string =>
  v instanceof Html ? v.s : Array.isArray(v) ? v.map(render).join('') : v === null || v === undefined || v === false ? '' : esc(v);
export const raw = (s: string) => new Html(s);

export interface PageChrome {
  locale: Locale;
  title: string;
  actor?: Actor | null;
  csrf?: string;
  /** Path of the current page, to mark the active tab. */
  path?: string;
  scripts?: string[];
}

/** The page frame: one nav whose tabs follow the role, a skip link, the sign-out form. */
export function page(c: PageChrome, body: Html): string {
  const l = c.locale;
  const tr = (k: MessageKey) => t(l, k);
  const tabs: Array<[string, string]> = [];
  if (c.actor) {
    tabs.push(['/report', tr('web.nav.report')], ['/tickets', tr('web.nav.my_tickets')]);
    if (isStaff(c.actor)) tabs.push(['/queue', tr('web.nav.queue')]);
    if (isStaff(c.actor)) tabs.push(['/dashboard', tr('web.nav.dashboard')]);
    tabs.push(['/bot', tr('web.nav.bot')], ['/settings', tr('web.nav.settings')]);
  }
  const nav = c.actor
    ? html`<nav aria-label="${tr('web.nav.label')}"><ul>${tabs.map(([href, label]) => html`<li><a href="${href}"${c.path === href ? raw(' aria-current="page"') : ''}>${label}</a></li>`)}</ul>
<form method="post" action="/signout" class="signout"><input type="hidden" name="_csrf" value="${c.csrf}"><span class="who">${c.actor.name} · ${t(l, `web.role.${c.actor.role}` as MessageKey)}</span> <button type="submit">${tr('web.nav.signout')}</button></form></nav>`
    : html``;
  return `<!doctype html>
<html lang="${l}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.title)} · Helpdesk</title><link rel="stylesheet" href="/assets/app.css">
${c.csrf ? `<meta name="csrf-token" content="${esc(c.csrf)}">` : ''}
</head><body>
<a class="skip" href="#main">${esc(tr('web.skip'))}</a>
<header><a class="brand" href="/">Helpdesk</a>${nav}</header>
<main id="main">${body}</main>
${(c.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('\n')}
</body></html>`;
}

/** A field's message, tied to its input by aria-describedby so screen readers read it too. */
export function fieldError(field: string, errors: Record<string, string>): Html {
  return errors[field] ? html`<p class="field-error" id="err-${field}" role="alert">${errors[field]}</p>` : html``;
}
export const describedBy = (field: string, errors: Record<string, string>) =>
  errors[field] ? raw(` aria-invalid="true" aria-describedby="err-${field}"`) : raw('');
