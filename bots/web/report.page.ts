import { randomBytes } from 'node:crypto';
import type { Locale } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import type { Category } from '../../core/people/person.entity';
import { LEVELS, MAX_DESCRIPTION, MAX_TITLE } from '../../core/tickets/ticket.entity';
import { levelLabel } from '../../cards/format';
import { describedBy, fieldError, html, Html, raw } from './html';

export interface ReportValues {
  title?: string;
  description?: string;
  category?: string;
  urgency?: string;
  /** Staff filing for a caller (phone support, R1): their e-mail, phone or id, and a name for a new caller. */
  caller?: string;
  callerName?: string;
  /** One per form shown: a double submit files one ticket (it is the idempotency key). */
  formId?: string;
}

export const categoryName = (c: Pick<Category, 'nameFr' | 'nameEn'>, l: Locale) => (l === 'fr' ? c.nameFr : c.nameEn);

/** The employee's report form (R1, R2): four fields, KB suggestions while typing (web/app.js). */
export function reportForm(l: Locale, csrf: string, categories: Category[], v: ReportValues, errors: Record<string, string>, staff = false): Html {
  const formId = v.formId && /^[A-Za-z0-9_-]{8,64}$/.test(v.formId) ? v.formId : randomBytes(12).toString('base64url');
  return html`<h1>${t(l, 'web.report.title')}</h1>
<p class="hint">${t(l, 'web.report.intro')}</p>
${errors._form ? html`<p class="notice refused" role="alert">${errors._form}</p>` : html``}
<form method="post" action="/report" class="card" id="report-form" enctype="multipart/form-data" novalidate>
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="formId" value="${formId}">
<label for="title">${t(l, 'web.report.field_title')}</label>
<input id="title" name="title" maxlength="${MAX_TITLE + 50}" value="${v.title ?? ''}" autocomplete="off" placeholder="${t(l, 'cards.report.title_placeholder')}"${describedBy('title', errors)}>
${fieldError('title', errors)}
<div id="kb-suggestions" aria-live="polite" data-title="${t(l, 'web.report.kb_title')}"></div>
<label for="description">${t(l, 'web.report.field_description')}</label>
<textarea id="description" name="description" rows="5"${describedBy('description', errors)}>${v.description ?? ''}</textarea>
${fieldError('description', errors)}
<div class="row">
<div><label for="category">${t(l, 'web.report.field_category')}</label>
<select id="category" name="category"${describedBy('category', errors)}><option value="">${t(l, 'web.report.category_none')}</option>
${categories.map((c) => html`<option value="${c.slug}"${v.category === c.slug ? html` selected` : ''}>${categoryName(c, l)}</option>`)}</select>
${fieldError('category', errors)}</div>
<div><label for="urgency">${t(l, 'web.report.field_urgency')}</label>
<select id="urgency" name="urgency"${describedBy('urgency', errors)}>${LEVELS.map((u) => html`<option value="${u}"${(v.urgency ?? 'medium') === u ? html` selected` : ''}>${levelLabel(l, u)}</option>`)}</select>
${fieldError('urgency', errors)}</div>
</div>
${staff ? callerFields(l, v, errors) : html``}
<label for="attachment">${t(l, 'web.report.field_attachment')}</label>
<input id="attachment" name="attachment" type="file"${describedBy('attachment', errors)}>
<p class="hint">${t(l, 'web.report.attachment_hint')}</p>
${fieldError('attachment', errors)}
<button type="submit" class="primary">${t(l, 'web.report.submit')}</button>
</form>`;
}

/** Phone support (staff only): the caller is found by e-mail, phone or id, as on REST and Slack; a new e-mail or phone becomes a person. */
function callerFields(l: Locale, v: ReportValues, errors: Record<string, string>): Html {
  return html`<fieldset class="caller"><legend>${t(l, 'dayone.caller.legend')}</legend>
<p class="hint" id="caller-hint">${t(l, 'dayone.caller.hint')}</p>
<div class="row"><div><label for="caller">${t(l, 'dayone.caller.field')}</label>
<input id="caller" name="caller" maxlength="254" value="${v.caller ?? ''}" autocomplete="off" placeholder="${t(l, 'dayone.caller.placeholder')}"${errors.caller ? describedBy('caller', errors) : raw(' aria-describedby="caller-hint"')}>
${fieldError('caller', errors)}</div>
<div><label for="callerName">${t(l, 'dayone.caller.name')}</label>
<input id="callerName" name="callerName" maxlength="200" value="${v.callerName ?? ''}" autocomplete="off"${describedBy('callerName', errors)}>
${fieldError('callerName', errors)}</div></div></fieldset>`;
}

/** The checks a person can fix, with a message by the field; core validates again behind them. */
export function checkReport(l: Locale, v: ReportValues, categories: Category[]): Record<string, string> {
  const e: Record<string, string> = {};
  const title = (v.title ?? '').trim();
  if (!title) e.title = t(l, 'web.field.required');
  else if (title.length > MAX_TITLE) e.title = t(l, 'web.field.too_long', { max: MAX_TITLE });
  if ((v.description ?? '').trim().length > MAX_DESCRIPTION) e.description = t(l, 'web.field.too_long', { max: MAX_DESCRIPTION });
  if (v.category && !categories.some((c) => c.slug === v.category)) e.category = t(l, 'web.field.choose');
  if (!(LEVELS as readonly string[]).includes(v.urgency ?? '')) e.urgency = t(l, 'web.field.choose');
  if ((v.callerName ?? '').trim() && !(v.caller ?? '').trim()) e.caller = t(l, 'web.field.required');
  return e;
}
