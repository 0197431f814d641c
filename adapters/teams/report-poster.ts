import type { Store } from '../../core/shared/store.port';
import type { ReportLinks, ReportPoster } from '../../core/reports/report-poster.port';
import type { StoredReport } from '../../core/reports/stored-report.port';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { BotConnectorClient, type ConnectorCredentials } from './connector-client';

/**
 * Posts stored reports in Teams managers' channels, proactively: the channel's conversation
 * reference (service URL, conversation) was stored when the app was installed or spoken to there,
 * so any instance can post with the database alone.
 */
function activity(stored: StoredReport, links: ReportLinks) {
  const card = reportSummaryAdaptive(stored.report, links);
  return {
    type: 'message' as const,
    summary: String((card.body as Array<{ text?: string }>)[0]?.text ?? ''),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

export function teamsReportPoster(read: Store, credentials: ConnectorCredentials, client = new BotConnectorClient(credentials)): ReportPoster {
  return {
    platform: 'teams',
    async post(channel, stored, links) {
      const ref = await read.conversationRefs.get('teams', channel.channelId);
      if (!ref) throw new Error(`no conversation reference stored for Teams channel ${channel.channelId}: mention the bot there once`);
      await client.post({ serviceUrl: ref.serviceUrl, conversationId: ref.conversationId }, activity(stored, links));
    },
    /** The manager's personal chat: their stored reference, else one opened through a reference of the tenant. */
    async postToPerson(userId, stored, links) {
      const aad = userId.toLowerCase();
      let to = await read.conversationRefs.personal('teams', aad).then((r) => (r ? { serviceUrl: r.serviceUrl, conversationId: r.conversationId } : null));
      if (!to) {
        const tenant = await read.conversationRefs.anyOfTenant('teams', null);
        if (!tenant) throw new Error(`no Teams conversation to reach ${userId}: they must write to the bot once`);
        to = await client.createConversation(tenant, aad);
      }
      await client.post(to, activity(stored, links));
    },
  };
}
