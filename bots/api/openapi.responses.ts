import { z } from 'zod';
import { LEVELS, PRIORITIES, STATUSES, TICKET_TYPES } from '../../core/tickets/ticket.entity';
import { LINK_TYPES } from '../../core/tickets/link.entity';
import { CHANNELS } from '../../core/shared/actor';

/**
 * What /api/v1 answers, as zod schemas turned into the OpenAPI document's response schemas. Objects
 * are loose (more fields may come; clients keep what they know); what is listed is always there.
 * The generated-client test parses every answer of a ticket's whole life with these, so a change of
 * an answer that they do not follow fails there.
 */
const at = z.iso.datetime({ offset: true });
const ref = z.looseObject({ id: z.number().int(), name: z.string() });
const slugRef = z.looseObject({ id: z.number().int(), slug: z.string(), name: z.string() });

export const TicketSchema = z
  .looseObject({
    number: z.number().int().meta({ description: 'The ticket number #N' }),
    title: z.string(),
    description: z.string().optional(),
    type: z.enum(TICKET_TYPES),
    status: z.enum(STATUSES),
    urgency: z.enum(LEVELS),
    impact: z.enum(LEVELS),
    priority: z.union(PRIORITIES.map((p) => z.literal(p)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]).meta({ description: '1 critical .. 4 low' }),
    sourceChannel: z.enum(CHANNELS),
    requester: ref.nullable(),
    createdBy: ref.nullable(),
    assignees: z.array(ref),
    watchers: z.array(ref).optional(),
    service: slugRef.nullable(),
    category: slugRef.nullable(),
    overdue: z.boolean(),
    ownDueAt: at,
    resolveDueAt: at,
    resolution: z.string().nullable().optional(),
    version: z.number().int(),
    createdAt: at,
    updatedAt: at,
    links: z.array(z.looseObject({ linkId: z.number().int(), type: z.string(), ticket: z.looseObject({ number: z.number().int(), title: z.string(), status: z.enum(STATUSES) }).nullable() })).optional(),
    externalRefs: z.array(z.looseObject({ id: z.number().int(), system: z.string(), key: z.string(), url: z.string().nullable() })).optional(),
  })
  .meta({ id: 'Ticket' });

export const TicketPageSchema = z.looseObject({ items: z.array(TicketSchema), nextCursor: z.string().nullable() }).meta({ id: 'TicketPage' });

export const CommentSchema = z
  .looseObject({
    id: z.number().int(),
    body: z.string(),
    internal: z.boolean(),
    sender: z.enum(['customer', 'technician', 'system']),
    channel: z.enum(CHANNELS),
    createdAt: at,
  })
  .meta({ id: 'Comment' });
export const CommentListSchema = z.looseObject({ items: z.array(CommentSchema) }).meta({ id: 'CommentList' });

export const LinkSchema = z
  .looseObject({
    linkId: z.number().int(),
    type: z.enum([...LINK_TYPES, 'duplicated_by']).meta({ description: 'Seen from this ticket' }),
    ticket: z.looseObject({ number: z.number().int(), title: z.string(), status: z.enum(STATUSES) }).nullable(),
  })
  .meta({ id: 'Link' });
export const ExternalRefSchema = z.looseObject({ id: z.number().int(), system: z.string(), key: z.string(), url: z.string().nullable() }).meta({ id: 'ExternalRef' });
export const ItemsSchema = z.looseObject({ items: z.array(z.looseObject({})) }).meta({ id: 'ItemList', description: 'A list; each item is an object of the kind the route names' });

export const AuditEntrySchema = z
  .looseObject({ id: z.number().int(), action: z.string(), channel: z.string(), actorRole: z.string().nullable(), actorName: z.string().nullable() })
  .meta({ description: 'Who did what, through which channel, with the state before and after' });
export const AuditSchema = z.looseObject({ items: z.array(AuditEntrySchema) }).meta({ id: 'Audit' });

export const PersonSchema = z
  .looseObject({ id: z.number().int(), displayName: z.string(), role: z.enum(['employee', 'technician', 'manager', 'admin']) })
  .meta({ id: 'Person' });
export const ServiceSchema = z.looseObject({ id: z.number().int(), slug: z.string(), name: z.string() }).meta({ id: 'Service' });
export const CategorySchema = z.looseObject({ id: z.number().int(), slug: z.string() }).meta({ id: 'Category' });
export const ArticleSchema = z
  .looseObject({ id: z.number().int(), title: z.string(), kind: z.enum(['faq', 'guide', 'procedure']), status: z.enum(['draft', 'published']) })
  .meta({ id: 'Article' });

/** A configuration or figures object whose fields the route's summary describes. */
export const ResourceSchema = z.looseObject({}).meta({ id: 'Resource', description: 'An object of the kind the route names' });
