import type { Locale } from '../i18n/catalogue';
import type { Person, Service, Category } from '../people/person.entity';
import type { Store, TicketListRow, TicketSummary } from '../shared/store.port';
import { ExternalRef, LinkView, viewFrom } from './link.entity';
import { RUNNING_STATUSES, Status, Ticket } from './ticket.entity';

export interface PersonRefView {
  id: number;
  name: string;
}
export interface LinkedTicketView {
  linkId: number;
  type: LinkView;
  ticket: { number: number; title: string; status: Status } | null;
}

/** What every channel shows of a ticket: names resolved, deadlines and the overdue flag computed. */
export type TicketView = Omit<TicketSummary, 'id' | 'assigneeIds' | 'requesterId' | 'createdById' | 'serviceId' | 'categoryId'> & {
  number: number;
  description?: string;
  resolution?: string | null;
  requester: PersonRefView | null;
  createdBy: PersonRefView | null;
  assignees: PersonRefView[];
  watchers?: PersonRefView[];
  service: { id: number; slug: string; name: string } | null;
  category: { id: number; slug: string; name: string } | null;
  overdue: boolean;
  links?: LinkedTicketView[];
  externalRefs?: ExternalRef[];
};

export function isOverdue(t: Pick<Ticket, 'status' | 'resolveDueAt' | 'ownDueAt' | 'ownedAt'>, now: Date): boolean {
  if (!RUNNING_STATUSES.includes(t.status)) return false;
  return t.resolveDueAt < now || (t.ownedAt === null && t.ownDueAt < now);
}

export interface Lookups {
  people: Map<number, Person>;
  services: Map<number, Service>;
  categories: Map<number, Category>;
}

/** One round trip per kind for a whole page, never one per row; people already at hand are not read again. */
export async function loadLookups(store: Store, tickets: Array<Partial<Ticket> & TicketSummary>, known: Person[] = []): Promise<Lookups> {
  const ids = new Set<number>();
  for (const t of tickets) {
    ids.add(t.requesterId);
    if (t.createdById) ids.add(t.createdById);
    t.assigneeIds.forEach((i) => ids.add(i));
    t.watcherIds?.forEach((i) => ids.add(i));
  }
  const have = new Map(known.filter((p) => ids.has(p.id)).map((p) => [p.id, p]));
  const missing = [...ids].filter((i) => !have.has(i));
  const [read, services, categories] = await Promise.all([
    missing.length ? store.people.many(missing) : Promise.resolve([]),
    tickets.some((t) => t.serviceId !== null) ? store.services.list() : Promise.resolve([]),
    tickets.some((t) => t.categoryId !== null) ? store.categories.list() : Promise.resolve([]),
  ]);
  const people = [...have.values(), ...read];
  return {
    people: new Map(people.map((p) => [p.id, p])),
    services: new Map(services.map((s) => [s.id, s])),
    categories: new Map(categories.map((c) => [c.id, c])),
  };
}

const personRef = (l: Lookups, id: number | null): PersonRefView | null =>
  id === null ? null : { id, name: l.people.get(id)?.displayName ?? `#${id}` };

export function summaryView(t: TicketSummary, l: Lookups, locale: Locale, now: Date): TicketView {
  const { id, assigneeIds, requesterId, createdById, serviceId, categoryId, ...rest } = t;
  const service = serviceId === null ? undefined : l.services.get(serviceId);
  const category = categoryId === null ? undefined : l.categories.get(categoryId);
  return {
    number: id,
    ...rest,
    requester: personRef(l, requesterId),
    createdBy: personRef(l, createdById),
    assignees: assigneeIds.map((a) => personRef(l, a)!),
    service: service ? { id: service.id, slug: service.slug, name: service.name } : null,
    category: category ? { id: category.id, slug: category.slug, name: locale === 'en' ? category.nameEn : category.nameFr } : null,
    overdue: isOverdue(t, now),
  };
}

/** A list row already carries its names (see TicketListRow). */
export function rowView(row: TicketListRow, locale: Locale, now: Date): TicketView {
  const { id, assigneeIds, requesterId, createdById, serviceId, categoryId, requesterName, createdByName, service, category, assignees, ...rest } = row;
  return {
    number: id,
    ...rest,
    requester: { id: requesterId, name: requesterName ?? `#${requesterId}` },
    createdBy: createdById === null ? null : { id: createdById, name: createdByName ?? `#${createdById}` },
    assignees,
    service,
    category: category ? { id: category.id, slug: category.slug, name: locale === 'en' ? category.nameEn : category.nameFr } : null,
    overdue: isOverdue(row, now),
  };
}

/**
 * `written`: the ticket as the request just wrote it; `people` at hand are not read again, and a
 * ticket `created` in this request has no links nor external references yet.
 */
export async function detailView(store: Store, t: Ticket, locale: Locale, now: Date, internalRefs = true, written?: { people: Person[]; created?: boolean }): Promise<TicketView> {
  const created = written?.created === true;
  const [lookups, links, refs] = await Promise.all([
    loadLookups(store, [t], written?.people),
    created ? Promise.resolve([]) : store.links.listFor(t.id),
    created ? Promise.resolve([]) : store.externalRefs.list(t.id),
  ]);
  const views = links.map((l) => ({ link: l, ...viewFrom(t.id, l) }));
  const briefs = new Map((await store.tickets.brief(views.map((v) => v.otherId))).map((b) => [b.id, b]));
  const { description, resolution, watcherIds, ...summary } = t;
  return {
    ...summaryView(summary, lookups, locale, now),
    description,
    resolution,
    watchers: watcherIds.map((w) => personRef(lookups, w)!),
    links: views.map((v) => {
      const b = briefs.get(v.otherId);
      return { linkId: v.link.id, type: v.type, ticket: b ? { number: b.id, title: b.title, status: b.status } : null };
    }),
    externalRefs: internalRefs ? refs : [],
  };
}
