import type { Channel } from '../shared/actor';

export const STATUSES = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress', 'pending'];
/** Statuses whose SLA clocks run (pending pauses them). */
export const RUNNING_STATUSES: readonly Status[] = ['new', 'assigned', 'in_progress'];
export const isOpen = (s: Status) => OPEN_STATUSES.includes(s);

export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** 1 is the most urgent, so queues sort ascending. */
export const PRIORITIES = [1, 2, 3, 4] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Explicit transition table (R3). Reopening resolved/closed tickets is its own use case, and
 * `assigned`/`new` are reached through assignment, so they appear only where a person may pick them.
 */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['assigned', 'in_progress', 'pending', 'resolved', 'cancelled'],
  assigned: ['in_progress', 'pending', 'resolved', 'cancelled'],
  in_progress: ['assigned', 'pending', 'resolved', 'cancelled'],
  pending: ['assigned', 'in_progress', 'resolved', 'cancelled'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
};
export const canTransition = (from: Status, to: Status) => TRANSITIONS[from].includes(to);
export const REOPENABLE: readonly Status[] = ['resolved', 'closed'];

export interface Ticket {
  /** The human number #N. */
  id: number;
  title: string;
  description: string;
  type: TicketType;
  categoryId: number | null;
  urgency: Level;
  impact: Level;
  priority: Priority;
  status: Status;
  requesterId: number;
  createdById: number | null;
  serviceId: number | null;
  sourceChannel: Channel;
  /** Time to own (first response / acceptance) and time to resolve deadlines. */
  ownDueAt: Date;
  resolveDueAt: Date;
  firstResponseAt: Date | null;
  ownedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  pendingSince: Date | null;
  pendingUntil: Date | null;
  /** SLA clocks count from here: creation, or the last reopening. */
  slaStartedAt: Date;
  /** Business minutes spent pending since slaStartedAt, added to the SLA targets. */
  pausedMinutes: number;
  reopenCount: number;
  resolution: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  assigneeIds: number[];
  watcherIds: number[];
}

/** Columns a use case may change; identity, version and timestamps are the repository's. */
export type TicketPatch = Partial<
  Omit<Ticket, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'assigneeIds' | 'watcherIds' | 'requesterId' | 'createdById' | 'sourceChannel'>
>;

export type NewTicket = Omit<Ticket, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'assigneeIds' | 'watcherIds'>;

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 20000;
export const MAX_COMMENT = 20000;
