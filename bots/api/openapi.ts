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

/**
 * The OpenAPI 3.1 description of /api/v1, with request bodies generated from the very zod schemas
 * that validate them, so the document cannot drift from what the server accepts.
 */
type Op = { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string; summary: string; body?: z.ZodType; ok: number; tag: string };

const body = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const OPS: Op[] = [
  { method: 'get', path: '/tickets', summary: 'List tickets (filters: status, service, assignee, requester, category, priority, overdue, q; sort; cursor pagination)', ok: 200, tag: 'tickets' },
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
  { method: 'get', path: '/kb/articles', summary: 'Search articles: q (accents and plurals folded, title matches first), lang, category, status (staff), limit', ok: 200, tag: 'kb' },
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

const ERRORS = { 400: 'Invalid input', 401: 'No or bad token', 403: 'Not allowed', 404: 'Not found (or not yours)', 409: 'Conflict with the current state', 422: 'Refused by a rule (cycle, missing resolution...)' };

export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = { [op.ok]: { description: 'OK' } };
    for (const [code, description] of Object.entries(ERRORS)) {
      responses[code] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      parameters: params,
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: body(op.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Helpdesk REST API', version: '1.0.0', description: 'Tickets, knowledge base, people and services. Bearer tokens: `npx helpdesk token create`.' },
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}/api/v1` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array' } } } },
        },
      },
    },
  };
}

export const OPENAPI_OPERATIONS = OPS.map((o) => ({ method: o.method, path: o.path }));
