import { z } from 'zod';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import type { Store, TicketQuery } from '../shared/store.port';
import { findPerson } from '../people/person.lookup';
import { findCategory, findService } from '../people/service.lookup';
import { scopeFor } from './ticket.access';
import { OPEN_STATUSES, PRIORITIES, Priority, Status, STATUSES } from './ticket.entity';
import { rowView, TicketView } from './ticket.view';

const csv = z.string().max(500).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

/** Query-string filters, as the REST API and the web receive them. */
export const listTicketsSchema = z.strictObject({
  status: csv.pipe(z.array(z.enum([...STATUSES, 'open'])).max(8)).optional(),
  service: z.string().trim().min(1).max(64).optional(),
  assignee: z.string().trim().min(1).max(254).optional(),
  requester: z.string().trim().min(1).max(254).optional(),
  category: z.string().trim().min(1).max(64).optional(),
  priority: csv.pipe(z.array(z.enum(PRIORITIES.map(String) as [string, ...string[]])).max(4)).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['priority', 'newest', 'updated']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(300).optional(),
});
export type ListTicketsInput = z.input<typeof listTicketsSchema>;

export interface TicketPage {
  items: TicketView[];
  nextCursor: string | null;
}

/** Queues, "my tickets" and searches (R12, R16): one keyset-paginated query, scoped to what the actor may see. */
export async function listTickets(deps: CoreDeps, actor: Actor, raw: ListTicketsInput): Promise<TicketPage> {
  const input = parse(listTicketsSchema, raw);
  const store = deps.uow.read;
  const now = deps.clock.now();
  const q: TicketQuery = { scope: scopeFor(actor), sort: input.sort ?? 'newest', limit: input.limit ?? 25 };
  if (input.status) q.statuses = [...new Set(input.status.flatMap((s) => (s === 'open' ? OPEN_STATUSES : [s as Status])))];
  if (input.priority) q.priorities = input.priority.map(Number) as Priority[];
  if (input.overdue === 'true') q.overdueAt = now;
  if (input.q) q.text = input.q;
  await resolveRefs(store, actor, input, q);
  if (input.cursor) q.after = decodeCursor(input.cursor, q.sort);
  const rows = await store.tickets.list({ ...q, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor(q.sort, { priority: last.priority, resolveDueAt: last.resolveDueAt, updatedAt: last.updatedAt, id: last.id }) : null;
  return { items: page.map((t) => rowView(t, actor.locale, now)), nextCursor };
}

async function resolveRefs(store: Store, actor: Actor, input: z.infer<typeof listTicketsSchema>, q: TicketQuery) {
  const me = () => {
    if (actor.personId === null) throw new HelpdeskError('validation_failed', {}, [{ path: 'me', message: 'this token has no person' }]);
    return actor.personId;
  };
  if (input.service === 'mine') q.serviceIds = actor.serviceIds.length ? actor.serviceIds : [-1];
  // A numeric id filters as is (an unknown one simply matches nothing); a slug is looked up.
  else if (input.service && /^\d{1,9}$/.test(input.service)) q.serviceIds = [Number(input.service)];
  else if (input.service) q.serviceIds = [(await findService(store, input.service)).id];
  if (input.assignee === 'me') q.assignee = me();
  else if (input.assignee === 'none') q.assignee = 'none';
  else if (input.assignee) q.assignee = (await findPerson(store, input.assignee)).id;
  if (input.requester === 'me') q.requesterId = me();
  else if (input.requester) q.requesterId = (await findPerson(store, input.requester)).id;
  if (input.category) q.categoryId = (await findCategory(store, input.category)).id;
}

type After = NonNullable<TicketQuery['after']>;

function encodeCursor(sort: string, a: After): string {
  const v = sort === 'priority' ? [a.priority, a.resolveDueAt?.getTime(), a.id] : sort === 'updated' ? [a.updatedAt?.getTime(), a.id] : [a.id];
  return Buffer.from(JSON.stringify([sort, ...v])).toString('base64url');
}

/** A cursor is opaque to clients but still input: anything malformed is a 400, never a crash. */
function decodeCursor(cursor: string, sort: string): After {
  const bad = new HelpdeskError('validation_failed', {}, [{ path: 'cursor', message: 'invalid or from another sort order' }]);
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  const ints = (xs: unknown[]) => xs.every((x) => Number.isSafeInteger(x) && (x as number) >= 0);
  if (!Array.isArray(v) || v[0] !== sort || !ints(v.slice(1))) throw bad;
  if (sort === 'priority' && v.length === 4) return { priority: v[1], resolveDueAt: new Date(v[2]), id: v[3] };
  if (sort === 'updated' && v.length === 3) return { updatedAt: new Date(v[1]), id: v[2] };
  if (sort === 'newest' && v.length === 2) return { id: v[1] };
  throw bad;
}
