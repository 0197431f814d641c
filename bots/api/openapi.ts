import { z } from 'zod';
import * as ts from '../../core/tickets/ticket.schemas';
import * as ps from '../../core/people/people.schemas';
import { groupMapSchema } from '../../core/directory/group-maps.service';
import * as kb from '../../core/kb/kb.schemas';
import { linkArticleSchema } from '../../core/kb/link-article-to-ticket.service';
import * as ns from '../../core/notifications/notification.schemas';
import { sendReportSchema } from '../../core/reports/send-report.service';
import { subscriptionSchema } from '../../core/reports/report-subscription.service';
import { ruleSchema } from '../../core/automation/rule.entity';
import { templateSchema } from '../../core/templates/template.entity';
import { listTicketsSchema } from '../../core/tickets/list-tickets.service';
import { policySchema } from '../../core/sla/manage-sla-settings.service';
import { settingsSchema as routingSettingsSchema, routingRuleSchema, absenceSchema } from '../../core/routing/manage-routing.service';
import { useTemplateSchema } from '../../core/templates/create-from-template.service';
import * as r from './openapi.responses';

/**
 * The OpenAPI 3.1 description of /api/v1, with request bodies generated from the very zod schemas
 * that validate them, so the document cannot drift from what the server accepts, and answers from
 * the zod schemas of openapi.responses.ts, which the generated-client test holds the answers to.
 */
type Op = { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string; summary: string; body?: z.ZodType; query?: z.ZodObject; ok: number; tag: string };

