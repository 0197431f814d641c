import type { AccessScope, TicketQuery } from '../../../core/shared/store.port';
import { RUNNING_STATUSES } from '../../../core/tickets/ticket.entity';
import { marks, type Dialect } from '../sql';
import { SUMMARY_COLUMNS } from './ticket.row';

/**
 * Builds the one SQL statement of a ticket list. Two shapes keep it index-served at a million rows:
 *  - an OR between access paths (requester, creator, watcher, service...) defeats every index, so a
 *    scope with several paths becomes a UNION of one branch per path, each ordered and limited by
 *    its own index, merged and cut again outside;
 *  - `service_id IN (..) AND status IN (..)` in front of the sort columns of an index forces a sort
 *    of every match, so a priority queue becomes one branch per (service, status), each read in
 *    index order (tickets_queue, or tickets_status_priority without a service) and stopped at the limit.
 * A scope already implied by the filters (a technician's own service, "my requests") is dropped.
 */
interface Cond {
  sql: string;
  params: unknown[];
}
const cond = (sql: string, ...params: unknown[]): Cond => ({ sql, params });
interface Branch {
  join?: Cond;
  conds: Cond[];
  /** Services this branch is limited to (a scope path or the service filter). */
  services?: number[];
  /** The tickets no service has yet (no service filter can match them). */
  unrouted?: boolean;
  /** Splitting by service and status helps only branches read through a queue index. */
  splittable: boolean;
  /** Index the branch must be read through: MySQL's planner may otherwise prefer sorting. */
  index?: string;
}

const NOTHING = null;
/** Beyond this many (service, status) branches the statement grows more than it saves. */
const MAX_BRANCHES = 24;

/** One branch per way a reader may see a ticket. */
function accessPaths(scope: AccessScope, q: TicketQuery): Branch[] {
  const everything: Branch[] = [{ conds: [], splittable: true }];
  if (scope.kind === 'all') return everything;
  const personPaths = (p: number): Branch[] => [
    { conds: [cond('t.requester_id = ?', p)], splittable: false },
    { conds: [cond('t.created_by_id = ?', p)], splittable: false },
    { join: cond('JOIN ticket_watchers sw ON sw.ticket_id = t.id AND sw.person_id = ?', p), conds: [], splittable: false },
  ];
  if (scope.kind === 'own') {
    return q.requesterId === scope.personId ? everything : personPaths(scope.personId);
  }
  const p = scope.personId;
  const filteredServices = q.serviceIds ?? [];
  const servicesImplied = filteredServices.length > 0 && filteredServices.every((s) => scope.serviceIds.includes(s));
  const personImplied = p !== null && (q.requesterId === p || q.assignee === p);
  if (servicesImplied || personImplied) return everything;
  // Staff also see unrouted tickets, as core's canSee() says (ticket.access.ts): list and get agree.
  const paths: Branch[] = [{ conds: [cond('t.service_id IS NULL')], unrouted: true, splittable: true }];
  if (scope.serviceIds.length) paths.push({ conds: [], services: [...scope.serviceIds], splittable: true });
  if (p !== null) {
    paths.push(...personPaths(p));
    paths.push({ join: cond('JOIN ticket_assignees sa ON sa.ticket_id = t.id AND sa.person_id = ?', p), conds: [], splittable: false });
  }
  return paths;
}

/** Narrows each path to the service filter; a path left with no service is dropped. */
function withServiceFilter(paths: Branch[], serviceIds: number[] | undefined): Branch[] {
  if (serviceIds === undefined) return paths;
  return paths
    .filter((b) => !b.unrouted)
    .map((b) => ({ ...b, services: b.services ? b.services.filter((s) => serviceIds.includes(s)) : [...new Set(serviceIds)] }))
    .filter((b) => b.services.length > 0);
}

const inList = (column: string, values: readonly unknown[]): Cond =>
  values.length === 1 ? cond(`${column} = ?`, values[0]) : cond(`${column} IN (${marks(values.length)})`, ...values);

