import type { ChannelBinding, ChatPlatform } from '../chat/chat.port';
import type { StoredReport } from './stored-report.port';

/** Where a stored report's image and files are fetched (Slack and Teams load images by URL). */
export interface ReportLinks {
  chartPng: string;
  csv: string;
  markdown: string;
}

/** A platform that can post a report card in a managers' channel; made real by each bot. */
export interface ReportPoster {
  platform: ChatPlatform;
  post(channel: ChannelBinding, stored: StoredReport, links: ReportLinks): Promise<void>;
}

/** Links under PUBLIC_URL; the access key makes them unguessable without a session. */
export function reportLinks(publicUrl: string, stored: Pick<StoredReport, 'id' | 'accessKey'>): ReportLinks {
  const base = `${publicUrl.replace(/\/+$/, '')}/reports/${stored.id}/${stored.accessKey}`;
  return { chartPng: `${base}/chart.png`, csv: `${base}/report.csv`, markdown: `${base}/report.md` };
}
