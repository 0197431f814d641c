import { z } from 'zod';
import { LEVELS, MAX_COMMENT, MAX_DESCRIPTION, MAX_TITLE, STATUSES, TICKET_TYPES } from './ticket.entity';
import { LINK_TYPES } from './link.entity';

/** Inputs shared by the REST API, chat forms and the web; unknown fields are refused, not ignored. */
const text = (max: number) => z.string().trim().min(1).max(max);
const personRef = z.union([z.number().int().positive(), z.string().trim().min(1).max(254)]);
const ticketRef = z.union([z.number().int().positive(), z.string().trim().regex(/^#?\d{1,9}$/).transform((s) => Number(s.replace('#', '')))]);
const ref = z.union([z.number().int().positive(), z.string().trim().min(1).max(64)]);

export const createTicketSchema = z.strictObject({
  title: text(MAX_TITLE),
  description: z.string().trim().max(MAX_DESCRIPTION).optional().default(''),
  type: z.enum(TICKET_TYPES).optional().default('incident'),
  category: ref.optional(),
  urgency: z.enum(LEVELS).optional().default('medium'),
  impact: z.enum(LEVELS).optional(),
  service: ref.optional(),
  /** Phone support files for a caller: e-mail, phone, Slack id or person id. */
  requester: personRef.optional(),
  requesterName: text(200).optional(),
  watchers: z.array(personRef).max(20).optional(),
  idempotencyKey: z.string().min(1).max(191).optional(),
});
export type CreateTicketInput = z.input<typeof createTicketSchema>;

export const updateTicketSchema = z
  .strictObject({
    title: text(MAX_TITLE).optional(),
    description: z.string().trim().max(MAX_DESCRIPTION).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    category: ref.nullable().optional(),
    urgency: z.enum(LEVELS).optional(),
    impact: z.enum(LEVELS).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;

export const changeStatusSchema = z.strictObject({
  status: z.enum(STATUSES),
  resolution: text(MAX_COMMENT).optional(),
  pendingUntil: z.iso.datetime({ offset: true }).optional(),
  /** Managers may resolve over open dependencies; the audit says so. */
  force: z.boolean().optional(),
  duplicateOf: ticketRef.optional(),
  comment: text(MAX_COMMENT).optional(),
});
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

export const reopenSchema = z.strictObject({ comment: text(MAX_COMMENT).optional() });

export const assignSchema = z
  .strictObject({
    add: z.array(personRef).max(20).optional(),
    remove: z.array(personRef).max(20).optional(),
  })
  .refine((v) => (v.add?.length ?? 0) + (v.remove?.length ?? 0) > 0, { message: 'name people to add or remove' });
export type AssignInput = z.input<typeof assignSchema>;

export const transferSchema = z.strictObject({ service: ref, comment: text(MAX_COMMENT).optional() });

export const commentSchema = z.strictObject({
  body: text(MAX_COMMENT),
  internal: z.boolean().optional().default(false),
  idempotencyKey: z.string().min(1).max(191).optional(),
});
export type CommentInput = z.input<typeof commentSchema>;

export const linkSchema = z.strictObject({ type: z.enum(LINK_TYPES), ticket: ticketRef });
export type LinkInput = z.input<typeof linkSchema>;

export const externalRefSchema = z.strictObject({
  system: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9 ._-]+$/),
  key: text(120),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});
export type ExternalRefInput = z.input<typeof externalRefSchema>;

export const watcherSchema = z.strictObject({ person: personRef });
