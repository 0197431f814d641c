import type { Channel } from '../shared/actor';
import type { Priority, Status } from '../tickets/ticket.entity';

/** Whose tickets a report counts: everything, one service's, or those a technician is assigned to. */
export type ReportScope = { kind: 'all' } | { kind: 'service'; serviceId: number } | { kind: 'technician'; personId: number };

export interface ReportQuery {
  scope: ReportScope;
  /** The period [from, to) and the previous one of the same length [previousFrom, from). */
  from: Date;
  to: Date;
  previousFrom: Date;
  now: Date;
  /** Bound on per-ticket rows read for business-time durations and title clusters. */
  maxRows: number;
}

/** One combination of the four breakdown dimensions, counted by SQL (GROUP BY all four). */
export interface DimensionCount {
  serviceId: number | null;
  categoryId: number | null;
  priority: Priority;
  channel: Channel;
  count: number;
  /** For resolved counts: how many met their resolve deadline. */
  met: number;
}

export interface PeriodCounts {
  opened: DimensionCount[];
  resolved: DimensionCount[];
  closed: number;
  backlogStart: number;
  backlogEnd: number;
  owned: { met: number; total: number };
}

/** The two timestamps a business-time duration needs, plus what it is grouped by. */
export interface DurationRow {
  ticketId: number;
  serviceId: number | null;
  start: Date;
  end: Date;
}

/** Met and missed flags the SLA engine recorded (ticket_sla), for one clock. */
export interface SlaFlagCounts {
  met: number;
  missed: number;
  /** Running now, warned (level 1) and not yet breached. */
  atRisk: number;
}

export interface OverdueTicketRow {
  id: number;
  title: string;
  serviceId: number | null;
  status: Status;
  /** The deadline passed: time to own when never owned and past it, else time to resolve. */
  dueAt: Date;
}

export interface ReportRepository {
  /** Opened and resolved in the previous period [previousFrom, from). */
  previousCounts(q: ReportQuery): Promise<{ opened: number; resolved: number }>;
  /**
   * R10 from the SLA engine's own judgement (ticket_sla, current cycle): met or missed among the
   * tickets owned / resolved in the period, plus those still running that breached in it; at risk now.
   */
  slaCompliance(q: ReportQuery): Promise<{ own: SlaFlagCounts; resolve: SlaFlagCounts }>;
  /** The oldest overdue tickets now (the list's `overdue=true`), at most `limit`. */
  overdueTickets(scope: ReportScope, now: Date, limit: number): Promise<OverdueTicketRow[]>;
  /** Parent incidents whose children (grouped reports) were opened in the period, most reports first. */
  incidents(q: ReportQuery, limit: number): Promise<Array<{ id: number; title: string; reports: number }>>;
  periodCounts(q: ReportQuery): Promise<PeriodCounts>;
  /** Open tickets past a deadline now (the list's `overdue=true`), by service. */
  overdueByService(scope: ReportScope, now: Date): Promise<Array<{ serviceId: number | null; count: number }>>;
  /** created_at -> resolved_at of tickets resolved in the period (at most maxRows + 1 rows). */
  resolutionRows(q: ReportQuery): Promise<DurationRow[]>;
  /** created_at -> first_response_at of tickets first answered in the period (at most maxRows + 1). */
  firstResponseRows(q: ReportQuery): Promise<DurationRow[]>;
  /** Assignees of the tickets resolved in the period (at most maxRows + 1 pairs). */
  resolvedAssignees(q: ReportQuery): Promise<Array<{ ticketId: number; personId: number }>>;
  technicians(q: ReportQuery): Promise<Array<{ personId: number; name: string; handled: number; overdue: number }>>;
  /** Tickets opened per category in the period and in the previous one. */
  categoryTrend(q: ReportQuery): Promise<Array<{ categoryId: number | null; current: number; previous: number }>>;
  /**
   * Tickets opened per exact title in both periods, clustered in core (SQL cannot fold accents and
   * stop words the same way on both databases). Reads at most maxRows titles; `truncated` beyond.
   */
  titleCounts(q: ReportQuery): Promise<{ titles: Array<{ title: string; current: number; previous: number }>; truncated: boolean }>;
  /** Scrape-time figures for /metrics: one GROUP BY each, whole table. */
  /** Tickets opened and resolved in each local day of a period (the chart's bars). */
  dailyCounts(scope: ReportScope, days: Array<{ from: Date; to: Date }>): Promise<{ opened: number[]; resolved: number[] }>;
  statusCounts(): Promise<Array<{ status: Status; serviceId: number | null; count: number }>>;
  createdByChannel(): Promise<Array<{ channel: Channel; count: number }>>;
  outboxDepth(): Promise<Array<{ channel: string; state: string; count: number }>>;
  slaBreaches(): Promise<{ own: number; resolve: number }>;
  inboundEvents(): Promise<Array<{ source: string; count: number }>>;
}
