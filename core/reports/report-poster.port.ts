import type { ChannelBinding, ChatPlatform } from '../chat/chat.port';
import type { StoredReport } from './stored-report.port';

/** Where a stored report's image and files are fetched (Slack and Teams load images by URL). */
export interface ReportLinks {
  chartPng: string;
  csv: string;
  markdown: string;
  pdf: string;
  html: string;
  /** `<PUBLIC_URL>/tickets/`: overdue tickets and incidents link there. */
  tickets: string;
}

/** A platform that can post a report card in a managers' channel; made real by each bot. */
export interface ReportPoster {
  platform: ChatPlatform;
  post(channel: ChannelBinding, stored: StoredReport, links: ReportLinks): Promise<void>;
  /** A manager's personal chat: a Slack user id (DM) or a Teams AAD object id (personal chat). */
  postToPerson(userId: string, stored: StoredReport, links: ReportLinks): Promise<void>;
}

/** A manager's mailbox: the whole report in HTML with the chart inline and the CSV attached. */
export interface ReportMailer {
  mail(to: { address: string; name: string }, stored: StoredReport, links: ReportLinks): Promise<void>;
}

/** Links under PUBLIC_URL; the access key makes them unguessable without a session. */
export function reportLinks(publicUrl: string, stored: Pick<StoredReport, 'id' | 'accessKey'>): ReportLinks {
  const root = publicUrl.replace(/\/+$/, '');
  const base = `${root}/reports/${stored.id}/${stored.accessKey}`;
  return { chartPng: `${base}/chart.png`, csv: `${base}/report.csv`, markdown: `${base}/report.md`, pdf: `${base}/report.pdf`, html: `${base}/report.html`, tickets: `${root}/tickets/` };
}