const body = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const OPS: Op[] = [
  { method: 'get', path: '/tickets', summary: 'List tickets (filters: status, service, assignee, requester, category, priority, overdue, q; sort; cursor pagination)', query: listTicketsSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets', summary: 'Create a ticket (Idempotency-Key header honoured)', body: ts.createTicketSchema, ok: 201, tag: 'tickets' },
  { method: 'get', path: '/tickets/{number}', summary: 'Get a ticket with links and external references', ok: 200, tag: 'tickets' },
  { method: 'patch', path: '/tickets/{number}', summary: 'Update title, description, type, category, urgency, impact', body: ts.updateTicketSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/status', summary: 'Change status (pending, in_progress, resolved, closed, cancelled...)', body: ts.changeStatusSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/reopen', summary: 'Reopen a resolved or closed ticket', body: ts.reopenSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/claim', summary: 'Claim an unassigned ticket (one winner when several claim at once)', ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/assignees', summary: 'Add or remove assignees', body: ts.assignSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/transfer', summary: 'Hand the ticket over to another service', body: ts.transferSchema, ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/watchers', summary: 'Add a watcher', body: ts.watcherSchema, ok: 200, tag: 'tickets' },
  { method: 'delete', path: '/tickets/{number}/watchers/{person}', summary: 'Remove a watcher', ok: 200, tag: 'tickets' },
  { method: 'get', path: '/tickets/{number}/comments', summary: 'List comments (internal ones for staff only)', ok: 200, tag: 'comments' },
  { method: 'post', path: '/tickets/{number}/comments', summary: 'Add a public comment or an internal note', body: ts.commentSchema, ok: 201, tag: 'comments' },
  { method: 'get', path: '/tickets/{number}/links', summary: 'List links, seen from this ticket', ok: 200, tag: 'links' },
  { method: 'post', path: '/tickets/{number}/links', summary: 'Link to another ticket (cycles refused with 422)', body: ts.linkSchema, ok: 201, tag: 'links' },
  { method: 'delete', path: '/tickets/{number}/links/{linkId}', summary: 'Remove a link', ok: 204, tag: 'links' },
  { method: 'get', path: '/tickets/{number}/external-refs', summary: 'List external references (JIRA, GLPI, vendor)', ok: 200, tag: 'links' },
  { method: 'post', path: '/tickets/{number}/external-refs', summary: 'Add an external reference', body: ts.externalRefSchema, ok: 201, tag: 'links' },
  { method: 'delete', path: '/tickets/{number}/external-refs/{refId}', summary: 'Remove an external reference', ok: 204, tag: 'links' },
  { method: 'get', path: '/tickets/{number}/audit', summary: 'Full history of the ticket, oldest first', ok: 200, tag: 'tickets' },
  { method: 'get', path: '/kb/articles', summary: 'Search articles: q (accents and plurals folded, title matches first), lang, category, status (staff), limit', query: kb.searchArticlesSchema, ok: 200, tag: 'kb' },
  { method: 'post', path: '/kb/articles', summary: 'Write an article (staff): a draft, or published at once', body: kb.createArticleSchema, ok: 201, tag: 'kb' },
  { method: 'get', path: '/kb/articles/{id}', summary: 'Read an article (counts a view); technician-only and drafts are 404 to employees', ok: 200, tag: 'kb' },
  { method: 'patch', path: '/kb/articles/{id}', summary: 'Edit an article (staff): a new version, kept with who and when', body: kb.updateArticleSchema, ok: 200, tag: 'kb' },
  { method: 'delete', path: '/kb/articles/{id}', summary: 'Delete an article with its versions (staff; the audit keeps it)', ok: 204, tag: 'kb' },
  { method: 'post', path: '/kb/articles/{id}/publish', summary: 'Publish a draft (staff)', ok: 200, tag: 'kb' },
  { method: 'get', path: '/kb/articles/{id}/versions', summary: 'Every version, oldest first, with editor and time (staff)', ok: 200, tag: 'kb' },
  { method: 'post', path: '/kb/articles/{id}/helpful', summary: '"This solved it": counts the deflection, files nothing', ok: 200, tag: 'kb' },
  { method: 'post', path: '/tickets/{number}/article', summary: 'Draft an article from a resolved ticket (or, with {article}, record an existing one as its answer)', body: kb.draftFromTicketSchema.or(linkArticleSchema), ok: 201, tag: 'kb' },
  { method: 'get', path: '/tickets/{number}/articles', summary: 'Articles that answered this ticket', ok: 200, tag: 'kb' },
  { method: 'get', path: '/tickets/{number}/suggestions', summary: 'Related published articles and similar resolved tickets (staff)', ok: 200, tag: 'kb' },
  { method: 'get', path: '/reports', summary: 'Manager report (managers, admins; technicians: their own or their services): period=weekly|monthly, from=YYYY-MM-DD, service, technician, format=json|csv|md, lang', ok: 200, tag: 'reports' },
  { method: 'get', path: '/me', summary: 'Who the token acts as', ok: 200, tag: 'people' },
  { method: 'get', path: '/people', summary: 'List people (staff)', ok: 200, tag: 'people' },
  { method: 'post', path: '/people', summary: 'Create a person (admin)', body: ps.createPersonSchema, ok: 201, tag: 'people' },
  { method: 'get', path: '/people/{ref}', summary: 'Get a person by id, e-mail, phone or Slack id', ok: 200, tag: 'people' },
  { method: 'patch', path: '/people/{ref}', summary: 'Update a person (admin)', body: ps.updatePersonSchema, ok: 200, tag: 'people' },
  { method: 'post', path: '/roles', summary: 'Give a role (and a service for technicians) (admin)', body: ps.roleSchema, ok: 200, tag: 'people' },
  { method: 'get', path: '/directory/groups', summary: 'Directory groups mapped to roles (admin)', ok: 200, tag: 'people' },
  { method: 'post', path: '/directory/groups', summary: 'Map a directory group to a role, and a service for technicians (admin)', body: groupMapSchema, ok: 201, tag: 'people' },
  { method: 'delete', path: '/directory/groups/{id}', summary: 'Remove a group mapping (admin)', ok: 204, tag: 'people' },
  { method: 'post', path: '/directory/sync', summary: 'Sync people, managers and mapped groups from Entra ID now (admin)', ok: 200, tag: 'people' },
  { method: 'get', path: '/services', summary: 'List services', ok: 200, tag: 'services' },
  { method: 'post', path: '/services', summary: 'Create a service (admin)', body: ps.createServiceSchema, ok: 201, tag: 'services' },
  { method: 'patch', path: '/services/{ref}', summary: 'Update a service (admin)', body: ps.updateServiceSchema, ok: 200, tag: 'services' },
  { method: 'post', path: '/services/{ref}/members', summary: 'Add a member (admin)', body: ps.memberSchema, ok: 200, tag: 'services' },
  { method: 'delete', path: '/services/{ref}/members/{person}', summary: 'Remove a member (admin)', ok: 200, tag: 'services' },
  { method: 'get', path: '/categories', summary: 'List categories', ok: 200, tag: 'services' },
  { method: 'post', path: '/categories', summary: 'Create a category (admin)', body: ps.categorySchema, ok: 201, tag: 'services' },
  { method: 'patch', path: '/categories/{ref}', summary: 'Update a category (admin)', body: ps.categorySchema.partial(), ok: 200, tag: 'services' },
  { method: 'get', path: '/sla', summary: 'Business calendar, priority matrix and SLA policies (staff)', ok: 200, tag: 'sla' },
  { method: 'put', path: '/sla/priority-matrix', summary: 'Replace the urgency x impact matrix (admin)', ok: 200, tag: 'sla' },
  { method: 'put', path: '/sla/calendar', summary: 'Replace the business calendar (admin)', ok: 200, tag: 'sla' },
  { method: 'post', path: '/sla/policies', summary: 'Set an SLA policy for a priority, optionally per service (admin)', ok: 200, tag: 'sla' },
  { method: 'get', path: '/me/notifications', summary: 'My notification preferences: channels, rhythm (immediate|hourly), quiet hours', ok: 200, tag: 'notifications' },
  { method: 'put', path: '/me/notifications', summary: 'Choose channels, rhythm and quiet hours', body: ns.preferencesSchema, ok: 200, tag: 'notifications' },
  { method: 'get', path: '/people/{ref}/notifications', summary: "Someone's notification preferences (admin)", ok: 200, tag: 'notifications' },
  { method: 'put', path: '/people/{ref}/notifications', summary: "Set someone's notification preferences (admin)", body: ns.preferencesSchema, ok: 200, tag: 'notifications' },
  { method: 'get', path: '/services/{ref}/intake', summary: "A service's mailing list and on-call delay (staff)", ok: 200, tag: 'notifications' },
  { method: 'put', path: '/services/{ref}/intake', summary: 'Set the mailing list (every new ticket) and the on-call delay in minutes (admin)', body: ns.intakeSchema, ok: 200, tag: 'notifications' },
  { method: 'get', path: '/services/{ref}/oncall', summary: 'The on-call rota (staff)', ok: 200, tag: 'notifications' },
  { method: 'post', path: '/services/{ref}/oncall', summary: 'Put someone on call from/to (admin; they need a phone)', body: ns.shiftSchema, ok: 201, tag: 'notifications' },
  { method: 'delete', path: '/services/{ref}/oncall/{id}', summary: 'Remove an on-call shift (admin)', ok: 204, tag: 'notifications' },
  { method: 'get', path: '/outbox', summary: 'Outbox messages and counts per state (admin): state, ticket, limit, after', ok: 200, tag: 'notifications' },
  { method: 'get', path: '/outbox/{id}', summary: 'One outbox message with each delivery attempt (admin)', ok: 200, tag: 'notifications' },
  { method: 'post', path: '/outbox/retry', summary: 'Put failed messages back in the queue: the ids given, or all (admin)', body: ns.retrySchema, ok: 200, tag: 'notifications' },
  { method: 'get', path: '/tickets/{number}/attachments', summary: 'Files joined to a ticket (whoever sees the ticket)', ok: 200, tag: 'tickets' },
  { method: 'post', path: '/tickets/{number}/attachments', summary: 'Join a file: the raw bytes as the body, its type as Content-Type, ?filename= (10 MB at most)', ok: 201, tag: 'tickets' },
  { method: 'get', path: '/tickets/{number}/attachments/{id}', summary: 'Download a file (always as an attachment)', ok: 200, tag: 'tickets' },
  { method: 'get', path: '/reports/stored', summary: 'Reports kept by the schedule or a send, newest first (managers, admins): limit, before', ok: 200, tag: 'reports' },
  { method: 'get', path: '/reports/stored/{id}', summary: 'A stored report with its chart figures and deliveries (managers, admins)', ok: 200, tag: 'reports' },
  { method: 'post', path: '/reports/send', summary: "Make, keep and post a report in every managers' channel now (managers, admins)", body: sendReportSchema, ok: 201, tag: 'reports' },
  { method: 'get', path: '/reports/subscription', summary: 'Whether I get reports by e-mail too (managers)', ok: 200, tag: 'reports' },
  { method: 'put', path: '/reports/subscription', summary: 'Get reports by e-mail too, or not (managers)', body: subscriptionSchema, ok: 200, tag: 'reports' },
  { method: 'get', path: '/people/{ref}/personal-data', summary: "Everything stored about a person, as JSON (GDPR export; admins, or `me`)", ok: 200, tag: 'people' },
  { method: 'delete', path: '/people/{ref}/personal-data', summary: 'Erase a person: anonymised everywhere, contacts and tokens removed (GDPR; admins)', ok: 200, tag: 'people' },
  { method: 'get', path: '/sla/overview', summary: 'Live SLA counts, targets and each service\'s routing (staff)', ok: 200, tag: 'sla' },
  { method: 'get', path: '/sla/quick-look', summary: 'The chat quick look as text (staff)', ok: 200, tag: 'sla' },
  { method: 'get', path: '/sla/tickets/{number}', summary: "A ticket's SLA clocks: due dates, levels reached, met or missed", ok: 200, tag: 'sla' },
  { method: 'get', path: '/rules', summary: 'Automation rules (staff)', ok: 200, tag: 'automation' },
  { method: 'post', path: '/rules', summary: 'Create a rule: when, if, then (admin)', body: ruleSchema, ok: 201, tag: 'automation' },
  { method: 'get', path: '/rules/runs', summary: 'What the rules did, newest first (staff)', ok: 200, tag: 'automation' },
  { method: 'get', path: '/rules/{id}', summary: 'One rule (staff)', ok: 200, tag: 'automation' },
  { method: 'put', path: '/rules/{id}', summary: 'Replace a rule, or switch it on or off (admin)', body: ruleSchema, ok: 200, tag: 'automation' },
  { method: 'delete', path: '/rules/{id}', summary: 'Delete a rule (admin)', ok: 204, tag: 'automation' },
  { method: 'get', path: '/templates', summary: 'Templates of frequent requests', ok: 200, tag: 'automation' },
  { method: 'get', path: '/templates/{slug}', summary: 'One template with its checklist', ok: 200, tag: 'automation' },
  { method: 'put', path: '/templates/{slug}', summary: 'Create or replace a template (admin)', body: templateSchema, ok: 200, tag: 'automation' },
  { method: 'post', path: '/templates/{slug}/tickets', summary: 'File a ticket from a template, with its checklist of child tasks', ok: 201, tag: 'automation' },
  { method: 'get', path: '/routing', summary: "Each service's routing mode and the routing rules (staff)", ok: 200, tag: 'routing' },
  { method: 'put', path: '/routing/services/{ref}', summary: "Set a service's mode (nobody, round-robin, least-loaded) and time limit to accept (admin)", ok: 200, tag: 'routing' },
  { method: 'post', path: '/routing/rules', summary: 'Add a routing rule (category or words -> service) (admin)', ok: 201, tag: 'routing' },
  { method: 'delete', path: '/routing/rules/{id}', summary: 'Remove a routing rule (admin)', ok: 204, tag: 'routing' },
  { method: 'post', path: '/routing/absences', summary: 'Record an absence: the person gets no new tickets meanwhile', ok: 201, tag: 'routing' },
  { method: 'get', path: '/routing/absences', summary: 'Absences (staff)', ok: 200, tag: 'routing' },
];

const ERRORS = { 400: 'Invalid input', 401: 'No or bad token', 403: 'Not allowed', 404: 'Not found (or not yours)', 409: 'Conflict with the current state', 413: 'Body too large', 422: 'Refused by a rule (cycle, missing resolution...)' };

/** Bodies without a zod schema of their own in the OPS table. */
const EXTRA_BODIES: Record<string, z.ZodType> = {
  'post /sla/policies': policySchema,
  'put /routing/services/{ref}': routingSettingsSchema,
  'post /routing/rules': routingRuleSchema,
  'post /routing/absences': absenceSchema,
  'post /templates/{slug}/tickets': useTemplateSchema,
};
/** Bodies checked by hand-written validators: described here as JSON Schema. */
const LEVEL_ENUM = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] };
const RAW_BODIES: Record<string, Record<string, unknown>> = {
  'put /sla/priority-matrix': {
    type: 'object', description: 'urgency -> impact -> priority (1 critical .. 4 low); every urgency and impact present',
    required: LEVEL_ENUM.enum, additionalProperties: false,
    properties: Object.fromEntries(LEVEL_ENUM.enum.map((u) => [u, { type: 'object', required: LEVEL_ENUM.enum, additionalProperties: false, properties: Object.fromEntries(LEVEL_ENUM.enum.map((i) => [i, { type: 'integer', minimum: 1, maximum: 4 }])) }])),
  },
  'put /sla/calendar': {
    type: 'object', description: 'The business calendar: an IANA time zone, opening hours per ISO weekday (1 Monday .. 7 Sunday), public holidays',
    required: ['timezone', 'hours'],
    properties: {
      timezone: { type: 'string', examples: ['Europe/Paris'] },
      hours: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, to: { type: 'string', pattern: '^\\d{2}:\\d{2}$' } } } } },
      holidays: { description: '"FR" for French public holidays, or a list of YYYY-MM-DD dates', oneOf: [{ type: 'string', enum: ['FR', 'none'] }, { type: 'array', items: { type: 'string', format: 'date' } }] },
    },
  },
};