/** The filters every branch shares; null when they can match nothing (an empty IN list). */
function filters(q: TicketQuery): Cond[] | null {
  const out: Cond[] = [];
  if (q.priorities) {
    if (!q.priorities.length) return NOTHING;
    out.push(inList('t.priority', [...new Set(q.priorities)]));
  }
  if (q.assignee === 'none') out.push(cond('NOT EXISTS (SELECT 1 FROM ticket_assignees a WHERE a.ticket_id = t.id)'));
  else if (q.assignee !== undefined) out.push(cond('t.id IN (SELECT a.ticket_id FROM ticket_assignees a WHERE a.person_id = ?)', q.assignee));
  if (q.requesterId !== undefined) out.push(cond('t.requester_id = ?', q.requesterId));
  if (q.categoryId !== undefined) out.push(cond('t.category_id = ?', q.categoryId));
  // Overdue only counts while the SLA clock runs: the running statuses are applied with the others.
  if (q.overdueAt) out.push(cond('t.resolve_due_at < ? OR (t.owned_at IS NULL AND t.own_due_at < ?)', q.overdueAt, q.overdueAt));
  const text = q.text?.trim();
  if (text) {
    const like = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    const number = /^#?(\d{1,9})$/.exec(text);
    const match = "t.title LIKE ? ESCAPE '!' OR t.description LIKE ? ESCAPE '!'";
    out.push(number ? cond(`${match} OR t.id = ?`, like, like, Number(number[1])) : cond(match, like, like));
  }
  return out;
}

function ordering(q: TicketQuery): { keys: string[]; inner: string; outer: string; after?: Cond } {
  const a = q.after;
  switch (q.sort) {
    case 'priority': {
      if (a && (a.priority === undefined || !a.resolveDueAt)) throw new Error('A priority page position needs priority, resolveDueAt and id');
      return {
        keys: ['id', 'priority', 'resolve_due_at'],
        inner: 't.priority ASC, t.resolve_due_at ASC, t.id ASC',
        outer: 'priority ASC, resolve_due_at ASC, id ASC',
        // Expanded ORs rather than a row comparison: MySQL turns these into index ranges.
        after: a && cond(
          't.priority > ? OR (t.priority = ? AND (t.resolve_due_at > ? OR (t.resolve_due_at = ? AND t.id > ?)))',
          a.priority, a.priority, a.resolveDueAt, a.resolveDueAt, a.id),
      };
    }
    case 'newest':
      return { keys: ['id'], inner: 't.id DESC', outer: 'id DESC', after: a && cond('t.id < ?', a.id) };
    case 'updated':
      if (a && !a.updatedAt) throw new Error('An updated page position needs updatedAt and id');
      return {
        keys: ['id', 'updated_at'],
        inner: 't.updated_at DESC, t.id DESC',
        outer: 'updated_at DESC, id DESC',
        after: a && cond('t.updated_at < ? OR (t.updated_at = ? AND t.id < ?)', a.updatedAt, a.updatedAt, a.id),
      };
    default:
      throw new Error(`Unknown ticket sort: ${String(q.sort)}`);
  }
}

function render(b: Branch, keys: string[], order: string, limit: number, dialect: Dialect): Cond {
  const cols = keys.map((c) => `t.${c}`).join(', ');
  const hint = b.index && dialect === 'mysql' ? ` FORCE INDEX (${b.index})` : '';
  const params: unknown[] = [];
  let sql = `SELECT ${cols} FROM tickets t${hint}`;
  if (b.join) {
    sql += ` ${b.join.sql}`;
    params.push(...b.join.params);
  }
  if (b.conds.length) {
    sql += ` WHERE ${b.conds.map((c) => `(${c.sql})`).join(' AND ')}`;
    for (const c of b.conds) params.push(...c.params);
  }
  return { sql: `${sql} ORDER BY ${order} LIMIT ${limit}`, params };
}

