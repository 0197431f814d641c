import type { Channel } from '../../../core/shared/actor';
import type { CommentRepository } from '../../../core/shared/store.port';
import type { Comment, NewComment, Sender } from '../../../core/tickets/comment.entity';
import { toBool, toDate, toInt, toIntOrNull, type Row, type Sql } from '../sql';

const toComment = (r: Row): Comment => ({
  id: toInt(r.id),
  ticketId: toInt(r.ticket_id),
  authorId: toIntOrNull(r.author_id),
  sender: r.sender as Sender,
  body: String(r.body),
  internal: toBool(r.internal),
  channel: r.channel as Channel,
  createdAt: toDate(r.created_at),
});

export class SqlCommentRepository implements CommentRepository {
  constructor(private readonly sql: Sql) {}

  async insert(c: NewComment, at: Date): Promise<number> {
    return this.sql.insert('INSERT INTO comments (ticket_id, author_id, sender, body, internal, channel, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      c.ticketId, c.authorId, c.sender, c.body, c.internal, c.channel, at,
    ]);
  }

  async list(ticketId: number, includeInternal: boolean): Promise<Comment[]> {
    const rows = await this.sql.select(
      `SELECT id, ticket_id, author_id, sender, body, internal, channel, created_at FROM comments
       WHERE ticket_id = ?${includeInternal ? '' : ' AND internal = ?'} ORDER BY id`,
      includeInternal ? [ticketId] : [ticketId, false],
    );
    return rows.map(toComment);
  }
}
