import type { Store } from '../../core/shared/store.port';
import type { ReportPoster } from '../../core/reports/report-poster.port';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { BotConnectorClient, type ConnectorCredentials } from './connector-client';

/**
 * Posts stored reports in Teams managers' channels, proactively: the channel's conversation
 * reference (service URL, conversation) was stored when the app was installed or spoken to there,
 * so any instance can post with the database alone.
 */
export function teamsReportPoster(read: Store, credentials: ConnectorCredentials, client = new BotConnectorClient(credentials)): ReportPoster {
  return {
    platform: 'teams',
    async post(channel, stored, links) {
      const ref = await read.conversationRefs.get('teams', channel.channelId);
      if (!ref) throw new Error(`no conversation reference stored for Teams channel ${channel.channelId}: mention the bot there once`);
      const card = reportSummaryAdaptive(stored.report, links);
      await client.post({ serviceUrl: ref.serviceUrl, conversationId: ref.conversationId }, {
        type: 'message',
        summary: String((card.body as Array<{ text?: string }>)[0]?.text ?? ''),
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      });
    },
  };
}
