import type { ScheduledJob } from '../shared/scheduler.port';
import { retryReportDeliveries, type Delivery } from './deliver-report.service';
import { runScheduledReport } from './scheduled-report.service';

/**
 * R8: every Monday at 10:00 the last week's report, on the 1st at 10:00 the last month's (in
 * HELPDESK_TIMEZONE, which the runner applies), and every five minutes the posts that failed.
 */
export function reportJobs(d: Delivery, timeZone: string): ScheduledJob[] {
  return [
    { name: 'reports.weekly', cron: '0 10 * * 1', run: async () => void (await runScheduledReport(d, 'weekly', timeZone)) },
    { name: 'reports.monthly', cron: '0 10 1 * *', run: async () => void (await runScheduledReport(d, 'monthly', timeZone)) },
    { name: 'reports.retry', cron: '*/5 * * * *', run: async () => void (await retryReportDeliveries(d)) },
  ];
}