/**
 * What the server refuses although the JSON Schema alone would let it through: cross-field rules
 * and rules that depend on the ticket or the caller. Stated in each operation's description.
 */
const RULES: Record<string, string> = {
  'post /tickets': 'Refused: `service`, or `requester` naming someone else, from an employee (403); a token without a person and no `requester` (400); a `requester` that is not an e-mail or phone of a known person (404). A repeated `Idempotency-Key` answers 200 with the ticket first created.',
  'patch /tickets/{number}': 'Refused: an empty body (400 `validation_failed`, nothing to change); a ticket no longer open (409 `invalid_transition`); an employee editing another person\'s ticket (403).',
  'post /tickets/{number}/status': 'Refused: a move the status table forbids, or to the current status (409 `invalid_transition`); `assigned` with nobody assigned (409); `resolved` without `resolution` (422 `resolution_required`); `duplicateOf` unless closing (400); resolving over open dependencies or children (409 `open_dependencies` / `open_children`; `force` by a manager overrides); an employee on someone else\'s ticket (403).',
  'post /tickets/{number}/reopen': 'Refused: a ticket neither resolved nor closed (409 `invalid_transition`); an employee reopening a closed ticket or someone else\'s (403).',
  'post /tickets/{number}/claim': 'Refused: a ticket someone else owns (409 `already_claimed`, naming them); a ticket no longer open (409); a token without a person (403).',
  'post /tickets/{number}/assignees': 'Refused: neither `add` nor `remove` entries (400); an employee or inactive person to add (422 `not_a_technician`); only people already assigned to add (409 `already_assigned`); a ticket no longer open (409).',
  'post /tickets/{number}/links': 'Refused: a link to the ticket itself (422 `link_self`); a `depends_on`, `parent_of` or `duplicate_of` cycle (422 `link_cycle`); a second parent (422 `second_parent`); a link that exists (409 `link_exists`).',
  'post /tickets/{number}/article': 'Refused: drafting from a ticket that is not resolved or closed (422 `ticket_not_resolved`).',
  'patch /kb/articles/{id}': 'Refused: a body with only `version` (400, nothing to change); a stale `version` (409 `article_changed`).',
  'patch /people/{ref}': 'Refused: an empty body (400, nothing to change).',
  'patch /services/{ref}': 'Refused: an empty body (400, nothing to change).',
  'post /services': 'Refused: a name without letters or digits (400); a slug that exists (409 `duplicate_service`).',
  'post /services/{ref}/members': 'Refused: an employee as a member (422 `not_a_technician`).',
  'post /services/{ref}/oncall': 'Refused: `to` not after `from` (400); a person without a phone number (400).',
};

