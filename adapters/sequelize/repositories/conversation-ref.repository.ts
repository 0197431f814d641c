import type { ChatPlatform } from '../../../core/chat/chat.port';
import type { ConversationRef, ConversationRefRepository, ConversationType } from '../../../core/chat/conversation-ref.port';
import { toStrOrNull, type Row, type Sql } from '../sql';

const COLUMNS = ['platform', 'conversation_id', 'conversation_type', 'service_url', 'tenant_id', 'bot_id', 'user_id', 'team_id', 'channel_id', 'updated_at'];
const SELECT = `SELECT ${COLUMNS.join(', ')} FROM conversation_refs`;

const toRef = (r: Row): ConversationRef => ({
  platform: r.platform as ChatPlatform,
  conversationId: String(r.conversation_id),
  conversationType: r.conversation_type as ConversationType,
  serviceUrl: String(r.service_url),
  tenantId: toStrOrNull(r.tenant_id),
  botId: toStrOrNull(r.bot_id),
  userId: toStrOrNull(r.user_id),
  teamId: toStrOrNull(r.team_id),
  channelId: toStrOrNull(r.channel_id),
});

export class SqlConversationRefRepository implements ConversationRefRepository {
  constructor(private readonly sql: Sql) {}

  async save(ref: ConversationRef, at: Date): Promise<void> {
    // Insert-or-keep, then refresh: two instances meeting the same conversation at once both succeed.
    const values = [ref.platform, ref.conversationId, ref.conversationType, ref.serviceUrl, ref.tenantId, ref.botId, ref.userId, ref.teamId, ref.channelId, at];
    const inserted = await this.sql.run(this.sql.insertIgnoreSql('conversation_refs', COLUMNS, ['platform', 'conversation_id']), values);
    if (inserted > 0) return;
    await this.sql.run(
      `UPDATE conversation_refs SET conversation_type = ?, service_url = ?, tenant_id = COALESCE(?, tenant_id), bot_id = COALESCE(?, bot_id),
         user_id = COALESCE(?, user_id), team_id = COALESCE(?, team_id), channel_id = COALESCE(?, channel_id), updated_at = ?
       WHERE platform = ? AND conversation_id = ?`,
      [ref.conversationType, ref.serviceUrl, ref.tenantId, ref.botId, ref.userId, ref.teamId, ref.channelId, at, ref.platform, ref.conversationId],
    );
  }

  async get(platform: ChatPlatform, conversationId: string): Promise<ConversationRef | null> {
    const r = await this.sql.one(`${SELECT} WHERE platform = ? AND conversation_id = ?`, [platform, conversationId]);
    return r ? toRef(r) : null;
  }

  async personal(platform: ChatPlatform, userId: string): Promise<ConversationRef | null> {
    const r = await this.sql.one(`${SELECT} WHERE platform = ? AND user_id = ? AND conversation_type = 'personal' ORDER BY updated_at DESC, id DESC LIMIT 1`, [platform, userId]);
    return r ? toRef(r) : null;
  }

  async anyOfTenant(platform: ChatPlatform, tenantId: string | null): Promise<ConversationRef | null> {
    const r =
      tenantId === null
        ? await this.sql.one(`${SELECT} WHERE platform = ? ORDER BY updated_at DESC, id DESC LIMIT 1`, [platform])
        : await this.sql.one(`${SELECT} WHERE platform = ? AND tenant_id = ? ORDER BY updated_at DESC, id DESC LIMIT 1`, [platform, tenantId]);
    return r ? toRef(r) : null;
  }

  async ofTeam(platform: ChatPlatform, teamId: string): Promise<ConversationRef[]> {
    return (await this.sql.select(`${SELECT} WHERE platform = ? AND team_id = ? ORDER BY id`, [platform, teamId])).map(toRef);
  }
}
