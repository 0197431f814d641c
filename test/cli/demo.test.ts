/**
 * `npx helpdesk demo` loads a believable company through the core use cases only: what a manager
 * opening the dashboard after the load would see (R3, R5, R6, R8, R19, R20).
 */
import { DateTime } from 'luxon';
import { openTestDb, TEST_DATABASES, TestDb } from '../support/db';
import { loadDemo } from '../../cli/demo';
import { Actor, systemActor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import type { Ticket } from '../../core/tickets/ticket.entity';
import type { Comment } from '../../core/tickets/comment.entity';
import type { StoredLink, ExternalRef } from '../../core/tickets/link.entity';
import { ticketHistory } from '../../core/tickets/ticket-history.service';

const DAY_MS = 86_400_000;
const operator: Actor = { ...systemActor('fr'), channel: 'cli', name: 'cli' };

interface Loaded {
  tickets: Ticket[];
  comments: Comment[];
  links: Map<number, StoredLink>;
  refs: ExternalRef[];
}

async function readBack(t: TestDb): Promise<Loaded> {
  const read = t.uow.read;
  const rows = await read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 1000 });
  const tickets = (await Promise.all(rows.map((r) => read.tickets.get(r.id)))).map((x) => x!).sort((a, b) => a.id - b.id);
  const comments: Comment[] = [];
  const links = new Map<number, StoredLink>();
  const refs: ExternalRef[] = [];
  for (const tk of tickets) {
    comments.push(...(await read.comments.list(tk.id, true)));
    for (const l of await read.links.listFor(tk.id)) links.set(l.id, l);
    refs.push(...(await read.externalRefs.list(tk.id)));
  }
  return { tickets, comments, links, refs };
}

const titles = (l: Loaded) => l.tickets.map((t) => t.title);