const EXAMPLES: Record<string, unknown> = {
  'post /tickets': { title: 'Imprimante du 2e étage en panne', description: 'Elle affiche « bourrage » mais il n’y a pas de papier coincé.', type: 'incident', category: 'hardware', urgency: 'high' },
  'patch /tickets/{number}': { urgency: 'critical' },
  'post /tickets/{number}/status': { status: 'resolved', resolution: 'Rouleau d’entraînement changé.' },
  'post /tickets/{number}/reopen': { comment: 'Le bourrage est revenu.' },
  'post /tickets/{number}/assignees': { add: ['theo@example.com'] },
  'post /tickets/{number}/transfer': { service: 'reseau', comment: 'Problème de VLAN, pas de matériel.' },
  'post /tickets/{number}/watchers': { person: 'anne@example.com' },
  'post /tickets/{number}/comments': { body: 'Je passe vous voir à 14h.', internal: false },
  'post /tickets/{number}/links': { type: 'depends_on', ticket: 42 },
  'post /tickets/{number}/external-refs': { system: 'JIRA', key: 'INFRA-812', url: 'https://jira.example.com/browse/INFRA-812' },
  'post /kb/articles': { title: 'Se connecter au VPN', body: '1. Ouvrez GlobalProtect...', kind: 'guide', language: 'fr', publish: true },
  'post /people': { displayName: 'Anne Leroy', email: 'anne@example.com', role: 'manager' },
  'post /roles': { person: 'theo@example.com', role: 'technician', service: 'poste' },
  'post /services': { slug: 'poste', name: 'Poste de travail' },
  'put /me/notifications': { channels: ['email'], rhythm: 'hourly' },
};

