/** A file joined to a ticket (issue 9 report form, REST API): its bytes are read only on download. */
export interface Attachment {
  id: number;
  ticketId: number;
  uploadedById: number | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface NewAttachment extends Omit<Attachment, 'id'> {
  data: Buffer;
  channel: string;
}

/** Screenshots and documents, not archives of a whole disk: what a ticket needs. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_TICKET = 20;

export interface AttachmentRepository {
  insert(a: NewAttachment): Promise<number>;
  list(ticketId: number): Promise<Attachment[]>;
  /** The file's bytes with its description; null when it is not this ticket's. */
  read(ticketId: number, id: number): Promise<(Attachment & { data: Buffer }) | null>;
}
