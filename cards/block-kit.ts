/**
 * The part of Slack's Block Kit these cards use, declared here because cards/ may import nothing
 * but core/ (dependency-cruiser counts type-only imports too). Each type is a subset of its
 * `@slack/types` namesake; test/cards/block-kit-types.test.ts proves they stay assignable.
 */
export type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
export type Mrkdwn = { type: 'mrkdwn'; text: string; verbatim?: boolean };
export type TextObject = PlainText | Mrkdwn;
export type PlainTextOption = { text: PlainText; value: string };

export type Button = { type: 'button'; action_id: string; text: PlainText; value?: string; style?: 'primary' | 'danger'; url?: string };
export type StaticSelect = {
  type: 'static_select';
  action_id: string;
  placeholder?: PlainText;
  options: PlainTextOption[];
  initial_option?: PlainTextOption;
};
export type MultiUsersSelect = { type: 'multi_users_select'; action_id: string; placeholder?: PlainText; initial_users?: string[] };
export type PlainTextInput = {
  type: 'plain_text_input';
  action_id: string;
  placeholder?: PlainText;
  initial_value?: string;
  multiline?: boolean;
  min_length?: number;
  max_length?: number;
};

export type HeaderBlock = { type: 'header'; block_id?: string; text: PlainText };
export type SectionBlock = { type: 'section'; block_id?: string; text?: TextObject; fields?: TextObject[]; accessory?: Button };
export type ContextBlock = { type: 'context'; block_id?: string; elements: TextObject[] };
export type DividerBlock = { type: 'divider'; block_id?: string };
export type ActionsBlock = { type: 'actions'; block_id?: string; elements: Array<Button | StaticSelect | MultiUsersSelect> };
export type InputBlock = {
  type: 'input';
  block_id?: string;
  label: PlainText;
  hint?: PlainText;
  optional?: boolean;
  element: PlainTextInput | StaticSelect;
};
export type ImageBlock = { type: 'image'; block_id?: string; image_url: string; alt_text: string; title?: PlainText };
export type KnownBlock = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock | InputBlock | ImageBlock;

export type ModalView = {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: KnownBlock[];
};
