import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../../cards/actions';
import { escapeMrkdwn } from '../../cards/format';

/**
 * Two one-button chat replies ("Ticket #N filed" + Edit details; "I can file this" + Report an issue).
 * They are answers in the conversation, not cards, so they live with the bot.
 */
export function textWithButton(text: string, button: { label: string; actionId: string; value: string }): { text: string; blocks: KnownBlock[] } {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text).slice(0, 3000) } },
      { type: 'actions', elements: [{ type: 'button', action_id: button.actionId, text: { type: 'plain_text', text: button.label.slice(0, 75) }, value: button.value.slice(0, 2000) }] },
    ],
  };
}

export const editDetailsAction = ACTIONS.editDetails;
export const reportIssueAction = ACTIONS.reportIssue;