describe.each(TEST_DATABASES)('npx helpdesk demo (%s)', (dbName) => {
  let db: TestDb;
  let deps: CoreDeps;
  let summary: string;
  let loaded: Loaded;
  let now: number;

  beforeAll(async () => {
    db = await openTestDb(dbName);
    deps = { uow: db.uow, clock: { now: () => new Date() }, defaultLocale: 'fr', admins: [] };
    now = Date.now();
    summary = await loadDemo(deps, operator, { seed: 42 });
    loaded = await readBack(db);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('files about 300 tickets and says so in its summary', () => {
    expect(loaded.tickets.length).toBeGreaterThanOrEqual(280);
    expect(loaded.tickets.length).toBeLessThanOrEqual(320);
    expect(summary).toContain(`${loaded.tickets.length} tickets`);
    const closed = loaded.tickets.filter((t) => t.status === 'closed').length;
    expect(summary).toContain(`Clos : ${closed}`);
    expect(summary).toContain(`${loaded.comments.length} commentaires`);
    expect(summary).toContain(`${loaded.links.size} liens`);
  });

  it('R3: shows every status of the lifecycle, with a resolution on every resolved ticket', () => {
    const statuses = new Set(loaded.tickets.map((t) => t.status));
    for (const s of ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed'] as const) expect(statuses).toContain(s);
    for (const t of loaded.tickets.filter((x) => x.status === 'resolved')) expect(t.resolution).toEqual(expect.any(String));
    expect(loaded.tickets.filter((t) => t.reopenCount > 0).length).toBeGreaterThan(0);
    // Some open tickets are past their deadline (R8 overdue report).
    expect(loaded.tickets.filter((t) => ['new', 'assigned', 'in_progress'].includes(t.status) && t.resolveDueAt.getTime() < now).length).toBeGreaterThan(0);
  });

  it('has four services with members, one lead each, and every category routed', async () => {
    const services = await db.uow.read.services.list();
    expect(services.map((s) => s.slug)).toEqual(expect.arrayContaining(['support', 'reseau', 'applications', 'acces']));
    for (const s of services) {
      expect(s.memberIds.length).toBeGreaterThan(0);
      expect(s.memberIds).toContain(s.leadId);
    }
    const categories = await db.uow.read.categories.list();
    expect(categories.map((c) => c.slug)).toEqual(expect.arrayContaining(['hardware', 'software', 'network', 'access', 'other']));
    for (const c of categories) expect(c.defaultServiceId).not.toBeNull();
    const people = await db.uow.read.people.list({ limit: 1000 });
    expect(people.filter((p) => p.role === 'employee' && p.email?.endsWith('@exemple.fr')).length).toBeGreaterThanOrEqual(55);
    expect(people.filter((p) => p.role === 'manager')).toHaveLength(2);
    expect(people.find((p) => p.email === 'admin@exemple.fr')?.role).toBe('admin');
    expect(people.some((p) => p.locale === 'en')).toBe(true);
  });

  it('R15/R19: has public answers, requester replies, internal notes and tickets with several assignees', () => {
    expect(loaded.comments.some((c) => c.internal && c.sender === 'technician')).toBe(true);
    expect(loaded.comments.some((c) => !c.internal && c.sender === 'technician')).toBe(true);
    expect(loaded.comments.some((c) => !c.internal && c.sender === 'customer')).toBe(true);
    expect(loaded.tickets.filter((t) => t.assigneeIds.length >= 2).length).toBeGreaterThan(0);
  });

  it('R5/R6: links tickets in several ways and to outside systems', () => {
    const types = new Set([...loaded.links.values()].map((l) => l.type));
    expect([...types]).toEqual(expect.arrayContaining(['depends_on', 'parent_of', 'duplicate_of', 'related_to']));
    // A duplicate is closed as such.
    expect([...loaded.links.values()].some((l) => l.type === 'duplicate_of' && loaded.tickets.find((t) => t.id === l.fromId)!.status === 'closed')).toBe(true);
    // A parent incident has several children.
    const children = new Map<number, number>();
    for (const l of loaded.links.values()) if (l.type === 'parent_of') children.set(l.fromId, (children.get(l.fromId) ?? 0) + 1);
    expect(Math.max(...children.values())).toBeGreaterThanOrEqual(3);
    expect(loaded.refs.map((r) => r.system)).toEqual(expect.arrayContaining(['JIRA', 'GLPI']));
    expect(loaded.refs.some((r) => r.url?.startsWith('https://'))).toBe(true);
  });

  it('R1/R20: spreads tickets over ten weeks and many channels, with Monday mornings the busiest', () => {
    const created = loaded.tickets.map((t) => t.createdAt.getTime());
    const ageOfOldest = (now - Math.min(...created)) / DAY_MS;
    expect(ageOfOldest).toBeGreaterThan(60);
    expect(ageOfOldest).toBeLessThanOrEqual(71);
    expect(Math.max(...created)).toBeLessThanOrEqual(Date.now());
    const mornings = new Map<number, number>();
    for (const c of created) {
      const d = DateTime.fromMillis(c, { zone: 'Europe/Paris' });
      if (d.hour < 12) mornings.set(d.weekday, (mornings.get(d.weekday) ?? 0) + 1);
    }
    const monday = mornings.get(1) ?? 0;
    for (const [weekday, n] of mornings) if (weekday !== 1) expect(monday).toBeGreaterThan(n);
    const channels = new Set(loaded.tickets.map((t) => t.sourceChannel));
    for (const c of ['teams', 'slack', 'web', 'email', 'phone', 'api']) expect(channels).toContain(c);
    // Phone support files for callers (R1): the creator is not the requester.
    expect(loaded.tickets.some((t) => t.sourceChannel === 'phone' && t.createdById !== t.requesterId)).toBe(true);
  });

  it('R19: every ticket has its history, starting with its creation, in time order', async () => {
    const sample = loaded.tickets.filter((_, i) => i % 15 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(18);
    for (const t of sample) {
      const history = await ticketHistory(deps, operator, t.id);
      expect(history[0]).toMatchObject({ action: 'created', channel: t.sourceChannel, createdAt: t.createdAt });
      const times = history.map((e) => e.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      if (t.status !== 'new') expect(history.length).toBeGreaterThan(1);
    }
    const audited = await Promise.all(loaded.tickets.map((t) => db.uow.read.audit.forTicket(t.id)));
    expect(audited.every((entries) => entries.length > 0)).toBe(true);
  });

  it('a second load changes nothing and says so', async () => {
    const people = (await db.uow.read.people.list({ limit: 1000 })).length;
    const again = await loadDemo(deps, operator, { seed: 42 });
    expect(again).toMatch(/déjà chargée/);
    expect((await db.uow.read.people.list({ limit: 1000 })).length).toBe(people);
    expect((await db.uow.read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 1000 })).length).toBe(loaded.tickets.length);
  });

  if (dbName === 'sqlite') {
    it('the same seed gives the same tickets in the same order on a fresh database', async () => {
      const other = await openTestDb('sqlite');
      try {
        await loadDemo({ ...deps, uow: other.uow }, operator, { seed: 42 });
        expect(titles(await readBack(other))).toEqual(titles(loaded));
      } finally {
        await other.close();
      }
    }, 120_000);
  }
});
