import type { PeriodKind } from '../../../core/reports/report-period';
import type { Report } from '../../../core/reports/report.entity';
import type { ReportChartData } from '../../../core/reports/report-chart-data';
import type { DeliveryStatus, ReportDelivery, ReportVia, StoredReport, StoredReportRepository } from '../../../core/reports/stored-report.port';
import { toDate, toDateOrNull, toInt, toStrOrNull, type Row, type Sql } from '../sql';

const HEAD = 'SELECT id, period_kind, scope_key, first_day, locale, created_at FROM stored_reports';
const FULL = 'SELECT id, period_kind, scope_key, first_day, locale, access_key, body, created_at FROM stored_reports';
const DELIVERY = 'SELECT id, report_id, person_id, target, status, attempts, last_error, next_attempt_at, sent_at FROM report_deliveries';

const toHead = (r: Row) => ({
  id: toInt(r.id),
  periodKind: r.period_kind as PeriodKind,
  scopeKey: String(r.scope_key),
  firstDay: String(r.first_day),
  locale: r.locale as 'fr' | 'en',
  createdAt: toDate(r.created_at),
});
const toStored = (r: Row): StoredReport => {
  const body = JSON.parse(String(r.body)) as { report: Report; chart: ReportChartData };
  return { ...toHead(r), accessKey: String(r.access_key), report: body.report, chart: body.chart };
};
const toDelivery = (r: Row): ReportDelivery => ({
  id: toInt(r.id),
  reportId: toInt(r.report_id),
  target: String(r.target),
  personId: r.person_id === null || r.person_id === undefined ? null : toInt(r.person_id),
  status: r.status as DeliveryStatus,
  attempts: toInt(r.attempts),
  lastError: toStrOrNull(r.last_error),
  nextAttemptAt: toDateOrNull(r.next_attempt_at),
  sentAt: toDateOrNull(r.sent_at),
});

export class SqlStoredReportRepository implements StoredReportRepository {
  constructor(private readonly sql: Sql) {}

  async saveOnce(r: Omit<StoredReport, 'id'>): Promise<{ stored: StoredReport; created: boolean }> {
    const changed = await this.sql.run(
      this.sql.insertIgnoreSql('stored_reports', ['period_kind', 'scope_key', 'first_day', 'locale', 'access_key', 'body', 'created_at'], ['period_kind', 'scope_key', 'first_day', 'locale']),
      [r.periodKind, r.scopeKey, r.firstDay, r.locale, r.accessKey, JSON.stringify({ report: r.report, chart: r.chart }), r.createdAt],
    );
    const row = await this.sql.one(`${FULL} WHERE period_kind = ? AND scope_key = ? AND first_day = ? AND locale = ?`, [r.periodKind, r.scopeKey, r.firstDay, r.locale]);
    if (!row) throw new Error('stored report vanished right after its insert');
    return { stored: toStored(row), created: changed > 0 };
  }

  async get(id: number): Promise<StoredReport | null> {
    const row = await this.sql.one(`${FULL} WHERE id = ?`, [id]);
    return row ? toStored(row) : null;
  }

  async list(q: { limit: number; beforeId?: number }) {
    const rows = q.beforeId
      ? await this.sql.select(`${HEAD} WHERE id < ? ORDER BY id DESC LIMIT ${Math.trunc(q.limit)}`, [q.beforeId])
      : await this.sql.select(`${HEAD} ORDER BY id DESC LIMIT ${Math.trunc(q.limit)}`);
    return rows.map(toHead);
  }

  async claimDelivery(reportId: number, target: string, at: Date, personId: number | null = null): Promise<boolean> {
    const changed = await this.sql.run(
      this.sql.insertIgnoreSql('report_deliveries', ['report_id', 'person_id', 'target', 'status', 'attempts', 'created_at'], ['report_id', 'target']),
      [reportId, personId, target.slice(0, 191), 'pending', 0, at],
    );
    return changed > 0;
  }

  async recordNotReached(reportId: number, personId: number, reason: string, at: Date): Promise<void> {
    await this.sql.run(
      this.sql.insertIgnoreSql('report_deliveries', ['report_id', 'person_id', 'target', 'status', 'attempts', 'last_error', 'created_at'], ['report_id', 'target']),
      [reportId, personId, `none:${personId}`, 'not_reached', 0, reason.slice(0, 500), at],
    );
  }

  async dueDeliveries(now: Date, maxAttempts: number, limit: number): Promise<ReportDelivery[]> {
    const rows = await this.sql.select(
      `${DELIVERY} WHERE status IN ('pending', 'failed') AND attempts < ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ${Math.trunc(limit)}`,
      [maxAttempts, now],
    );
    return rows.map(toDelivery);
  }

  async startAttempt(id: number, attemptsRead: number, retryAt: Date): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE report_deliveries SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND status <> 'sent'",
      [retryAt, id, attemptsRead],
    );
    return changed > 0;
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.sql.run("UPDATE report_deliveries SET status = 'sent', sent_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?", [at, id]);
  }

  async markFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.sql.run("UPDATE report_deliveries SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE id = ?", [error.slice(0, 500), nextAttemptAt, id]);
  }

  async deliveries(reportId: number): Promise<ReportDelivery[]> {
    return (await this.sql.select(`${DELIVERY} WHERE report_id = ? ORDER BY id`, [reportId])).map(toDelivery);
  }

  async setSubscribed(personId: number, on: boolean, at: Date): Promise<void> {
    // E-mail on is the 'email' choice; off returns to the default (the managers' channel).
    await this.setVia(personId, on ? 'email' : 'channel', at);
  }

  async subscribers(): Promise<number[]> {
    return (await this.sql.select("SELECT person_id FROM report_subscriptions WHERE via = 'email' ORDER BY person_id")).map((r) => toInt(r.person_id));
  }

  async setVia(personId: number, via: ReportVia, at: Date): Promise<void> {
    await this.sql.run('DELETE FROM report_subscriptions WHERE person_id = ?', [personId]);
    if (via !== 'channel') await this.sql.run('INSERT INTO report_subscriptions (person_id, via, created_at) VALUES (?, ?, ?)', [personId, via, at]);
  }

  async vias(): Promise<Map<number, ReportVia>> {
    const rows = await this.sql.select('SELECT person_id, via FROM report_subscriptions');
    return new Map(rows.map((r) => [toInt(r.person_id), String(r.via) as ReportVia]));
  }
}
