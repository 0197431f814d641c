import type { Channel } from '../shared/actor';
import type { PeriodKind } from './report-period';

/** Business-minute statistics of one duration (first response, resolution); null when no ticket counts. */
export interface DurationStat {
  count: number;
  meanMinutes: number | null;
  medianMinutes: number | null;
}

export interface Rate {
  met: number;
  total: number;
  /** met / total as a percentage with one decimal; null when total is 0. */
  percent: number | null;
}

export type Trend = 'new' | 'up' | 'down' | 'stable';

export interface BreakdownRow {
  key: string;
  label: string;
  opened: number;
  resolved: number;
}

export interface ServiceRow extends BreakdownRow {
  meanResolutionMinutes: number | null;
  overdueNow: number;
}

export interface TechnicianRow {
  id: number;
  name: string;
  handled: number;
  medianResolutionMinutes: number | null;
  overdueNow: number;
}

export interface RecurringRow {
  key: string;
  label: string;
  current: number;
  previous: number;
  trend: Trend;
}

/** SLA compliance of one clock from the SLA engine's flags (ticket_sla). */
export interface SlaCompliance {
  met: number;
  missed: number;
  atRisk: number;
  /** met / (met + missed), one decimal; null when nothing was judged. */
  percent: number | null;
}

export interface OverdueTicket {
  id: number;
  title: string;
  service: string;
  status: string;
  dueAt: string;
  /** Path under PUBLIC_URL: `/tickets/<id>`. */
  path: string;
}

export interface IncidentRow {
  id: number;
  title: string;
  reports: number;
  path: string;
}

/** A report as every rendering (JSON, CSV, Markdown, later cards) reads it; labels in `locale`. */
export interface Report {
  locale: 'fr' | 'en';
  period: { kind: PeriodKind; from: string; to: string; previousFrom: string; timeZone: string; firstDay: string; lastDay: string };
  scope: { kind: 'all' } | { kind: 'service'; id: number; slug: string; name: string } | { kind: 'technician'; id: number; name: string };
  generatedAt: string;
  volumes: { opened: number; resolved: number; closed: number; backlogStart: number; backlogEnd: number; overdueNow: number };
  durations: { firstResponse: DurationStat; resolution: DurationStat };
  sla: { own: Rate; resolve: Rate };
  byService: ServiceRow[];
  byCategory: BreakdownRow[];
  byPriority: BreakdownRow[];
  byChannel: Array<BreakdownRow & { key: Channel }>;
  technicians: TechnicianRow[];
  recurring: { categories: RecurringRow[]; titles: RecurringRow[] };
  /** Opened and resolved in the previous period of the same length, beside this one's. */
  previous: { opened: number; resolved: number };
  slaCompliance: { own: SlaCompliance; resolve: SlaCompliance };
  /** The oldest overdue tickets now (at most OVERDUE_LIST_MAX; `volumes.overdueNow` counts them all). */
  overdueTickets: OverdueTicket[];
  incidents: IncidentRow[];
  /** True when a bound on per-ticket rows was hit: durations and title clusters then cover a sample. */
  truncated: boolean;
}
