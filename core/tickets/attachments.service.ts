import { createHash } from 'node:crypto';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { assertCanSee } from './ticket.access';
import { audit, inTicketTransaction, loadTicket } from './ticket-change';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_TICKET, type Attachment } from './attachment.entity';

export interface AttachmentInput {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').trim().slice(0, 200);
  return name && name !== '.' && name !== '..' ? name : 'file';
}

const TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/**
 * Joins a file to a ticket (R1 "screenshot of the error"): whoever may see the ticket may add one
 * (the requester, their technicians). The bytes are kept in the database; the audit says who added
 * what, with its size and digest, never its content.
 */
/** What can be judged before anything is written (a form checks it before it files the ticket). */
export function checkAttachment(input: Pick<AttachmentInput, 'data'> & { truncated?: boolean }): void {
  if (input.truncated || input.data.length > MAX_ATTACHMENT_BYTES) throw new HelpdeskError('attachment_too_large', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  if (!input.data.length) throw new HelpdeskError('validation_failed', {}, [{ path: 'attachment', message: 'the file is empty' }]);
}

export async function addAttachment(deps: CoreDeps, actor: Actor, number: number, input: AttachmentInput): Promise<Attachment> {
  checkAttachment(input);
  const filename = cleanFilename(input.filename);
  const contentType = TYPE.test(input.contentType) ? input.contentType.toLowerCase() : 'application/octet-stream';
  const sha256 = createHash('sha256').update(input.data).digest('hex');
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanSee(actor, ticket);
    if ((await ctx.store.attachments.list(ticket.id)).length >= MAX_ATTACHMENTS_PER_TICKET) {
      throw new HelpdeskError('too_many_attachments', { number, max: MAX_ATTACHMENTS_PER_TICKET });
    }
    const a = { ticketId: ticket.id, uploadedById: actor.personId, filename, contentType, size: input.data.length, sha256, createdAt: ctx.now };
    const id = await ctx.store.attachments.insert({ ...a, data: input.data, channel: actor.channel });
    await audit(ctx, ticket.id, 'attachment_added', null, { attachment: id, filename, size: a.size, sha256 });
    return { id, ...a };
  });
}

export async function listAttachments(deps: CoreDeps, actor: Actor, number: number): Promise<Attachment[]> {
  const ticket = await loadTicket(deps.uow.read, number);
  assertCanSee(actor, ticket);
  return deps.uow.read.attachments.list(ticket.id);
}

/** The bytes, for whoever may see the ticket; another ticket's file id is simply not found. */
export async function readAttachment(deps: CoreDeps, actor: Actor, number: number, id: number): Promise<Attachment & { data: Buffer }> {
  const ticket = await loadTicket(deps.uow.read, number);
  assertCanSee(actor, ticket);
  const a = Number.isSafeInteger(id) && id > 0 ? await deps.uow.read.attachments.read(ticket.id, id) : null;
  if (!a) throw new HelpdeskError('attachment_not_found');
  return a;
}
