/**
 * `#12 toujours en panne`: a requester's words about ticket 12 in a chat without threads (the Teams
 * personal chat). Pure parsing; core's addComment decides whether this person may comment there.
 */
export function parseTicketReply(raw: string): { ticket: number; text: string } | null {
  const m = /^\s*#(\d{1,9})\s*[:,–-]?\s+([\s\S]*\S[\s\S]*)$/.exec(raw);
  if (!m || Number(m[1]) === 0) return null;
  return { ticket: Number(m[1]), text: m[2].trim() };
}
