import type { AccessScope, TicketQuery, TicketSort, TicketSummary } from '../../core/shared/store.port';
import { STATUSES, type Priority, type Status } from '../../core/tickets/ticket.entity';
import { QueryTypes } from 'sequelize';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { addPerson, at, ticket } from './make';

/** The tickets as the test wrote them: the oracle the SQL answers are checked against. */
interface Model {
  id: number; priority: number; status: Status; serviceId: number | null; requesterId: number; createdById: number | null;
  categoryId: number | null; resolveDueAt: Date; ownDueAt: Date; ownedAt: Date | null; updatedAt: Date; title: string;
  description: string; assignees: number[]; watchers: number[];
}

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function visible(scope: AccessScope, m: Model): boolean {
  if (scope.kind === 'all') return true;
  const p = scope.personId;
  const personal = p !== null && (m.requesterId === p || m.createdById === p || m.watchers.includes(p));
  if (scope.kind === 'own') return personal;
  // Staff also see unrouted tickets (core's canSee).
  return m.serviceId === null || scope.serviceIds.includes(m.serviceId) || personal || (p !== null && m.assignees.includes(p));
}

function oracle(all: Model[], q: Omit<TicketQuery, 'limit' | 'after'>): number[] {
  const text = q.text?.trim().toLowerCase();
  const number = text && /^#?(\d+)$/.exec(text);
  const rows = all.filter((m) =>
    visible(q.scope, m) &&
    (!q.statuses || q.statuses.includes(m.status)) &&
    (!q.serviceIds || (m.serviceId !== null && q.serviceIds.includes(m.serviceId))) &&
    (q.assignee === undefined || (q.assignee === 'none' ? m.assignees.length === 0 : m.assignees.includes(q.assignee))) &&
    (q.requesterId === undefined || m.requesterId === q.requesterId) &&
    (q.categoryId === undefined || m.categoryId === q.categoryId) &&
    (!q.priorities || q.priorities.includes(m.priority as Priority)) &&
    (!q.overdueAt || (['new', 'assigned', 'in_progress'].includes(m.status) &&
      (m.resolveDueAt < q.overdueAt || (m.ownedAt === null && m.ownDueAt < q.overdueAt)))) &&
    (!text || m.title.toLowerCase().includes(text) || m.description.toLowerCase().includes(text) || (!!number && m.id === Number(number[1]))));
  const cmp: Record<TicketSort, (a: Model, b: Model) => number> = {
    priority: (a, b) => a.priority - b.priority || +a.resolveDueAt - +b.resolveDueAt || a.id - b.id,
    newest: (a, b) => b.id - a.id,
    updated: (a, b) => +b.updatedAt - +a.updatedAt || b.id - a.id,
  };
  return rows.sort(cmp[q.sort]).map((m) => m.id);
}

