import type * as Nodemailer from 'nodemailer';
import type { ReportMailer } from '../../core/reports/report-poster.port';
import { reportSummary } from '../../core/reports/report-summary';
import { reportCsv } from '../../core/reports/report.render';
import { t } from '../../core/i18n/translate';
import { storedChartPng, storedReportHtml } from './report-outputs';

/**
 * A manager's report by mail: the whole report in HTML with the chart inline (cid:chart, shown by
 * every client without loading remote images) and the CSV attached. An SMTP refusal throws; the
 * report delivery sweep retries it with the other deliveries.
 */
export function smtpReportMailer(o: { smtpUrl: string; from: string; publicUrl: string }): ReportMailer {
  return {
    async mail(to, stored, links) {
      const s = reportSummary(stored.report);
      const colon = stored.locale === 'fr' ? ' : ' : ': ';
      const text = [s.title, s.scope, '', t(stored.locale, 'reports.mail.intro'), '', ...s.facts.map((f) => `${f.label}${colon}${f.value}`), '',
        `${s.fullLabel}${colon}${links.html}`, `PDF${colon}${links.pdf}`].join('\n');
      const nodemailer = require('nodemailer') as typeof Nodemailer; // eslint-disable-line @typescript-eslint/no-require-imports
      const transport = nodemailer.createTransport(o.smtpUrl);
      try {
        await transport.sendMail({
          from: o.from,
          to: to.name ? { name: to.name, address: to.address } : to.address,
          subject: s.title,
          text,
          html: storedReportHtml(stored, o.publicUrl, 'cid:chart'),
          headers: { 'Content-Language': stored.locale },
          attachments: [
            { filename: 'chart.png', content: storedChartPng(stored), contentType: 'image/png', cid: 'chart' },
            { filename: `report-${stored.periodKind}-${stored.firstDay}.csv`, content: reportCsv(stored.report, o.publicUrl), contentType: 'text/csv; charset=utf-8' },
          ],
        });
      } finally {
        transport.close();
      }
    },
  };
}
