/**
 * Action ids shared by Slack block_actions and Teams Action.Execute verbs, so both bots dispatch on
 * the same words. Buttons carry the ticket number as a string value; the Status select's option
 * values read `<number>:<status>`; every block carrying actions has block_id `ticket:<number>`
 * (a multi_users_select has no value of its own). Adaptive data: { verb, ticket: number, ... }.
 */
export const ACTIONS = {
  claim: 'ticket_claim',
  assign: 'ticket_assign',
  status: 'ticket_status',
  resolve: 'ticket_resolve',
  editDetails: 'ticket_edit',
  reportIssue: 'report_issue',
  openTicket: 'ticket_open',
  /** Teams Universal Actions refresh: the bot answers with the card as it is now. */
  refresh: 'ticket_refresh',
} as const;

export const CALLBACKS = { reportModal: 'report_modal', resolveModal: 'resolve_modal' } as const;

/** Action.Submit verb of the Adaptive report form. */
export const REPORT_FORM_VERB = 'file_ticket';

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

export const actionsBlockId = (ticketNumber: number) => `ticket:${ticketNumber}`;
export const statusOptionValue = (ticketNumber: number, status: string) => `${ticketNumber}:${status}`;

/** Reads back a Status option value or a block_id; null when it is not one of ours. */
export function parseTicketValue(value: string): { ticket: number; rest?: string } | null {
  const m = /^(?:ticket:)?(\d+)(?::([a-z_]+))?$/.exec(value);
  if (!m) return null;
  return m[2] ? { ticket: Number(m[1]), rest: m[2] } : { ticket: Number(m[1]) };
}
