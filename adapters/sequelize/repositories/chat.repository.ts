import type { BindingPurpose, ChannelBinding, ChatPlatform, ChatRepository, MessageKind, TicketMessage } from '../../../core/chat/chat.port';
import { toInt, toIntOrNull, toStrOrNull, type Row, type Sql } from '../sql';

const toBinding = (r: Row): ChannelBinding => ({
  id: toInt(r.id),
  platform: r.platform as ChatPlatform,
  teamId: toStrOrNull(r.team_id),
  channelId: String(r.channel_id),
  purpose: r.purpose as BindingPurpose,
  serviceId: toIntOrNull(r.service_id),
});

const toMessage = (r: Row): TicketMessage => ({
  id: toInt(r.id),
  ticketId: toInt(r.ticket_id),
  platform: r.platform as ChatPlatform,
  channelId: String(r.channel_id),
  messageTs: String(r.message_ts),
  threadTs: String(r.thread_ts),
  kind: r.kind as MessageKind,
});

const BINDING = 'SELECT id, platform, team_id, channel_id, purpose, service_id FROM channel_bindings';
const MESSAGE = 'SELECT id, ticket_id, platform, channel_id, message_ts, thread_ts, kind FROM ticket_messages';

export class SqlChatRepository implements ChatRepository {
  constructor(private readonly sql: Sql) {}

  async bind(b: Omit<ChannelBinding, 'id'>, at: Date): Promise<void> {
    // Delete then insert in the caller's transaction: the same on both databases, and the unique key still guards races.
    await this.sql.run('DELETE FROM channel_bindings WHERE platform = ? AND channel_id = ? AND purpose = ?', [b.platform, b.channelId, b.purpose]);
    await this.sql.insert(
      'INSERT INTO channel_bindings (platform, team_id, channel_id, purpose, service_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [b.platform, b.teamId, b.channelId, b.purpose, b.serviceId, at],
    );
  }

  async binding(platform: ChatPlatform, channelId: string, purpose: BindingPurpose): Promise<ChannelBinding | null> {
    const r = await this.sql.one(`${BINDING} WHERE platform = ? AND channel_id = ? AND purpose = ?`, [platform, channelId, purpose]);
    return r ? toBinding(r) : null;
  }

  async bindingsFor(platform: ChatPlatform, purpose: BindingPurpose, serviceId: number | null): Promise<ChannelBinding[]> {
    const rows =
      serviceId === null
        ? await this.sql.select(`${BINDING} WHERE platform = ? AND purpose = ? ORDER BY id`, [platform, purpose])
        : await this.sql.select(`${BINDING} WHERE platform = ? AND purpose = ? AND service_id = ? ORDER BY id`, [platform, purpose, serviceId]);
    return rows.map(toBinding);
  }

  async recordMessage(m: Omit<TicketMessage, 'id'>, at: Date): Promise<void> {
    await this.sql.insert(
      'INSERT INTO ticket_messages (ticket_id, platform, channel_id, message_ts, thread_ts, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [m.ticketId, m.platform, m.channelId, m.messageTs, m.threadTs, m.kind, at],
    );
  }

  async messagesOf(ticketId: number, platform: ChatPlatform): Promise<TicketMessage[]> {
    return (await this.sql.select(`${MESSAGE} WHERE ticket_id = ? AND platform = ? ORDER BY id`, [ticketId, platform])).map(toMessage);
  }

  async cardsOf(ticketId: number): Promise<TicketMessage[]> {
    return (await this.sql.select(`${MESSAGE} WHERE ticket_id = ? AND kind = 'card' ORDER BY id`, [ticketId])).map(toMessage);
  }

  async messageByThread(platform: ChatPlatform, channelId: string, threadTs: string): Promise<TicketMessage | null> {
    const r = await this.sql.one(`${MESSAGE} WHERE platform = ? AND channel_id = ? AND thread_ts = ? ORDER BY id LIMIT 1`, [platform, channelId, threadTs]);
    return r ? toMessage(r) : null;
  }

  async firstDelivery(source: string, eventId: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run(this.sql.insertIgnoreSql('inbound_events', ['source', 'event_id', 'created_at'], ['source', 'event_id']), [source, eventId.slice(0, 191), at]);
    return changed > 0;
  }

  async pruneInboundEvents(before: Date): Promise<number> {
    return this.sql.run('DELETE FROM inbound_events WHERE created_at < ?', [before]);
  }
}
