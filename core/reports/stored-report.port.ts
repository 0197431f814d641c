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

export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export interface ReportDelivery {
  id: number;
  reportId: number;
  /** `slack:<channel>`, `teams:<conversation>` or `email:<address>`. */
  target: string;
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
  claimDelivery(reportId: number, target: string, at: Date): Promise<boolean>;
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
  /** Managers who asked for reports by e-mail too. */
  setSubscribed(personId: number, on: boolean, at: Date): Promise<void>;
  subscribers(): Promise<number[]>;
}
