import { WebClient } from '@slack/web-api';
import type { ReportPoster } from '../../core/reports/report-poster.port';
import { reportSummaryBlocks } from '../../cards/report-summary.blocks';

/**
 * Posts stored reports in Slack managers' channels. Its own client without retries: a failed post
 * is retried by the report delivery sweep, which records each attempt, not hidden inside the SDK.
 */
export function slackReportPoster(o: { botToken: string; apiUrl: string }): ReportPoster {
  const client = new WebClient(o.botToken, {
    slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  return {
    platform: 'slack',
    async post(channel, stored, links) {
      const { text, blocks } = reportSummaryBlocks(stored.report, links);
      await client.chat.postMessage({ channel: channel.channelId, text, blocks, unfurl_links: false });
    },
    /** A user id as the channel posts in the app's DM with that person (Slack opens it). */
    async postToPerson(userId, stored, links) {
      const { text, blocks } = reportSummaryBlocks(stored.report, links);
      await client.chat.postMessage({ channel: userId, text, blocks, unfurl_links: false });
    },
  };
}
