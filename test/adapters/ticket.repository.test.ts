import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { addPerson, at, ticket } from './make';

describe.each(TEST_DATABASES)('ticket repository on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('gives back what was stored: dates to the millisecond, nulls, numbers, Unicode', async () => {
    const { id, alice } = await t.uow.transaction(async (s) => {
      const alice = await addPerson(s);
      const service = await s.services.insert({ slug: 'it', name: 'IT', leadId: null });
      const category = (await s.categories.findBySlug('network'))!.id;
      const id = await s.tickets.insert(
        ticket(alice, {
          title: 'Écran noir 🖥️ « vraiment »',
          description: "O'Brien said: 50% of \\ _all_ \"quotes\"",
          categoryId: category,
          serviceId: service,
          priority: 1,
          urgency: 'critical',
          impact: 'high',
          createdById: null,
          pendingUntil: at('2026-12-31T23:59:59.999Z'),
          resolution: null,
        }),
      );
      return { id, alice };
    });
    const got = await t.uow.read.tickets.get(id);
    expect(got).toEqual({
      ...ticket(alice),
      id,
      title: 'Écran noir 🖥️ « vraiment »',
      description: "O'Brien said: 50% of \\ _all_ \"quotes\"",
      categoryId: expect.any(Number),
      serviceId: expect.any(Number),
      priority: 1,
      urgency: 'critical',
      impact: 'high',
      createdById: null,
      pendingUntil: at('2026-12-31T23:59:59.999Z'),
      version: 1,
      createdAt: at('2026-03-02T08:30:00.123Z'),
      updatedAt: at('2026-03-02T08:30:00.123Z'),
      assigneeIds: [],
      watcherIds: [],
    });
    expect(got!.ownDueAt).toBeInstanceOf(Date);
    expect(typeof got!.priority).toBe('number');
    expect(await t.uow.read.tickets.get(id + 1000)).toBeNull();
  });

  it('updates only when the version read is still current, and then bumps it', async () => {
    const id = await t.uow.transaction(async (s) => s.tickets.insert(ticket(await addPerson(s))));
    const when = at('2026-03-03T10:00:00.456Z');
    const won = await t.uow.transaction((s) =>
      s.tickets.update(id, 1, { status: 'assigned', ownedAt: when, firstResponseAt: when, pausedMinutes: 12, resolution: 'x' }, when),
    );
    expect(won).toBe(true);
    const after = (await t.uow.read.tickets.get(id))!;
    expect(after).toMatchObject({ status: 'assigned', ownedAt: when, firstResponseAt: when, pausedMinutes: 12, resolution: 'x', version: 2, updatedAt: when });
    expect(after.createdAt).toEqual(at('2026-03-02T08:30:00.123Z'));

    // A second writer who read version 1 loses, and changes nothing.
    const lost = await t.uow.transaction((s) => s.tickets.update(id, 1, { status: 'cancelled', title: 'nope' }, at('2026-03-03T11:00:00Z')));
    expect(lost).toBe(false);
    expect(await t.uow.read.tickets.get(id)).toEqual(after);

    // null clears a column; an unknown id changes nothing.
    expect(await t.uow.transaction((s) => s.tickets.update(id, 2, { resolution: null, ownedAt: null }, when))).toBe(true);
    expect(await t.uow.read.tickets.get(id)).toMatchObject({ resolution: null, ownedAt: null, version: 3 });
    expect(await t.uow.transaction((s) => s.tickets.update(id + 1000, 1, { title: 'x' }, when))).toBe(false);
  });

  it('refuses a patch key that is not a ticket column', async () => {
    const id = await t.uow.transaction(async (s) => s.tickets.insert(ticket(await addPerson(s))));
    const patch = { title: 'ok', 'title = title; --': 'x' } as never;
    await expect(t.uow.transaction((s) => s.tickets.update(id, 1, patch, new Date()))).rejects.toThrow(/cannot be changed/);
    expect((await t.uow.read.tickets.get(id))!.version).toBe(1);
  });

  it('lists assignees in the order they were assigned, then by id, and watchers by id', async () => {
    const { id, p } = await t.uow.transaction(async (s) => {
      const p = [await addPerson(s), await addPerson(s), await addPerson(s), await addPerson(s)];
      const id = await s.tickets.insert(ticket(p[0]));
      await s.tickets.addAssignee(id, p[3], at('2026-03-02T09:00:00.000Z'));
      await s.tickets.addAssignee(id, p[2], at('2026-03-02T09:00:00.001Z'));
      await s.tickets.addAssignee(id, p[1], at('2026-03-02T09:00:00.001Z'));
      await s.tickets.addAssignee(id, p[3], at('2026-03-02T12:00:00.000Z')); // again: no change
      await s.tickets.addWatcher(id, p[2]);
      await s.tickets.addWatcher(id, p[0]);
      await s.tickets.addWatcher(id, p[0]);
      return { id, p };
    });
    expect(await t.uow.read.tickets.get(id)).toMatchObject({ assigneeIds: [p[3], p[1], p[2]], watcherIds: [p[0], p[2]] });
    await t.uow.transaction(async (s) => {
      await s.tickets.removeAssignee(id, p[1]);
      await s.tickets.removeWatcher(id, p[2]);
    });
    expect(await t.uow.read.tickets.get(id)).toMatchObject({ assigneeIds: [p[3], p[2]], watcherIds: [p[0]] });
  });

  it('looks up several tickets briefly in one query', async () => {
    const ids = await t.uow.transaction(async (s) => {
      const a = await addPerson(s);
      const svc = await s.services.insert({ slug: 'svc', name: 'Svc', leadId: null });
      return [await s.tickets.insert(ticket(a, { title: 'one', serviceId: svc })), await s.tickets.insert(ticket(a, { title: 'two', status: 'resolved' }))];
    });
    const seen: string[] = [];
    const stop = t.db.onQuery((q) => seen.push(q));
    const brief = await t.uow.read.tickets.brief([ids[1], ids[0], ids[1], 999999]);
    stop();
    expect(seen).toHaveLength(1);
    expect(brief).toEqual([
      { id: ids[0], title: 'one', status: 'new', serviceId: expect.any(Number) },
      { id: ids[1], title: 'two', status: 'resolved', serviceId: null },
    ]);
    expect(await t.uow.read.tickets.brief([])).toEqual([]);
  });

  it('enforces foreign keys: no ticket for a requester who does not exist', async () => {
    await expect(t.uow.transaction((s) => s.tickets.insert(ticket(987654)))).rejects.toThrow(/foreign key/i);
  });
});