const TICKET_ANSWERS = new Set(['/tickets', '/tickets/{number}', '/tickets/{number}/status', '/tickets/{number}/reopen', '/tickets/{number}/claim', '/tickets/{number}/assignees', '/tickets/{number}/transfer', '/tickets/{number}/watchers', '/tickets/{number}/watchers/{person}']);

type Content = Record<string, { schema: Record<string, unknown> }>;
const json = (s: z.ZodType): Content => ({ 'application/json': { schema: { $ref: `#/components/schemas/${register(s)}` } } });
const list = (item: z.ZodType): Content => ({ 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${register(item)}` } } } } } });

/** The success answer of each operation, from the zod schemas of openapi.responses.ts. */
function answer(op: Op): Content | null {
  const key = `${op.method} ${op.path}`;
  if (op.ok === 204) return null;
  if (key === 'get /tickets') return json(r.TicketPageSchema);
  if (TICKET_ANSWERS.has(op.path) && key !== 'get /tickets') return json(r.TicketSchema);
  if (key === 'get /tickets/{number}/comments') return json(r.CommentListSchema);
  if (key === 'post /tickets/{number}/comments') return json(r.CommentSchema);
  if (key === 'get /tickets/{number}/links') return list(r.LinkSchema);
  if (key === 'post /tickets/{number}/links') return json(r.LinkSchema);
  if (key === 'get /tickets/{number}/external-refs') return list(r.ExternalRefSchema);
  if (key === 'post /tickets/{number}/external-refs') return json(r.ExternalRefSchema);
  if (key === 'get /tickets/{number}/audit') return json(r.AuditSchema);
  if (key === 'get /tickets/{number}/attachments/{id}') return { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } };
  if (key === 'get /reports') {
    return { ...json(r.ResourceSchema), 'text/csv': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } } };
  }
  if (key === 'get /kb/articles' || key === 'get /tickets/{number}/articles') return list(r.ArticleSchema);
  if (/^(post \/kb\/articles|get \/kb\/articles\/\{id\}|patch \/kb\/articles\/\{id\}|post \/kb\/articles\/\{id\}\/publish|post \/tickets\/\{number\}\/article)$/.test(key)) return json(r.ArticleSchema);
  if (key === 'get /people') return list(r.PersonSchema);
  if (/^(post \/people|get \/people\/\{ref\}|patch \/people\/\{ref\}|post \/roles)$/.test(key)) return json(r.PersonSchema);
  if (key === 'get /services') return list(r.ServiceSchema);
  if (/^(post \/services|patch \/services\/\{ref\}|post \/services\/\{ref\}\/members|delete \/services\/\{ref\}\/members\/\{person\})$/.test(key)) return json(r.ServiceSchema);
  if (key === 'get /categories') return list(r.CategorySchema);
  if (/^(post|patch) \/categories/.test(key)) return json(r.CategorySchema);
  if (/\/(items|versions|rules|templates|attachments)$/.test(op.path) && op.method === 'get') return json(r.ItemsSchema);
  return json(r.ResourceSchema);
}

/** Named response schemas, collected into components.schemas as the document is built. */
let registry: Map<string, z.ZodType> = new Map();
function register(s: z.ZodType): string {
  const id = (z.globalRegistry.get(s) as { id?: string } | undefined)?.id;
  if (!id) throw new Error('response schemas need a .meta({ id })');
  registry.set(id, s);
  return id;
}

/** listTicketsOperation-style names: the verb, then the path's words, then what it is found by. */
export function operationId(method: Op['method'], path: string): string {
  const verbs = { get: 'get', post: 'post', put: 'put', patch: 'update', delete: 'delete' } as const;
  const words = path.split('/').filter(Boolean);
  const names = words.filter((w) => !w.startsWith('{')).flatMap((w) => w.split(/[-_]/));
  const last = words[words.length - 1] ?? '';
  const verb = method === 'get' && !last.startsWith('{') && !/^(me|sla|routing|subscription|quick-look|overview|intake|personal-data|notifications)$/.test(last) ? 'list' : verbs[method];
  const by = words.filter((w) => w.startsWith('{')).map((w) => w.slice(1, -1));
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return verb + names.map(cap).join('') + (by.length ? 'By' + by.map(cap).join('And') : '');
}

function queryParameters(op: Op): Array<Record<string, unknown>> {
  const schema = op.query ? (z.toJSONSchema(op.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> }) : null;
  return Object.entries(schema?.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

export function openApiDocument(publicUrl: string): Record<string, unknown> {
  registry = new Map();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) {
    const key = `${op.method} ${op.path}`;
    const params = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: m[1] === 'number' ? { type: 'integer', minimum: 1 } : { type: 'string' } })),
      ...queryParameters(op),
    ];
    const content = answer(op);
    const responses: Record<string, unknown> = { [op.ok]: { description: op.ok === 204 ? 'Done, nothing to return' : 'Done', ...(content ? { content } : {}) } };
    if (op.method === 'post' && op.path === '/tickets') responses[200] = { description: 'The same Idempotency-Key again: the ticket first created', content };
    for (const [code, description] of Object.entries(ERRORS)) {
      responses[code] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const bodySchema = op.body ? body(op.body) : EXTRA_BODIES[key] ? body(EXTRA_BODIES[key]) : RAW_BODIES[key];
    const example = EXAMPLES[key];
    (paths[op.path] ??= {})[op.method] = {
      operationId: operationId(op.method, op.path),
      summary: op.summary,
      description: RULES[key] ? `${op.summary}. ${RULES[key]}` : `${op.summary}.`,
      tags: [op.tag],
      parameters: params,
      ...(key === 'post /tickets/{number}/attachments'
        ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } } }
        : bodySchema
          ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema, ...(example ? { example } : {}) } } } }
          : {}),
      responses,
    };
  }
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object', required: ['code', 'message'],
          properties: {
            code: { type: 'string', description: 'Stable, for programs', examples: ['validation_failed'] },
            message: { type: 'string', description: 'For people, in the caller\'s language' },
            details: { type: 'array', description: 'One entry per refused field', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
      example: { error: { code: 'validation_failed', message: 'The request is invalid: title: Too small.', details: [{ path: 'title', message: 'Too small' }] } },
    },
  };
  // One conversion of the named schemas together, so they refer to each other by component name.
  const named = z.registry<{ id: string }>();
  for (const [id, s] of registry) named.add(s, { id });
  const converted = z.toJSONSchema(named, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Record<string, unknown>> };
  for (const [id, js] of Object.entries(converted.schemas)) {
    if (!registry.has(id)) continue;
    const { $schema: _drop, $id: _uri, id: _id, ...rest } = js;
    schemas[id] = rest;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Helpdesk REST API', version: '1.0.0', license: { name: 'MIT', identifier: 'MIT' }, contact: { name: 'Helpdesk administrators' },
      description: 'Tickets, knowledge base, people, services, SLA, routing, automation, notifications and reports. Bearer tokens: `npx helpdesk token create`. Errors: `{"error": {"code", "message", "details"?}}` in the caller\'s language; bad input is a 4xx, never a 5xx. Unknown fields in a body are refused (400).',
    },
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}/api/v1` }],
    security: [{ bearer: [] }],
    tags: [...new Set(OPS.map((o) => o.tag))].map((name) => ({ name, description: TAG_TEXT[name] ?? name })),
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
  };
}

const TAG_TEXT: Record<string, string> = {
  tickets: 'Tickets and their life: create, edit, status, claim, assign, transfer, watch, files, history',
  comments: 'Public comments and internal notes',
  links: 'Links between tickets and references to other systems',
  kb: 'Knowledge base articles',
  reports: 'Manager reports',
  people: 'People, roles and personal data',
  services: 'Services, members and categories',
  sla: 'Business calendar, priority matrix, SLA targets and clocks',
  notifications: 'Notification preferences, on-call rotas and the outbox',
  automation: 'Automation rules and templates',
  routing: 'Routing modes, rules and absences',
};

export const OPENAPI_OPERATIONS = OPS.map((o) => ({ method: o.method, path: o.path }));
