import type { PeriodKind } from './report-period';
import type { Report } from './report.entity';
import type { ReportChartData } from './report-chart-data';

/** A report kept after it was made: re-runs find it, links and old reports read it. */
export interface StoredReport {
  id: number;
  periodKind: PeriodKind;
  /** 'all', 'service:<slug>' or 'technician:<id>'. */
  scopeKey: string;
  firstDay: string;
  locale: 'fr' | 'en';
  accessKey: string;
  report: Report;
  chart: ReportChartData;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'not_reached';
/** How a manager wants reports: the managers' channel (default), e-mail, their personal chat, or not at all. */
export const REPORT_VIAS = ['channel', 'email', 'chat', 'none'] as const;
export type ReportVia = (typeof REPORT_VIAS)[number];
export interface ReportDelivery {
  id: number;
  reportId: number;
  /** `slack:<channel>`, `teams:<conversation>`, `email:<address>`, `dm:slack:<user>`, `dm:teams:<user>`, `none:<person>`. */
  target: string;
  /** The manager a personal delivery was for; null for a managers' channel. */
  personId: number | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
}

export interface StoredReportRepository {
  /** Keeps the first report of a period: a second call (re-run, other instance) gets that one back. */
  saveOnce(r: Omit<StoredReport, 'id'>): Promise<{ stored: StoredReport; created: boolean }>;
  get(id: number): Promise<StoredReport | null>;
  list(q: { limit: number; beforeId?: number }): Promise<Array<Omit<StoredReport, 'report' | 'chart' | 'accessKey'>>>;
  /** True when this call created the delivery row: only its caller may post. */
  claimDelivery(reportId: number, target: string, at: Date, personId?: number | null): Promise<boolean>;
  /** Records once that a manager was not reached, and why (the reason is a sentence in the report's language). */
  recordNotReached(reportId: number, personId: number, reason: string, at: Date): Promise<void>;
  /** Deliveries left pending by a crash or failed earlier, due now, with fewer than `maxAttempts`. */
  dueDeliveries(now: Date, maxAttempts: number, limit: number): Promise<ReportDelivery[]>;
  /**
   * Takes a due delivery for one attempt: conditional on the attempts count read, so two instances
   * retrying at once post it once. `retryAt` is when it may be tried again if this attempt dies.
   */
  startAttempt(id: number, attemptsRead: number, retryAt: Date): Promise<boolean>;
  markSent(id: number, at: Date): Promise<void>;
  markFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void>;
  deliveries(reportId: number): Promise<ReportDelivery[]>;
  /** Managers who asked for reports by e-mail. */
  setSubscribed(personId: number, on: boolean, at: Date): Promise<void>;
  subscribers(): Promise<number[]>;
  /** Each manager's choice; a manager without one gets the default ('channel'). */
  setVia(personId: number, via: ReportVia, at: Date): Promise<void>;
  vias(): Promise<Map<number, ReportVia>>;
}
