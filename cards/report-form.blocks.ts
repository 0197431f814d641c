import { t } from '../core/i18n/translate';
import { LEVELS, MAX_TITLE } from '../core/tickets/ticket.entity';
import { CALLBACKS } from './actions';
import type { InputBlock, ModalView, PlainText, PlainTextOption, StaticSelect } from './block-kit';
import type { ReportFormInput } from './card-options';
import { escapeMrkdwn, levelLabel, truncate } from './format';

export type { ReportFormInput } from './card-options';

/** Slack's plain_text_input takes at most 3000 characters; longer descriptions go through the web. */
const SLACK_INPUT_MAX = 3000;
const SELECT_OPTIONS_MAX = 100;

export const plainText = (text: string, max: number): PlainText => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

/** The employee's form, prefilled from what they wrote. block_id and action_id are both the field name. */
export function reportModalView(f: ReportFormInput): ModalView {
  const l = f.locale;
  const categories: PlainTextOption[] = f.categories.slice(0, SELECT_OPTIONS_MAX).map((c) => ({ text: plainText(c.name, 75), value: c.slug }));
  const urgencies: PlainTextOption[] = LEVELS.map((u) => ({ text: plainText(levelLabel(l, u), 75), value: u }));
  const category: StaticSelect = {
    type: 'static_select',
    action_id: 'category',
    placeholder: plainText(t(l, 'cards.report.category_placeholder'), 150),
    options: categories,
  };
  const initialCategory = categories.find((c) => c.value === f.prefill.category);
  if (initialCategory) category.initial_option = initialCategory;
  const blocks: ModalView['blocks'] = [
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t(l, 'cards.report.intro')) } },
    input('title', t(l, 'cards.report.field_title'), {
      type: 'plain_text_input',
      action_id: 'title',
      placeholder: plainText(t(l, 'cards.report.title_placeholder'), 150),
      max_length: MAX_TITLE,
      ...initial(f.prefill.title, MAX_TITLE),
    }),
    {
      ...input('description', t(l, 'cards.report.field_description'), {
        type: 'plain_text_input',
        action_id: 'description',
        multiline: true,
        max_length: SLACK_INPUT_MAX,
        ...initial(f.prefill.description, SLACK_INPUT_MAX),
      }),
      optional: true,
      hint: plainText(t(l, 'cards.report.description_hint'), 2000),
    },
  ];
  // Slack refuses a select without options: with no categories, routing decides alone.
  if (categories.length) blocks.push({ ...input('category', t(l, 'cards.report.field_category'), category), optional: true });
  blocks.push(
    input('urgency', t(l, 'cards.report.field_urgency'), {
      type: 'static_select',
      action_id: 'urgency',
      options: urgencies,
      initial_option: urgencies.find((u) => u.value === (f.prefill.urgency ?? 'medium')),
    }),
  );
  return {
    type: 'modal',
    callback_id: CALLBACKS.reportModal,
    title: plainText(t(l, 'cards.report.title'), 24),
    submit: plainText(t(l, 'cards.report.submit'), 24),
    close: plainText(t(l, 'cards.report.cancel'), 24),
    ...(f.privateMetadata !== undefined ? { private_metadata: f.privateMetadata } : {}),
    blocks,
  };
}

export function input(id: string, text: string, element: InputBlock['element']): InputBlock {
  return { type: 'input', block_id: id, label: plainText(text, 2000), element };
}

const initial = (value: string | undefined, max: number) => (value?.trim() ? { initial_value: truncate(value.trim(), max, '') } : {});
