import type { Rule } from './rule.entity';
import type { Status } from '../tickets/ticket.entity';

/** What the audit trail says happened to a ticket: the automation reads it as its event stream. */
export interface TicketEvent {
  auditId: number;
  ticketId: number;
  action: string;
  channel: string;
  actorName: string;
  after: Record<string, unknown> | null;
  at: Date;
}

export interface AutomationRepository {
  rules(): Promise<Rule[]>;
  rule(id: number): Promise<Rule | null>;
  insertRule(r: Omit<Rule, 'id' | 'updatedAt'>, at: Date): Promise<number>;
  updateRule(id: number, r: Omit<Rule, 'id' | 'updatedAt' | 'builtin'>, at: Date): Promise<void>;
  deleteRule(id: number): Promise<void>;
  /** Claims one firing of a rule on a ticket; false (nothing written) when it fired before. */
  claimRun(ruleId: number, ticketId: number, runKey: string, at: Date): Promise<boolean>;
  finishRun(ruleId: number, ticketId: number, runKey: string, outcome: 'done' | 'failed', error: string | null): Promise<void>;
  runsOf(ticketId: number): Promise<Array<{ ruleId: number; runKey: string; outcome: string; error: string | null; at: Date }>>;
  /** Ticket audit entries after `afterId`, oldest first. */
  eventsAfter(afterId: number, limit: number): Promise<TicketEvent[]>;
  /** Tickets in these statuses whose `since` moment is at or before `before`, by id after `afterId` (keyset pages). */
  ticketsIdleSince(statuses: Status[], since: 'created' | 'updated' | 'resolved' | 'pending', before: Date, afterId: number, limit: number): Promise<Array<{ id: number; since: Date; serviceId: number | null }>>;
  /** The run keys this rule already used on these tickets, as `ticketId|runKey` (one query per page). */
  runKeys(ruleId: number, ticketIds: number[]): Promise<Set<string>>;
  /** Tickets of a category (or of none) created in [from, to], oldest first. */
  createdBetween(categoryId: number | null, from: Date, to: Date, limit: number): Promise<Array<{ id: number; title: string; status: Status; createdAt: Date }>>;
  /** Whether the requester wrote a comment at or after `since`. */
  requesterCommentedSince(ticketId: number, requesterId: number, since: Date): Promise<boolean>;
}
