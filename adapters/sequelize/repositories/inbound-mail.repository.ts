import type { InboundMailRepository, MailOutcome } from '../../../core/mail/mail.port';
import { toInt, type Sql } from '../sql';

export class SqlInboundMailRepository implements InboundMailRepository {
  constructor(private readonly sql: Sql) {}

  async seen(messageKey: string, mailbox: string, uid: string): Promise<boolean> {
    return !!(await this.sql.one('SELECT id FROM inbound_mails WHERE message_key = ? OR (mailbox = ? AND uid = ?)', [messageKey, mailbox, uid]));
  }

  async record(m: { mailbox: string; messageKey: string; uid: string; outcome: MailOutcome; ticketId: number | null }, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO inbound_mails (mailbox, message_key, uid, outcome, ticket_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [m.mailbox.slice(0, 191), m.messageKey, m.uid.slice(0, 191), m.outcome, m.ticketId, at]);
  }

  async counts(): Promise<Record<MailOutcome, number>> {
    const out: Record<MailOutcome, number> = { ticket: 0, comment: 0, ignored: 0, refused: 0 };
    for (const r of await this.sql.select('SELECT outcome, COUNT(*) AS n FROM inbound_mails GROUP BY outcome')) out[r.outcome as MailOutcome] = toInt(r.n);
    return out;
  }
}
