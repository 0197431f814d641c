import type { Store } from '../../core/shared/store.port';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { addPerson, at, ticket } from './make';

describe.each(TEST_DATABASES)('repositories on %s', (name) => {
  let t: TestDb;
  const tx = <T>(work: (s: Store) => Promise<T>) => t.uow.transaction(work);
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('people: round trip, case-insensitive e-mail, exact phone and platform ids', async () => {
    const id = await tx((s) => addPerson(s, {
      email: 'Marie.Curie@Example.COM', displayName: 'Marie Curie', phone: '+33 6 12', locale: 'en', role: 'technician',
      aadObjectId: 'aad-1', slackUserId: 'U1', department: null, active: false,
    }));
    const marie = await t.uow.read.people.get(id);
    expect(marie).toEqual({
      id, email: 'marie.curie@example.com', displayName: 'Marie Curie', phone: '+33 6 12', locale: 'en', role: 'technician',
      aadObjectId: 'aad-1', slackUserId: 'U1', department: null, active: false, createdAt: expect.any(Date),
    });
    for (const lookup of [
      { by: 'email', value: 'MARIE.curie@example.com' }, { by: 'phone', value: '+33 6 12' }, { by: 'slackUserId', value: 'U1' },
      { by: 'aadObjectId', value: 'aad-1' }, { by: 'id', value: id },
    ] as const) {
      expect((await t.uow.read.people.find(lookup))?.id).toBe(id);
    }
    expect(await t.uow.read.people.find({ by: 'phone', value: '+33612' })).toBeNull();
    await tx((s) => s.people.update(id, { email: 'M.Curie@Example.com', active: true, department: 'Physics' }));
    expect(await t.uow.read.people.get(id)).toMatchObject({ email: 'm.curie@example.com', active: true, department: 'Physics', displayName: 'Marie Curie' });
    expect(await t.uow.read.people.get(id + 1000)).toBeNull();
  });

  it('people: many and a filtered, keyset-paged list', async () => {
    const ids = await tx(async (s) => [
      await addPerson(s, { displayName: 'Ana Tech', role: 'technician' }),
      await addPerson(s, { displayName: 'Bob', role: 'employee', email: 'bob_tech@example.com' }),
      await addPerson(s, { displayName: 'Cy Tech', role: 'technician' }),
      await addPerson(s, { displayName: 'Dee 100%', role: 'manager' }),
    ]);
    expect((await t.uow.read.people.many([ids[2], ids[0], ids[2]])).map((p) => p.id)).toEqual([ids[0], ids[2]]);
    expect(await t.uow.read.people.many([])).toEqual([]);
    const techs = await t.uow.read.people.list({ role: 'technician', limit: 1 });
    expect(techs.map((p) => p.id)).toEqual([ids[0]]);
    expect((await t.uow.read.people.list({ role: 'technician', limit: 10, afterId: ids[0] })).map((p) => p.id)).toEqual([ids[2]]);
    expect((await t.uow.read.people.list({ text: 'tech', limit: 10 })).map((p) => p.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect((await t.uow.read.people.list({ text: '%', limit: 10 })).map((p) => p.id)).toEqual([ids[3]]);
  });

  it('services: members, idempotent adds, updates; and a person’s services', async () => {
    const { it1, net, p1, p2 } = await tx(async (s) => {
      const p1 = await addPerson(s);
      const p2 = await addPerson(s);
      const it1 = await s.services.insert({ slug: 'it', name: 'IT', leadId: p1 });
      const net = await s.services.insert({ slug: 'net', name: 'Network', leadId: null });
      await s.services.addMember(it1, p2);
      await s.services.addMember(it1, p1);
      await s.services.addMember(it1, p1);
      await s.services.addMember(net, p2);
      return { it1, net, p1, p2 };
    });
    expect(await t.uow.read.services.get(it1)).toEqual({ id: it1, slug: 'it', name: 'IT', leadId: p1, memberIds: [p1, p2] });
    expect(await t.uow.read.services.findBySlug('net')).toEqual({ id: net, slug: 'net', name: 'Network', leadId: null, memberIds: [p2] });
    expect(await t.uow.read.people.serviceIdsOf(p2)).toEqual([it1, net]);
    await tx(async (s) => {
      await s.services.update(it1, { name: 'Helpdesk', leadId: null });
      await s.services.removeMember(it1, p2);
    });
    expect(await t.uow.read.services.list()).toEqual([
      { id: it1, slug: 'it', name: 'Helpdesk', leadId: null, memberIds: [p1] },
      { id: net, slug: 'net', name: 'Network', leadId: null, memberIds: [p2] },
    ]);
    expect(await t.uow.read.services.findBySlug('nope')).toBeNull();
  });

  it('categories: seeded, insert, update', async () => {
    const seeded = await t.uow.read.categories.list();
    expect(seeded.map((c) => c.slug)).toEqual(['hardware', 'software', 'network', 'access', 'other']);
    expect(seeded[2]).toEqual({ id: expect.any(Number), slug: 'network', nameFr: 'Réseau', nameEn: 'Network', defaultServiceId: null });
    const svc = await tx((s) => s.services.insert({ slug: 'x', name: 'X', leadId: null }));
    const id = await tx((s) => s.categories.insert({ slug: 'printers', nameFr: 'Imprimantes', nameEn: 'Printers', defaultServiceId: svc }));
    await tx((s) => s.categories.update(id, { nameEn: 'Printing' }));
    expect(await t.uow.read.categories.get(id)).toEqual({ id, slug: 'printers', nameFr: 'Imprimantes', nameEn: 'Printing', defaultServiceId: svc });
    expect(await t.uow.read.categories.findBySlug('printers')).toMatchObject({ id });
  });

  it('links: both ends, several sources at once, one type at a time', async () => {
    const { a, b, c, ab, cb, ac } = await tx(async (s) => {
      const p = await addPerson(s);
      const [a, b, c] = [await s.tickets.insert(ticket(p)), await s.tickets.insert(ticket(p)), await s.tickets.insert(ticket(p))];
      const when = at('2026-03-02T10:00:00.250Z');
      return {
        a, b, c,
        ab: await s.links.insert({ fromId: a, toId: b, type: 'depends_on', createdById: p, at: when }),
        cb: await s.links.insert({ fromId: c, toId: b, type: 'depends_on', createdById: null, at: when }),
        ac: await s.links.insert({ fromId: a, toId: c, type: 'related_to', createdById: null, at: when }),
      };
    });
    expect(await t.uow.read.links.get(ab)).toEqual({ id: ab, fromId: a, toId: b, type: 'depends_on', createdAt: at('2026-03-02T10:00:00.250Z') });
    expect((await t.uow.read.links.listFor(b)).map((l) => l.id)).toEqual([ab, cb]);
    expect((await t.uow.read.links.listFor(a)).map((l) => l.id)).toEqual([ab, ac]);
    expect((await t.uow.read.links.outgoing([a, c], 'depends_on')).map((l) => l.id)).toEqual([ab, cb]);
    expect((await t.uow.read.links.incoming([b, c], 'depends_on')).map((l) => l.id)).toEqual([ab, cb]);
    expect((await t.uow.read.links.incoming([c], 'related_to')).map((l) => l.id)).toEqual([ac]);
    expect(await t.uow.read.links.outgoing([], 'depends_on')).toEqual([]);
    const dup = await tx((s) => s.links.insert({ fromId: a, toId: b, type: 'depends_on', createdById: null, at: new Date() })).catch((e: unknown) => e);
    expect(t.uow.isUniqueViolation(dup)).toBe(true);
    await tx((s) => s.links.delete(ab));
    expect(await t.uow.read.links.get(ab)).toBeNull();
  });

  it('external references and comments', async () => {
    const { id, p } = await tx(async (s) => {
      const p = await addPerson(s);
      return { id: await s.tickets.insert(ticket(p)), p };
    });
    const ref = await tx((s) => s.externalRefs.insert({ ticketId: id, system: 'jira', key: 'OPS-1', url: null, createdAt: at('2026-03-02T10:00:00Z') }));
    expect(await t.uow.read.externalRefs.list(id)).toEqual([{ id: ref, ticketId: id, system: 'jira', key: 'OPS-1', url: null, createdAt: at('2026-03-02T10:00:00Z') }]);
    await tx((s) => s.externalRefs.delete(ref));
    expect(await t.uow.read.externalRefs.get(ref)).toBeNull();

    await tx(async (s) => {
      await s.comments.insert({ ticketId: id, authorId: p, sender: 'customer', body: 'hello', internal: false, channel: 'teams' }, at('2026-03-02T10:00:00.001Z'));
      await s.comments.insert({ ticketId: id, authorId: null, sender: 'technician', body: 'note', internal: true, channel: 'web' }, at('2026-03-02T10:00:00.002Z'));
    });
    const all = await t.uow.read.comments.list(id, true);
    expect(all).toEqual([
      { id: expect.any(Number), ticketId: id, authorId: p, sender: 'customer', body: 'hello', internal: false, channel: 'teams', createdAt: at('2026-03-02T10:00:00.001Z') },
      { id: expect.any(Number), ticketId: id, authorId: null, sender: 'technician', body: 'note', internal: true, channel: 'web', createdAt: at('2026-03-02T10:00:00.002Z') },
    ]);
    expect((await t.uow.read.comments.list(id, false)).map((c) => c.body)).toEqual(['hello']);
  });

  it('audit: JSON before/after, in order of writing', async () => {
    const entry = (action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) => ({
      ticketId: 7, entity: 'ticket' as const, entityId: 7, action, actorPersonId: null, actorTokenId: 3, actorRole: 'admin' as const,
      actorName: 'cli', channel: 'cli' as const, before, after, createdAt: at('2026-03-02T10:00:00.009Z'),
    });
    const ids = await tx(async (s) => [
      await s.audit.append(entry('create', null, { status: 'new', tags: ['a'], n: 1, ok: true })),
      await s.audit.append(entry('status', { status: 'new' }, { status: 'closed', note: "l'été \"chaud\"" })),
    ]);
    expect(await t.uow.read.audit.forTicket(7)).toEqual([
      { id: ids[0], ...entry('create', null, { status: 'new', tags: ['a'], n: 1, ok: true }) },
      { id: ids[1], ...entry('status', { status: 'new' }, { status: 'closed', note: "l'été \"chaud\"" }) },
    ]);
    expect(await t.uow.read.audit.forTicket(8)).toEqual([]);
  });

  it('settings: JSON values upserted; SLA policies seeded and upserted on (priority, service)', async () => {
    expect(await t.uow.read.settings.get('missing')).toBeNull();
    await tx((s) => s.settings.set('calendar', { tz: 'Europe/Paris', days: [1, 2] }, new Date()));
    await tx((s) => s.settings.set('calendar', { tz: 'UTC' }, new Date()));
    await tx((s) => s.settings.set('flag', false, new Date()));
    expect(await t.uow.read.settings.get('calendar')).toEqual({ tz: 'UTC' });
    expect(await t.uow.read.settings.get('flag')).toBe(false);

    const seeded = await t.uow.read.settings.slaPolicies();
    expect(seeded).toEqual([
      { priority: 1, serviceId: null, ownMinutes: 30, resolveMinutes: 240 },
      { priority: 2, serviceId: null, ownMinutes: 120, resolveMinutes: 570 },
      { priority: 3, serviceId: null, ownMinutes: 570, resolveMinutes: 1710 },
      { priority: 4, serviceId: null, ownMinutes: 570, resolveMinutes: 2850 },
    ]);
    const svc = await tx((s) => s.services.insert({ slug: 'x', name: 'X', leadId: null }));
    await tx(async (s) => {
      await s.settings.setSlaPolicy({ priority: 1, serviceId: null, ownMinutes: 15, resolveMinutes: 120 });
      await s.settings.setSlaPolicy({ priority: 1, serviceId: null, ownMinutes: 15, resolveMinutes: 120 });
      await s.settings.setSlaPolicy({ priority: 1, serviceId: svc, ownMinutes: 5, resolveMinutes: 60 });
      await s.settings.setSlaPolicy({ priority: 1, serviceId: svc, ownMinutes: 6, resolveMinutes: 61 });
    });
    expect(await t.uow.read.settings.slaPolicies()).toEqual([
      { priority: 1, serviceId: null, ownMinutes: 15, resolveMinutes: 120 },
      { priority: 1, serviceId: svc, ownMinutes: 6, resolveMinutes: 61 },
      ...seeded.slice(1),
    ]);
  });

  it('tokens: found by hash with their person and services in one statement, revoked once', async () => {
    const { p, svc, withPerson, bare } = await tx(async (s) => {
      const p = await addPerson(s, { displayName: 'Tok', role: 'technician' });
      const svc = [await s.services.insert({ slug: 's1', name: 'S1', leadId: null }), await s.services.insert({ slug: 's2', name: 'S2', leadId: null })];
      await s.services.addMember(svc[1], p);
      await s.services.addMember(svc[0], p);
      return {
        p, svc,
        withPerson: await s.tokens.insert({ name: 'bot', hash: 'h1', role: 'technician', personId: p, at: new Date() }),
        bare: await s.tokens.insert({ name: 'ci', hash: 'h2', role: 'admin', personId: null, at: new Date() }),
      };
    });
    let statements = 0;
    const stop = t.db.onQuery(() => statements++);
    const found = await t.uow.read.tokens.authenticate('h1');
    stop();
    expect(statements).toBe(1);
    expect(found).toEqual({
      token: { id: withPerson, name: 'bot', role: 'technician', personId: p, revokedAt: null },
      person: expect.objectContaining({ id: p, displayName: 'Tok', active: true }),
      serviceIds: svc,
    });
    expect(await t.uow.read.tokens.authenticate('h2')).toEqual({ token: { id: bare, name: 'ci', role: 'admin', personId: null, revokedAt: null }, person: null, serviceIds: [] });
    expect(await t.uow.read.tokens.authenticate('nope')).toBeNull();
    await tx((s) => s.tokens.revoke(bare, at('2026-03-02T10:00:00.100Z')));
    await tx((s) => s.tokens.revoke(bare, at('2026-03-03T10:00:00Z')));
    expect(await t.uow.read.tokens.findByHash('h2')).toEqual({ id: bare, name: 'ci', role: 'admin', personId: null, revokedAt: at('2026-03-02T10:00:00.100Z') });
    expect((await t.uow.read.tokens.list()).map((x) => x.id)).toEqual([withPerson, bare]);
  });

  it('idempotency keys: a repeat is found, a second remember is a unique violation', async () => {
    const id = await tx(async (s) => s.tickets.insert(ticket(await addPerson(s))));
    expect(await t.uow.read.idempotency.find('ticket:teams:p1', 'evt-1')).toBeNull();
    await tx((s) => s.idempotency.remember('ticket:teams:p1', 'evt-1', id, new Date()));
    expect(await t.uow.read.idempotency.find('ticket:teams:p1', 'evt-1')).toBe(id);
    expect(await t.uow.read.idempotency.find('ticket:teams:p2', 'evt-1')).toBeNull();
    const err = await tx((s) => s.idempotency.remember('ticket:teams:p1', 'evt-1', id, new Date())).catch((e: unknown) => e);
    expect(t.uow.isUniqueViolation(err)).toBe(true);
  });

  it('reset() empties every table but keeps what the migrations seeded', async () => {
    await tx(async (s) => {
      const p = await addPerson(s);
      await s.tickets.insert(ticket(p));
      await s.categories.update((await s.categories.findBySlug('other'))!.id, { nameEn: 'Changed' });
      await s.settings.setSlaPolicy({ priority: 2, serviceId: null, ownMinutes: 1, resolveMinutes: 2 });
    });
    await t.reset();
    expect(await t.uow.read.people.list({ limit: 10 })).toEqual([]);
    expect(await t.uow.read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 10 })).toEqual([]);
    expect((await t.uow.read.categories.findBySlug('other'))!.nameEn).toBe('Other');
    expect((await t.uow.read.settings.slaPolicies())[1]).toEqual({ priority: 2, serviceId: null, ownMinutes: 120, resolveMinutes: 570 });
  });
});
