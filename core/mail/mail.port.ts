/** A mail of the support mailbox, parsed by the adapter that read it (IMAP or Graph). */
export interface InboundMail {
  /** The mailbox it was read from (IMAP URL without password, or the Graph mailbox address). */
  mailbox: string;
  /** IMAP: "uidvalidity:uid"; Graph: the message id. Unique within the mailbox. */
  uid: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null } | null;
  to: string[];
  subject: string;
  text: string;
  /** Headers that tell a machine's mail from a person's, lower-case names. */
  headers: Record<string, string>;
  attachments: Array<{ filename: string; contentType: string; data: Buffer }>;
  /** Content-Language or the like, when the mail says. */
  language: string | null;
}

export type MailOutcome = 'ticket' | 'comment' | 'ignored' | 'refused';

export interface InboundMailRepository {
  /** True when this Message-ID or this mailbox UID was handled already. */
  seen(messageKey: string, mailbox: string, uid: string): Promise<boolean>;
  /** Throws a unique violation when another reader recorded it first (its transaction then rolls back). */
  record(m: { mailbox: string; messageKey: string; uid: string; outcome: MailOutcome; ticketId: number | null }, at: Date): Promise<void>;
  counts(): Promise<Record<MailOutcome, number>>;
}

/** What /metrics shows of an instance's support mailbox reader (IMAP or Graph). */
export interface MailboxState {
  kind: 'imap' | 'graph';
  connected: boolean;
  lastReadAt: Date | null;
  read: number;
  errors: number;
}
