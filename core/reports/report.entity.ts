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
  /** True when a bound on per-ticket rows was hit: durations and title clusters then cover a sample. */
  truncated: boolean;
}