/** null when the answer is known to be empty without asking the database. */
export function buildTicketListQuery(q: TicketQuery, dialect: Dialect): Cond | null {
  if (!Number.isSafeInteger(q.limit) || q.limit < 0) throw new Error(`Invalid list limit: ${q.limit}`);
  if (q.limit === 0 || q.statuses?.length === 0 || q.serviceIds?.length === 0) return NOTHING;
  const shared = filters(q);
  if (!shared) return NOTHING;
  const paths = withServiceFilter(accessPaths(q.scope, q), q.serviceIds);
  if (!paths.length) return NOTHING;
  const order = ordering(q);
  let statuses = q.statuses ? [...new Set(q.statuses)] : undefined;
  if (q.overdueAt) statuses = (statuses ?? [...RUNNING_STATUSES]).filter((s) => RUNNING_STATUSES.includes(s));
  if (statuses?.length === 0) return NOTHING;
  const tail = [...shared, ...(order.after ? [order.after] : [])];
  // An assignee filter drives the read from ticket_assignees: splitting would repeat that work.
  const split = q.sort === 'priority' && typeof q.assignee !== 'number' ? statuses : undefined;

  const branches: Branch[] = [];
  for (const b of paths) {
    const services: Array<number | undefined> = b.services ?? [undefined];
    if (split && b.splittable && services.length * split.length <= MAX_BRANCHES) {
      for (const service of services) {
        for (const status of split) {
          const keys = [...(service === undefined ? [] : [cond('t.service_id = ?', service)]), cond('t.status = ?', status)];
          // Forced only in the plain queue shape, where it is always the best index.
          const index = service !== undefined && shared.length === 0 && !b.join && b.conds.length === 0 ? 'tickets_queue' : undefined;
          branches.push({ ...b, conds: [...b.conds, ...keys, ...tail], index });
        }
      }
    } else {
      const keys = [...(b.services ? [inList('t.service_id', b.services)] : []), ...(statuses ? [inList('t.status', statuses)] : [])];
      branches.push({ ...b, conds: [...b.conds, ...keys, ...tail] });
    }
  }

  const parts = branches.map((b) => render(b, order.keys, order.inner, q.limit, dialect));
  // UNION, not UNION ALL: a ticket reachable by two paths (requester and watcher) is listed once.
  const page: Cond =
    parts.length === 1
      ? parts[0]
      : {
          sql: `SELECT * FROM (${parts.map((p, i) => `SELECT * FROM (${p.sql}) b${i}`).join(' UNION ')}) x ORDER BY ${order.outer} LIMIT ${q.limit}`,
          params: parts.flatMap((p) => p.params),
        };
  return { sql: withNames(page.sql, order.outer), params: page.params };
}

/**
 * Rows are read for the page's keys only, after the limit: the branches above read just the sort keys,
 * which the queue indexes cover, so index entries that fail a filter (e.g. "unassigned") cost no row
 * read. The names a list shows are joined here too, by primary key.
 */
function withNames(pageSql: string, order: string): string {
  return `SELECT ${SUMMARY_COLUMNS.map((c) => `t.${c}`).join(', ')}, rq.display_name AS requester_name, cb.display_name AS created_by_name,
      sv.slug AS service_slug, sv.name AS service_name, ct.slug AS category_slug, ct.name_fr AS category_name_fr, ct.name_en AS category_name_en
    FROM (${pageSql}) k
    JOIN tickets t ON t.id = k.id
    LEFT JOIN people rq ON rq.id = t.requester_id
    LEFT JOIN people cb ON cb.id = t.created_by_id
    LEFT JOIN services sv ON sv.id = t.service_id
    LEFT JOIN categories ct ON ct.id = t.category_id
    ORDER BY ${order.split(', ').map((c) => `k.${c}`).join(', ')}`;
}
