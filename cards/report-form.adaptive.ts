import { t } from '../core/i18n/translate';
import { LEVELS, MAX_DESCRIPTION, MAX_TITLE } from '../core/tickets/ticket.entity';
import { REPORT_FORM_VERB } from './actions';
import { Json, adaptiveCard, heading, textBlock } from './adaptive';
import type { ReportFormInput } from './card-options';
import { levelLabel, truncate } from './format';

export type { ReportFormInput } from './card-options';

/** The employee's form for Teams and the web; input ids are the field names, as in the Slack modal. */
export function reportFormAdaptive(f: ReportFormInput): Record<string, unknown> {
  const l = f.locale;
  const p = f.prefill;
  const body: Json[] = [
    heading(t(l, 'cards.report.title')),
    textBlock(t(l, 'cards.report.intro'), { isSubtle: true }),
    {
      type: 'Input.Text',
      id: 'title',
      label: t(l, 'cards.report.field_title'),
      placeholder: t(l, 'cards.report.title_placeholder'),
      maxLength: MAX_TITLE,
      isRequired: true,
      errorMessage: t(l, 'cards.report.title_required'),
      ...(p.title?.trim() ? { value: truncate(p.title.trim(), MAX_TITLE, '') } : {}),
    },
    {
      type: 'Input.Text',
      id: 'description',
      label: t(l, 'cards.report.field_description'),
      placeholder: t(l, 'cards.report.description_hint'),
      isMultiline: true,
      maxLength: MAX_DESCRIPTION,
      ...(p.description?.trim() ? { value: truncate(p.description.trim(), MAX_DESCRIPTION, '') } : {}),
    },
  ];
  if (f.categories.length) {
    const known = f.categories.some((c) => c.slug === p.category);
    body.push({
      type: 'Input.ChoiceSet',
      id: 'category',
      label: t(l, 'cards.report.field_category'),
      placeholder: t(l, 'cards.report.category_placeholder'),
      style: 'compact',
      choices: f.categories.map((c) => ({ title: truncate(c.name, 100), value: c.slug })),
      ...(known ? { value: p.category } : {}),
    });
  }
  body.push({
    type: 'Input.ChoiceSet',
    id: 'urgency',
    label: t(l, 'cards.report.field_urgency'),
    style: 'compact',
    value: p.urgency ?? 'medium',
    choices: LEVELS.map((u) => ({ title: levelLabel(l, u), value: u })),
  });
  return adaptiveCard(body, {
    actions: [{ type: 'Action.Submit', title: t(l, 'cards.report.submit'), style: 'positive', data: { verb: REPORT_FORM_VERB } }],
  });
}
