import type { Attachment, AttachmentRepository, NewAttachment } from '../../../core/tickets/attachment.entity';
import { toDate, toInt, toIntOrNull, type Row, type Sql } from '../sql';

const COLUMNS = 'id, ticket_id, uploaded_by_id, filename, content_type, size, sha256, created_at';
const toAttachment = (r: Row): Attachment => ({
  id: toInt(r.id),
  ticketId: toInt(r.ticket_id),
  uploadedById: toIntOrNull(r.uploaded_by_id),
  filename: String(r.filename),
  contentType: String(r.content_type),
  size: toInt(r.size),
  sha256: String(r.sha256),
  createdAt: toDate(r.created_at),
});

export class SqlAttachmentRepository implements AttachmentRepository {
  constructor(private readonly sql: Sql) {}

  insert(a: NewAttachment): Promise<number> {
    return this.sql.insert(
      'INSERT INTO attachments (ticket_id, uploaded_by_id, filename, content_type, size, sha256, channel, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [a.ticketId, a.uploadedById, a.filename, a.contentType, a.size, a.sha256, a.channel, a.data, a.createdAt],
    );
  }

  async list(ticketId: number): Promise<Attachment[]> {
    return (await this.sql.select(`SELECT ${COLUMNS} FROM attachments WHERE ticket_id = ? ORDER BY id`, [ticketId])).map(toAttachment);
  }

  async read(ticketId: number, id: number): Promise<(Attachment & { data: Buffer }) | null> {
    const r = await this.sql.one(`SELECT ${COLUMNS}, data FROM attachments WHERE ticket_id = ? AND id = ?`, [ticketId, id]);
    if (!r) return null;
    const data = Buffer.isBuffer(r.data) ? r.data : Buffer.from(r.data as Uint8Array);
    return { ...toAttachment(r), data };
  }
}
