/**
 * Builds a small world on a TestDb for core use-case tests: a controllable clock, people with roles,
 * services with members, and the Actor each person acts as. Everything goes through the store's
 * own ports, never around them, so a fixture cannot hide an adapter bug.
 */
import type { Actor, Channel, Role } from '../../core/shared/actor';
import type { Clock } from '../../core/shared/clock.port';
import type { CoreDeps } from '../../core/shared/deps';
import type { TicketSummary, UnitOfWork } from '../../core/shared/store.port';
import { HelpdeskError, ErrorCode } from '../../core/shared/errors';
import type { Locale } from '../../core/i18n/catalogue';
import type { Person, Service } from '../../core/people/person.entity';
import { actorForPerson } from '../../core/people/actor-for-person';
import { createTicket } from '../../core/tickets/create-ticket.service';
import type { CreateTicketInput } from '../../core/tickets/ticket.schemas';
import type { Ticket } from '../../core/tickets/ticket.entity';
import { openTestDb, TestDb } from './db';

/** Tuesday 13 January 2026, 10:00 in Paris: an ordinary working morning, far from holidays and DST. */
export const DEFAULT_NOW = '2026-01-13T09:00:00.000Z';

export interface TestClock extends Clock {
  set(at: Date | string): void;
  advance(minutes: number): void;
}

export function testClock(start: Date | string = DEFAULT_NOW): TestClock {
  let current = new Date(start);
  return {
    // A fresh Date each time, so no caller can move the clock by mutating what it got.
    now: () => new Date(current.getTime()),
    set: (at) => {
      current = new Date(at);
    },
    advance: (minutes) => {
      current = new Date(current.getTime() + minutes * 60_000);
    },
  };
}

export type TestDeps = CoreDeps & { clock: TestClock };

export function makeDeps(uow: UnitOfWork, clock: TestClock = testClock()): TestDeps {
  return { uow, clock, defaultLocale: 'fr', admins: [] };
}

/** A person together with the Actor they act as. */
export interface Who {
  person: Person;
  actor: Actor;
}

export interface PersonOpts {
  name?: string;
  email?: string | null;
  phone?: string | null;
  locale?: Locale | null;
  slackUserId?: string | null;
  services?: Service[];
  channel?: Channel;
}

let seq = 0;
const next = () => ++seq;

export class World {
  readonly deps: TestDeps;
  constructor(readonly db: TestDb, clock: TestClock = testClock()) {
    this.deps = makeDeps(db.uow, clock);
  }

  get clock(): TestClock {
    return this.deps.clock;
  }

  /** Inserts a person through the store, with their service memberships. */
  async insertPerson(role: Role, opts: PersonOpts = {}): Promise<Person> {
    const n = next();
    return this.db.uow.transaction(async (s) => {
      const id = await s.people.insert({
        displayName: opts.name ?? `${role} ${n}`,
        email: opts.email === undefined ? `${role}.${n}@example.test` : opts.email,
        phone: opts.phone ?? null,
        locale: opts.locale ?? null,
        role,
        aadObjectId: null,
        slackUserId: opts.slackUserId ?? null,
        department: null,
        active: true,
      });
      for (const svc of opts.services ?? []) await s.services.addMember(svc.id, id);
      return (await s.people.get(id))!;
    });
  }

  async actorFor(person: Person, channel: Channel = 'api'): Promise<Actor> {
    return actorForPerson(this.deps, this.db.uow.read, person, channel);
  }

  async who(role: Role, opts: PersonOpts = {}): Promise<Who> {
    const person = await this.insertPerson(role, opts);
    return { person, actor: await this.actorFor(person, opts.channel) };
  }

  employee(name?: string, opts: PersonOpts = {}): Promise<Who> {
    return this.who('employee', { ...opts, name });
  }

  technician(services: Service[], name?: string, opts: PersonOpts = {}): Promise<Who> {
    return this.who('technician', { ...opts, name, services });
  }

  manager(name?: string, opts: PersonOpts = {}): Promise<Who> {
    return this.who('manager', { ...opts, name });
  }

  /** An admin person (role admin in the directory) and the actor they act as. */
  admin(name = 'Admin', opts: PersonOpts = {}): Promise<Who> {
    return this.who('admin', { channel: 'cli', ...opts, name });
  }

  /** A service (technician team) with these members. */
  async service(slug: string, members: Person[] = [], name?: string): Promise<Service> {
    return this.db.uow.transaction(async (s) => {
      const id = await s.services.insert({ slug, name: name ?? slug, leadId: null });
      for (const m of members) await s.services.addMember(id, m.id);
      return (await s.services.get(id))!;
    });
  }

  /** Routes a seeded category (hardware, software, network, access, other) to a service. */
  async routeCategory(slug: string, service: Service): Promise<void> {
    await this.db.uow.transaction(async (s) => {
      const c = await s.categories.findBySlug(slug);
      if (!c) throw new Error(`no seeded category ${slug}`);
      await s.categories.update(c.id, { defaultServiceId: service.id });
    });
  }

  /** Files a ticket as this actor and returns it. */
  async ticket(actor: Actor, input: Partial<CreateTicketInput> = {}): Promise<Ticket> {
    const r = await createTicket(this.deps, actor, { title: `Ticket ${next()}`, ...input });
    return r.ticket;
  }

  /** Every ticket row, whatever the scope: what is really stored. */
  async allTickets(): Promise<TicketSummary[]> {
    return this.db.uow.read.tickets.list({ scope: { kind: 'all' }, sort: 'newest', limit: 1000 });
  }

  async allPeople(): Promise<Person[]> {
    return this.db.uow.read.people.list({ limit: 1000 });
  }
}

/**
 * Opens the named database once per file and gives each test a freshly reset world.
 * Call at describe level; read the world inside tests through the returned getter.
 */
export function useWorld(name: 'sqlite' | 'mariadb', start?: Date | string): () => World {
  let db: TestDb | undefined;
  let world: World | undefined;
  beforeAll(async () => {
    db = await openTestDb(name);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db!.reset();
    world = new World(db!, testClock(start));
  });
  return () => world!;
}

/** Awaits a rejection and checks it is the coded error a person would be shown. */
export async function expectError(p: Promise<unknown>, code: ErrorCode, params?: Record<string, unknown>): Promise<HelpdeskError> {
  const err = await p.then(
    (v) => {
      throw new Error(`expected HelpdeskError ${code}, but the call succeeded with ${JSON.stringify(v)?.slice(0, 300)}`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof HelpdeskError)) throw err;
  expect({ code: err.code, params: err.params }).toMatchObject({ code, params: params ?? {} });
  return err;
}

/** An instant given as Paris wall-clock time in winter (UTC+1), e.g. paris('2026-01-16 17:00'). */
export const paris = (local: string): Date => new Date(local.replace(' ', 'T') + ':00.000+01:00');