describe.each(TEST_DATABASES)('ticket lists on %s', (name) => {
  let t: TestDb;
  const models: Model[] = [];
  const ids: Record<string, number> = {};

  /** Walks every page with keyset positions, checking each page costs at most two statements. */
  async function walk(q: Omit<TicketQuery, 'limit' | 'after'>, limit: number): Promise<number[]> {
    const out: number[] = [];
    let after: TicketQuery['after'];
    for (let page = 0; page < 100; page++) {
      let statements = 0;
      const stop = t.db.onQuery(() => statements++);
      const rows: TicketSummary[] = await t.uow.read.tickets.list({ ...q, limit, after });
      stop();
      expect(statements).toBeLessThanOrEqual(2);
      out.push(...rows.map((r) => r.id));
      if (rows.length < limit) return out;
      const last = rows[rows.length - 1];
      after = { id: last.id, priority: last.priority, resolveDueAt: last.resolveDueAt, updatedAt: last.updatedAt };
    }
    throw new Error('pagination does not end');
  }

  beforeAll(async () => {
    t = await openTestDb(name);
    const random = rng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    await t.uow.transaction(async (s) => {
      for (const who of ['alice', 'bob', 'carol', 'dave']) ids[who] = await addPerson(s);
      ids.A = await s.services.insert({ slug: 'a', name: 'A', leadId: null });
      ids.B = await s.services.insert({ slug: 'b', name: 'B', leadId: null });
      ids.cat = (await s.categories.findBySlug('hardware'))!.id;
      // Few distinct due dates and update times, so that ties exercise the id tie-breaker.
      const dues = ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.001Z', '2026-03-05T08:00:00.000Z'].map(at);
      const words = ['printer', 'VPN down', '100% broken', 'a_b case', 'mail'];
      for (let i = 0; i < 130; i++) {
        const requesterId = pick([ids.alice, ids.bob, ids.carol]);
        const m: Omit<Model, 'id'> = {
          priority: pick([1, 2, 3, 4]),
          status: pick(STATUSES),
          serviceId: pick([ids.A, ids.B, null]),
          requesterId,
          createdById: pick([requesterId, requesterId, ids.dave, null]),
          categoryId: pick([ids.cat, null]),
          resolveDueAt: pick(dues),
          ownDueAt: pick(dues),
          ownedAt: pick([null, dues[0]]),
          updatedAt: at('2026-03-01T00:00:00.000Z'),
          title: `${pick(words)} ${i}`,
          description: pick(['', 'see Printer room', 'x%y']),
          assignees: [],
          watchers: [],
        };
        const id = await s.tickets.insert(ticket(requesterId, { ...m, priority: m.priority as Priority, slaStartedAt: m.updatedAt }));
        for (const p of [ids.carol, ids.dave]) if (random() < 0.3) { await s.tickets.addAssignee(id, p, m.updatedAt); m.assignees.push(p); }
        for (const p of [ids.alice, ids.bob]) if (random() < 0.2) { await s.tickets.addWatcher(id, p); m.watchers.push(p); }
        if (random() < 0.5) {
          m.updatedAt = pick(dues);
          await s.tickets.update(id, 1, {}, m.updatedAt);
        }
        models.push({ ...m, id });
      }
    });
  });
  afterAll(() => t.close());

  const open: Status[] = ['new', 'assigned', 'in_progress'];
  const cases: Array<[string, (i: Record<string, number>) => Omit<TicketQuery, 'limit' | 'after' | 'sort'>]> = [
    ['everything', () => ({ scope: { kind: 'all' } })],
    ['a technician queue: one service, running statuses', (i) => ({ scope: { kind: 'staff', personId: i.carol, serviceIds: [i.A] }, serviceIds: [i.A], statuses: open })],
    ['a service queue with one status', (i) => ({ scope: { kind: 'all' }, serviceIds: [i.B], statuses: ['new'] })],
    ['staff scope beyond its services', (i) => ({ scope: { kind: 'staff', personId: i.carol, serviceIds: [i.A] }, statuses: open })],
    ['staff filtering a service outside its scope', (i) => ({ scope: { kind: 'staff', personId: i.carol, serviceIds: [i.A] }, serviceIds: [i.A, i.B] })],
    ['staff without services', (i) => ({ scope: { kind: 'staff', personId: i.dave, serviceIds: [] } })],
    ['a token acting for services only', (i) => ({ scope: { kind: 'staff', personId: null, serviceIds: [i.A, i.B] }, statuses: ['new', 'pending'] })],
    ['staff with neither person nor service: unrouted tickets', () => ({ scope: { kind: 'staff', personId: null, serviceIds: [] } })],
    ['staff with neither person nor service, filtering a service', (i) => ({ scope: { kind: 'staff', personId: null, serviceIds: [] }, serviceIds: [i.A] })],
    ['own tickets: requested, created or watched', (i) => ({ scope: { kind: 'own', personId: i.alice } })],
    ['own tickets, open ones', (i) => ({ scope: { kind: 'own', personId: i.bob }, statuses: open })],
    ['my requests', (i) => ({ scope: { kind: 'own', personId: i.alice }, requesterId: i.alice })],
    ['someone else’s requests within my own', (i) => ({ scope: { kind: 'own', personId: i.alice }, requesterId: i.bob })],
    ['unassigned', () => ({ scope: { kind: 'all' }, assignee: 'none', statuses: open })],
    ['assigned to dave', (i) => ({ scope: { kind: 'staff', personId: i.dave, serviceIds: [i.B] }, assignee: i.dave })],
    ['priorities and category', (i) => ({ scope: { kind: 'all' }, priorities: [1, 2], categoryId: i.cat })],
    ['overdue', () => ({ scope: { kind: 'all' }, overdueAt: at('2026-03-01T10:00:00.001Z') })],
    ['text', () => ({ scope: { kind: 'all' }, text: ' printer ' })],
    ['text with %', () => ({ scope: { kind: 'all' }, text: '%' })],
    ['text with _', () => ({ scope: { kind: 'all' }, text: 'a_b' })],
    ['empty status list', () => ({ scope: { kind: 'all' }, statuses: [] })],
    ['empty service list', () => ({ scope: { kind: 'all' }, serviceIds: [] })],
  ];

  describe.each(['priority', 'newest', 'updated'] as TicketSort[])('sorted by %s', (sort) => {
    it.each(cases)('%s: every page in order, none twice, none missing', async (_label, make) => {
      const q = { ...make(ids), sort };
      const expected = oracle(models, q);
      expect(await walk(q, 7)).toEqual(expected);
      expect(await walk(q, 1000)).toEqual(expected);
    });
  });

  it('the cases above are not vacuous', () => {
    const counts = cases.map(([label, make]) => [label, oracle(models, { ...make(ids), sort: 'newest' }).length] as const);
    for (const [label, n] of counts) {
      if (label.startsWith('empty') || label.endsWith('filtering a service')) expect(n).toBe(0);
      else expect([label, n > 1]).toEqual([label, true]);
    }
    expect(oracle(models, { scope: { kind: 'all' }, text: '%', sort: 'newest' }).length).toBeLessThan(models.length / 2);
  });

  it('matches a ticket number in the text, with or without #', async () => {
    const target = models[17];
    for (const text of [`#${target.id}`, String(target.id)]) {
      const rows = await t.uow.read.tickets.list({ scope: { kind: 'all' }, text, sort: 'newest', limit: 500 });
      expect(rows.map((r) => r.id)).toContain(target.id);
      expect(rows.map((r) => r.id)).toEqual(oracle(models, { scope: { kind: 'all' }, text, sort: 'newest' }));
    }
  });

  it('returns rows with the names a page shows, without the long texts', async () => {
    const m = models.find((x) => x.assignees.length === 2 && x.serviceId !== null && x.categoryId !== null && x.createdById !== null)!;
    const [row] = await t.uow.read.tickets.list({ scope: { kind: 'all' }, text: `#${m.id}`, sort: 'newest', limit: 1 });
    const names = await t.uow.read.people.many([m.requesterId, m.createdById!, ...m.assignees]);
    const nameOf = (id: number) => names.find((p) => p.id === id)!.displayName;
    expect(row).toMatchObject({
      id: m.id,
      status: m.status,
      resolveDueAt: m.resolveDueAt,
      assigneeIds: m.assignees,
      assignees: m.assignees.map((id) => ({ id, name: nameOf(id) })),
      requesterName: nameOf(m.requesterId),
      createdByName: nameOf(m.createdById!),
      service: { id: m.serviceId, slug: m.serviceId === ids.A ? 'a' : 'b', name: m.serviceId === ids.A ? 'A' : 'B' },
      category: { id: ids.cat, slug: 'hardware', nameFr: 'Matériel', nameEn: 'Hardware' },
    });
    expect(row).not.toHaveProperty('description');
    expect(row).not.toHaveProperty('watcherIds');
    const bare = models.find((x) => x.serviceId === null && x.categoryId === null && x.createdById === null && x.assignees.length === 0)!;
    expect(bare).toBeDefined();
    const [other] = await t.uow.read.tickets.list({ scope: { kind: 'all' }, text: `#${bare.id}`, sort: 'newest', limit: 1 });
    expect(other).toMatchObject({ id: bare.id, service: null, category: null, createdByName: null, assignees: [], assigneeIds: [] });
  });

  it("reads the technician queue and a requester's tickets through the migration's indexes", async () => {
    const planOf = async (q: TicketQuery) => {
      const sql: string[] = [];
      const stop = t.db.onQuery((x) => sql.push(x));
      await t.uow.read.tickets.list(q);
      stop();
      const explain = t.db.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN';
      const rows = (await t.db.sequelize.query(`${explain} ${sql[0]}`, { type: QueryTypes.SELECT })) as Array<Record<string, unknown>>;
      return rows.map((r) => String(r.detail ?? r.key)).join(' | ');
    };
    const queue = await planOf({ scope: { kind: 'staff', personId: ids.carol, serviceIds: [ids.A] }, serviceIds: [ids.A], statuses: open, sort: 'priority', limit: 51 });
    expect(queue).toMatch(/tickets_queue/);
    expect(queue).not.toMatch(/SCAN t( |$)/);
    const mine = await planOf({ scope: { kind: 'own', personId: ids.alice }, requesterId: ids.alice, sort: 'newest', limit: 51 });
    expect(mine).toMatch(/tickets_requester/);
  });
});
