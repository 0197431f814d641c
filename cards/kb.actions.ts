/**
 * Action ids of the knowledge-base buttons and the extra ticket-card controls, shared by Slack
 * block_actions (and Teams verbs when it takes them). Values: an article id, or a ticket number;
 * the Remove select's option values read `<ticket>:<person id>`.
 */
export const KB_ACTIONS = {
  /** "This solved it": counts the article as helpful, files nothing. */
  solved: 'kb_solved',
  /** Shows the whole article to the person who asked (counts a view). */
  read: 'kb_read',
  /** On a resolved ticket's card: its resolution becomes a draft article. */
  draft: 'kb_draft',
} as const;

export const TICKET_EXTRA_ACTIONS = {
  /** Opens the internal-note modal. */
  note: 'ticket_note',
  /** Removes one assignee (the Assign select only adds). */
  unassign: 'ticket_unassign',
} as const;

export const NOTE_MODAL = 'note_modal';

export const unassignOptionValue = (ticket: number, personId: number) => `${ticket}:${personId}`;

export function parseUnassignValue(value: string): { ticket: number; personId: number } | null {
  const m = /^(\d{1,9}):(\d{1,9})$/.exec(value);
  return m ? { ticket: Number(m[1]), personId: Number(m[2]) } : null;
}

/** An article id as a button carries it; null for anything forged or malformed. */
export function parseArticleValue(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
