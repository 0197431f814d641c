import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../adapters/sequelize/database';
import { isRetryableMysqlError } from '../../adapters/sequelize/unit-of-work';
import type { Store } from '../../core/shared/store.port';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { addPerson, at, person, ticket } from './make';

/** Resolves once `n` callers have arrived; fails loudly instead of hanging a test. */
function barrier(n: number) {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === n) open();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('barrier timeout')), 10_000)));
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { parent: { errno: 1213 } });

describe('retryable MySQL errors', () => {
  it('are deadlocks and lock wait timeouts only', () => {
    expect(isRetryableMysqlError(deadlock())).toBe(true);
    expect(isRetryableMysqlError({ original: { errno: 1205 } })).toBe(true);
    expect(isRetryableMysqlError({ parent: { errno: 1062 } })).toBe(false);
    expect(isRetryableMysqlError(new Error('1213'))).toBe(false);
    expect(isRetryableMysqlError(null)).toBe(false);
  });
});

describe.each(TEST_DATABASES)('unit of work on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('leaves no row behind when the work throws, and passes the error on unchanged', async () => {
    const boom = new Error('boom');
    let inside: number | undefined;
    await expect(
      t.uow.transaction(async (s) => {
        const p = await addPerson(s, { email: 'gone@example.com' });
        inside = await s.tickets.insert(ticket(p));
        await s.audit.append({
          ticketId: inside, entity: 'ticket', entityId: inside, action: 'create', actorPersonId: p, actorTokenId: null,
          actorRole: 'employee', actorName: 'x', channel: 'teams', before: null, after: { a: 1 }, createdAt: new Date(),
        });
        expect(await s.tickets.get(inside)).not.toBeNull(); // visible inside the transaction
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(inside).toBeDefined();
    expect(await t.uow.read.tickets.get(inside!)).toBeNull();
    expect(await t.uow.read.people.find({ by: 'email', value: 'gone@example.com' })).toBeNull();
    expect(await t.uow.read.audit.forTicket(inside!)).toEqual([]);
  });

  it('commits everything together and returns what the work returned', async () => {
    const out = await t.uow.transaction(async (s) => {
      const p = await addPerson(s);
      return { p, id: await s.tickets.insert(ticket(p)) };
    });
    expect(await t.uow.read.tickets.get(out.id)).toMatchObject({ id: out.id, requesterId: out.p });
  });

  it('recognises unique violations, and only them', async () => {
    const catchIt = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    await t.uow.transaction((s) => addPerson(s, { email: 'Dup@Example.com', phone: '+33600000000' }));
    const uniques = [
      await catchIt(t.uow.transaction((s) => addPerson(s, { email: 'dup@example.COM' }))),
      await catchIt(t.uow.transaction((s) => addPerson(s, { phone: '+33600000000' }))),
      await catchIt(t.uow.transaction(async (s) => { await s.idempotency.remember('sc', 'k', 1, new Date()); await s.idempotency.remember('sc', 'k', 2, new Date()); })),
      await catchIt(t.uow.transaction((s) => s.categories.insert({ slug: 'network', nameFr: 'x', nameEn: 'x', defaultServiceId: null }))),
    ];
    for (const err of uniques) expect(t.uow.isUniqueViolation(err)).toBe(true);
    const foreignKey = await catchIt(t.uow.transaction((s) => s.tickets.insert(ticket(999999))));
    expect(foreignKey).toBeInstanceOf(Error);
    expect(t.uow.isUniqueViolation(foreignKey)).toBe(false);
    expect(t.uow.isUniqueViolation(new Error('Duplicate entry'))).toBe(false);
    expect(t.uow.isUniqueViolation(undefined)).toBe(false);
    expect(await t.uow.read.idempotency.find('sc', 'k')).toBeNull();
  });

  it('lets exactly one of 20 simultaneous claims win', async () => {
    const id = await t.uow.transaction(async (s) => s.tickets.insert(ticket(await addPerson(s))));
    const techs = await t.uow.transaction(async (s) => Promise.all(Array.from({ length: 20 }, () => addPerson(s, { role: 'technician' }))));
    const results = await Promise.all(
      techs.map((tech) =>
        t.uow.transaction(async (s) => {
          const current = (await s.tickets.get(id))!;
          if (current.status !== 'new') return false;
          const won = await s.tickets.update(id, current.version, { status: 'assigned', ownedAt: at('2026-03-02T09:00:00Z') }, at('2026-03-02T09:00:00Z'));
          if (won) await s.tickets.addAssignee(id, tech, at('2026-03-02T09:00:00Z'));
          return won;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = (await t.uow.read.tickets.get(id))!;
    expect(after).toMatchObject({ status: 'assigned', version: 2 });
    expect(after.assigneeIds).toEqual([techs[results.indexOf(true)]]);
  });

  it('refuses a nested transaction and writes through read inside one, but allows reads', async () => {
    await expect(t.uow.transaction(() => t.uow.transaction(async () => 1))).rejects.toThrow(/nested uow.transaction\(\) inside a running transaction/);
    await expect(t.uow.transaction(() => t.uow.read.people.insert(person()))).rejects.toThrow(/write through uow.read inside a running transaction/);
    await expect(t.uow.transaction(() => t.uow.read.categories.list())).resolves.toHaveLength(5);
    // Once the transaction is over, the same calls are fine again.
    await expect(t.uow.read.people.insert(person())).resolves.toEqual(expect.any(Number));
  });

  it('keeps a write made outside a transaction out of a concurrent one that rolls back', async () => {
    const started = barrier(2);
    const release = barrier(2);
    const tx = t.uow.transaction(async (s) => {
      await addPerson(s, { email: 'inside@example.com' });
      await started();
      await release();
      throw new Error('rolled back');
    });
    await started();
    const outside = t.uow.read.people.insert(person({ email: 'outside@example.com' }));
    await release();
    await expect(tx).rejects.toThrow('rolled back');
    await outside;
    expect(await t.uow.read.people.find({ by: 'email', value: 'outside@example.com' })).not.toBeNull();
    expect(await t.uow.read.people.find({ by: 'email', value: 'inside@example.com' })).toBeNull();
  });

  it(`runs the work again after a deadlock ${name === 'sqlite' ? 'never (SQLite serialises)' : 'up to 3 more times'}`, async () => {
    let runs = 0;
    await expect(t.uow.transaction(async () => { runs++; throw deadlock(); })).rejects.toThrow('Deadlock found');
    expect(runs).toBe(name === 'sqlite' ? 1 : 4);
  });

  if (name === 'sqlite') {
    it('serialises 20 transactions started at once: no lost update, no error', async () => {
      await t.uow.transaction((s) => s.settings.set('counter', 0, new Date()));
      const increments = Array.from({ length: 20 }, () =>
        t.uow.transaction(async (s) => {
          const n = (await s.settings.get<number>('counter'))!;
          await new Promise((r) => setTimeout(r, 1)); // let the others try to interleave
          await s.settings.set('counter', n + 1, new Date());
        }),
      );
      await Promise.all(increments);
      expect(await t.uow.read.settings.get<number>('counter')).toBe(20);
    });
  } else {
    it('retries both sides of a real deadlock until both commit', async () => {
      const [a, b] = await t.uow.transaction(async (s) => {
        const p = await addPerson(s);
        return [await s.tickets.insert(ticket(p)), await s.tickets.insert(ticket(p))];
      });
      const bothLocked = barrier(2);
      let runs = 0;
      const crossUpdate = (first: number, second: number) => {
        let attempt = 0;
        return async (s: Store) => {
          runs++;
          attempt++;
          const touch = async (id: number) => {
            const cur = (await s.tickets.get(id))!;
            expect(await s.tickets.update(id, cur.version, { title: `by ${first}` }, new Date())).toBe(true);
          };
          await touch(first);
          if (attempt === 1) await bothLocked();
          await touch(second);
        };
      };
      await Promise.all([t.uow.transaction(crossUpdate(a, b)), t.uow.transaction(crossUpdate(b, a))]);
      expect(runs).toBe(3);
      const after = await t.uow.read.tickets.brief([a, b]);
      expect(after.map((x) => x.id)).toEqual([a, b]);
      expect((await t.uow.read.tickets.get(a))!.version).toBe(3);
      expect((await t.uow.read.tickets.get(b))!.version).toBe(3);
    });
  }
});

describe('a SQLite file database under concurrent transactions', () => {
  it('serialises 20 transactions started at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-uow-'));
    const db = await openDatabase(`sqlite:${path.join(dir, 'h.sqlite')}`);
    try {
      await db.migrate();
      await db.uow.transaction((s) => s.settings.set('counter', 0, new Date()));
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.uow.transaction(async (s) => {
            const n = (await s.settings.get<number>('counter'))!;
            await new Promise((r) => setTimeout(r, 1));
            await s.settings.set('counter', n + 1, new Date());
          }),
        ),
      );
      expect(await db.uow.read.settings.get<number>('counter')).toBe(20);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
