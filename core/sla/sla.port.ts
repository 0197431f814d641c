import type { Priority, Status } from '../tickets/ticket.entity';

export const SLA_CLOCKS = ['own', 'resolve'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** 0 nothing sent, 1 warned (at the warning share), 2 escalated and breached (100%), 3 managers told. */
export const SLA_LEVELS = ['warning', 'escalation', 'managers'] as const;
export type SlaLevelName = (typeof SLA_LEVELS)[number];
export type SlaLevel = 0 | 1 | 2 | 3;

/** What the sweep recorded for a ticket in its current SLA cycle (the reopen count). */
export interface TicketSlaState {
  cycle: number;
  ownLevel: SlaLevel;
  resolveLevel: SlaLevel;
  /** Time to own / to resolve met (true), missed (false), or still running (null): read by reports. */
  ownMet: boolean | null;
  resolveMet: boolean | null;
  ownBreachedAt: Date | null;
  resolveBreachedAt: Date | null;
}

export const freshSlaState = (cycle: number): TicketSlaState => ({
  cycle, ownLevel: 0, resolveLevel: 0, ownMet: null, resolveMet: null, ownBreachedAt: null, resolveBreachedAt: null,
});

/** A running ticket close to or past a deadline, with what was already sent about it. */
export interface SlaCandidate {
  id: number;
  title: string;
  priority: Priority;
  status: Status;
  serviceId: number | null;
  ownDueAt: Date;
  resolveDueAt: Date;
  ownedAt: Date | null;
  reopenCount: number;
  assigneeIds: number[];
  state: TicketSlaState | null;
}

/** Per priority and clock: [due bound to leave level 0, level 1, level 2]. */
export interface SlaBounds {
  priority: Priority;
  own: [Date, Date, Date];
  resolve: [Date, Date, Date];
}

export interface SlaRepository {
  /**
   * Running tickets that may have reached their next level: for each priority and clock, the latest
   * deadline at which a ticket now at level 0, 1 or 2 (this cycle) can have reached the next one.
   * One statement for the tickets, one for their assignees, whatever their number.
   */
  candidates(q: { bounds: SlaBounds[]; limit: number }): Promise<SlaCandidate[]>;
  /** False (nothing written) when this level of this clock and cycle was recorded before, by anyone. */
  recordEvent(e: { ticketId: number; clock: SlaClock; level: SlaLevelName; cycle: number; at: Date }): Promise<boolean>;
  state(ticketId: number): Promise<TicketSlaState | null>;
  saveState(ticketId: number, s: TicketSlaState, at: Date): Promise<void>;
  /**
   * Sets one met/missed flag of a cycle if it is still unset, touching nothing else, so it cannot undo
   * levels a concurrent sweep just saved; a ticket without a row for this cycle gets a fresh one.
   */
  recordMet(ticketId: number, cycle: number, clock: SlaClock, met: boolean, at: Date): Promise<void>;
  /** Tickets owned or resolved at or after `since` whose met/missed flag for this cycle is not set yet. */
  unrecordedOutcomes(since: Date, limit: number): Promise<Array<{
    id: number; reopenCount: number; ownDueAt: Date; resolveDueAt: Date; ownedAt: Date | null; resolvedAt: Date | null; state: TicketSlaState | null;
  }>>;
  /** Counts of tickets per level for the admin quick look. */
  levelCounts(): Promise<{ warned: number; escalated: number; ownMissed: number; resolveMissed: number }>;
}
