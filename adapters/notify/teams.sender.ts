import type { Sender } from '../../core/notifications/sender.port';
import { SendFailure } from '../../core/notifications/sender.port';
import type { OutboxEntry } from '../../core/notifications/outbox.port';
import type { RenderedMessage } from '../../core/notifications/render';
import type { UnitOfWork } from '../../core/shared/store.port';
import { t } from '../../core/i18n/translate';
import { CARD_EVENTS, type ChatCards } from '../../core/notifications/chat-cards.port';
import { BotConnectorClient, ConnectorError, type ConnectorAddress } from '../teams/connector-client';

/**
 * Teams through the Bot Connector (adapters/teams/connector-client.ts), from stored conversation
 * references: a channel post (address = a conversation id the bot took part in) or a person's
 * personal chat (address = AAD object id), opened through a reference of the tenant when nobody
 * started one yet. 429 and 5xx are retried by the outbox; other 4xx answers are final.
 */
export class TeamsSender implements Sender {
  readonly channel = 'teams' as const;
  constructor(private readonly o: { connector: BotConnectorClient; uow: UnitOfWork; cards?: ChatCards }) {}

  async send(m: RenderedMessage, e: OutboxEntry): Promise<void> {
    const to = await this.address(e);
    // A person who never opened Teams with the bot is tried on their next channel; a bound channel
    // the bot cannot reach is a setup mistake and stays parked for the admin.
    if (!to) throw new SendFailure(`teams: no conversation reference for ${e.address}`, { permanent: true, unreachable: e.personId !== null });
    if (e.event === CARD_EVENTS.post || e.event === CARD_EVENTS.refresh) return this.failures(() => this.card(to, e));
    if (e.event === CARD_EVENTS.thread) return this.failures(() => this.threadComment(to, e));
    return this.failures(() => this.message(m, e, to));
  }

  /** Posts a ticket's card in a queue channel (recorded for later changes and replies), or replaces one for everyone. */
  private async card(to: ConnectorAddress, e: OutboxEntry): Promise<void> {
    if (!this.o.cards || e.ticketId === null) throw new SendFailure('teams: no card renderer', { permanent: true });
    const { card, summary } = await this.o.cards.teams(e.ticketId);
    const activity = { type: 'message' as const, summary: summary.slice(0, 200), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    if (e.event === CARD_EVENTS.refresh) {
      await this.o.connector.update(to, String(e.params.messageTs), activity);
      await this.o.connector.post(to, { type: 'message', text: this.o.cards.line((e.params.line ?? {}) as Record<string, unknown>), textFormat: 'markdown' }, String(e.params.threadTs));
      return;
    }
    const posted = await this.o.connector.post(to, activity);
    if (!posted.id) return;
    const record = { ticketId: e.ticketId, platform: 'teams' as const, channelId: e.address, messageTs: posted.id, threadTs: posted.id, kind: 'card' as const };
    // Posted already: failing to record it must not post it twice.
    await this.o.uow.transaction((s) => s.chat.recordMessage(record, new Date())).catch(() => undefined);
  }

  /** A comment written elsewhere (the requester's chat, the web, mail, the other platform) in a card's thread. */
  private async threadComment(to: ConnectorAddress, e: OutboxEntry): Promise<void> {
    if (!this.o.cards) throw new SendFailure('teams: no card renderer', { permanent: true });
    await this.o.connector.post(to, { type: 'message', text: this.o.cards.comment(e.params, 'teams'), textFormat: 'markdown' }, String(e.params.threadTs));
  }

  /** Connector answers as outbox outcomes: 429 waits, other 4xx are final, the rest retried. */
  private async failures(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (err instanceof ConnectorError) {
        if (err.status === 429) throw new SendFailure(err.message, { retryAfterMs: 1000 });
        throw new SendFailure(err.message, { permanent: err.status >= 400 && err.status < 500 && err.status !== 408 });
      }
      throw err;
    }
  }

  private async message(m: RenderedMessage, e: OutboxEntry, to: ConnectorAddress): Promise<void> {
    // In a person's chat about a ticket, say how to answer, as the bot's own messages do.
    const hint = e.personId !== null && m.ticketNumber !== null ? `\n\n${t(m.locale, 'teams.reply_hint', { number: m.ticketNumber })}` : '';
    const text = (m.link ? `${m.chat}\n\n[${m.link.replace(/^https?:\/\//, '')}](${m.link})` : m.chat) + hint;
    const posted = await this.o.connector.post(to, { type: 'message', text, textFormat: 'markdown' });
    // Recorded like the bot's own messages to the requester: quoting it answers on the ticket.
    if (hint && posted.id && e.ticketId !== null) {
      const record = { ticketId: e.ticketId, platform: 'teams' as const, channelId: to.conversationId, messageTs: posted.id, threadTs: posted.id, kind: 'requester_dm' as const };
      // Delivered already: a failure to record must not make the outbox send it again.
      await this.o.uow.transaction((s) => s.chat.recordMessage(record, new Date())).catch(() => undefined);
    }
  }

  private async address(e: OutboxEntry): Promise<ConnectorAddress | null> {
    const refs = this.o.uow.read.conversationRefs;
    if (e.personId === null) {
      // A bound channel's id is a conversation id the Bot Connector accepts for a new post; the
      // service URL comes from its own reference, else from any reference of the tenant.
      const ref = (await refs.get('teams', e.address)) ?? (/^19:/.test(e.address) ? await refs.anyOfTenant('teams', null) : null);
      return ref ? { serviceUrl: ref.serviceUrl, conversationId: e.address } : null;
    }
    const userId = e.address.toLowerCase();
    const mine = await refs.personal('teams', userId);
    if (mine) return { serviceUrl: mine.serviceUrl, conversationId: mine.conversationId };
    const tenant = await refs.anyOfTenant('teams', null);
    if (!tenant) return null;
    const opened = await this.o.connector.createConversation(tenant, userId);
    await refs.save({ ...tenant, conversationId: opened.conversationId, conversationType: 'personal', userId, teamId: null, channelId: null }, new Date());
    return opened;
  }
}
