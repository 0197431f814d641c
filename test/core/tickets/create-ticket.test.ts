import { TEST_DATABASES } from '../../support/db';
import { expectError, paris, useWorld } from '../../support/fixtures';
import { createTicket } from '../../../core/tickets/create-ticket.service';
import { getTicket } from '../../../core/tickets/get-ticket.service';
import { ticketHistory } from '../../../core/tickets/ticket-history.service';
import type { Level } from '../../../core/tickets/ticket.entity';
import type { Role } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R1/R3/R13 createTicket (%s)', (dbName) => {
  const world = useWorld(dbName);

  it('files a ticket with the documented defaults, shown the same by getTicket and the history', async () => {
    const w = world();
    const alice = await w.employee('Alice Martin', { channel: 'teams' });
    const { ticket, created } = await createTicket(w.deps, alice.actor, { title: '  Mon imprimante ne marche plus  ' });

    expect(created).toBe(true);
    expect(ticket).toMatchObject({
      title: 'Mon imprimante ne marche plus',
      description: '',
      type: 'incident',
      urgency: 'medium',
      impact: 'medium',
      priority: 3,
      status: 'new',
      requesterId: alice.person.id,
      createdById: alice.person.id,
      serviceId: null,
      categoryId: null,
      sourceChannel: 'teams',
      assigneeIds: [],
      watcherIds: [],
      firstResponseAt: null,
      ownedAt: null,
      resolvedAt: null,
      closedAt: null,
      pendingSince: null,
      pausedMinutes: 0,
      reopenCount: 0,
      resolution: null,
    });
    expect(ticket.slaStartedAt.toISOString()).toBe('2026-01-13T09:00:00.000Z');

    const view = await getTicket(w.deps, alice.actor, ticket.id);
    expect(view).toMatchObject({
      number: ticket.id,
      status: 'new',
      priority: 3,
      requester: { id: alice.person.id, name: 'Alice Martin' },
      createdBy: { id: alice.person.id, name: 'Alice Martin' },
      assignees: [],
      service: null,
      category: null,
      overdue: false,
      links: [],
    });

    const history = await ticketHistory(w.deps, alice.actor, ticket.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'created', actorPersonId: alice.person.id, actorName: 'Alice Martin', channel: 'teams', before: null });
    expect(history[0].after).toMatchObject({ title: 'Mon imprimante ne marche plus', status: 'new', priority: 3, descriptionLength: 0 });
  });

  it.each<[Role, Level, Level, number, Level]>([
    ['employee', 'high', 'critical', 2, 'medium'],
    ['employee', 'low', 'critical', 4, 'medium'],
    ['employee', 'critical', 'low', 2, 'medium'],
    ['technician', 'high', 'critical', 1, 'critical'],
    ['technician', 'low', 'high', 3, 'high'],
    ['technician', 'critical', 'low', 2, 'low'],
    ['manager', 'medium', 'low', 4, 'low'],
  ])('R13 priority matrix: a %s saying urgency %s, impact %s gets P%d (impact kept: %s)', async (role, urgency, impact, priority, keptImpact) => {
    const w = world();
    const who = await w.who(role);
    const { ticket } = await createTicket(w.deps, who.actor, { title: 'Écran noir', urgency, impact });
    expect({ priority: ticket.priority, impact: ticket.impact, urgency: ticket.urgency }).toEqual({ priority, impact: keptImpact, urgency });
    expect((await getTicket(w.deps, who.actor, ticket.id)).priority).toBe(priority);
  });

  it('R13 a category routes the ticket to its default service; an employee may not pick a service', async () => {
    const w = world();
    const reseau = await w.service('reseau', [], 'Réseau & Télécom');
    await w.routeCategory('network', reseau);
    const bob = await w.employee('Bob');
    const { ticket } = await createTicket(w.deps, bob.actor, { title: 'Pas de Wi-Fi', category: 'network' });
    expect(ticket.serviceId).toBe(reseau.id);
    const view = await getTicket(w.deps, bob.actor, ticket.id);
    expect(view.service).toEqual({ id: reseau.id, slug: 'reseau', name: 'Réseau & Télécom' });
    expect(view.category).toMatchObject({ slug: 'network', name: 'Réseau' });

    await expectError(createTicket(w.deps, bob.actor, { title: 'Pas de Wi-Fi', service: 'reseau' }), 'forbidden');
    await expectError(createTicket(w.deps, bob.actor, { title: 'X', category: 'plomberie' }), 'category_not_found');
    expect(await w.allTickets()).toHaveLength(1);
  });

  it('R10 due dates count business minutes: Friday 17:00 Paris, P3 (own 570, resolve 1710) -> Monday 17:00 and Wednesday 17:00', async () => {
    const w = world();
    w.clock.set(paris('2026-01-16 17:00'));
    const alice = await w.employee();
    const { ticket } = await createTicket(w.deps, alice.actor, { title: 'Clavier cassé' });
    expect(ticket.priority).toBe(3);
    // 60 min on Friday (17:00-18:00), then 510 from Monday 08:30.
    expect(ticket.ownDueAt.toISOString()).toBe(paris('2026-01-19 17:00').toISOString());
    expect(ticket.resolveDueAt.toISOString()).toBe(paris('2026-01-21 17:00').toISOString());
    const view = await getTicket(w.deps, alice.actor, ticket.id);
    expect(view.ownDueAt.toISOString()).toBe('2026-01-19T16:00:00.000Z');
    expect(view.resolveDueAt.toISOString()).toBe('2026-01-21T16:00:00.000Z');
  });

  it('R10 a P1 filed by staff on Friday 17:00 is due to own at 17:30 and to resolve Monday 11:30', async () => {
    const w = world();
    w.clock.set(paris('2026-01-16 17:00'));
    const tech = await w.technician([]);
    const { ticket } = await createTicket(w.deps, tech.actor, { title: 'Serveur de fichiers HS', urgency: 'critical', impact: 'high' });
    expect(ticket.priority).toBe(1);
    expect(ticket.ownDueAt.toISOString()).toBe(paris('2026-01-16 17:30').toISOString());
    expect(ticket.resolveDueAt.toISOString()).toBe(paris('2026-01-19 11:30').toISOString());
  });

  it('R1 phone support files for an unknown caller by e-mail: the caller gets a person record, found again next time', async () => {
    const w = world();
    const support = await w.technician([], 'Sophie Support', { channel: 'slack' });
    const first = await createTicket(w.deps, support.actor, { title: 'Mot de passe expiré', requester: 'Jean.Appelant@Example.test', requesterName: 'Jean Appelant' });
    const caller = (await w.allPeople()).find((p) => p.email === 'jean.appelant@example.test');
    expect(caller).toMatchObject({ displayName: 'Jean Appelant', role: 'employee', active: true });
    expect(first.ticket).toMatchObject({ requesterId: caller!.id, createdById: support.person.id, sourceChannel: 'phone' });

    const view = await getTicket(w.deps, support.actor, first.ticket.id);
    expect(view.requester).toEqual({ id: caller!.id, name: 'Jean Appelant' });
    expect(view.createdBy).toEqual({ id: support.person.id, name: 'Sophie Support' });

    const second = await createTicket(w.deps, support.actor, { title: 'Toujours bloqué', requester: 'jean.appelant@example.test' });
    expect(second.ticket.requesterId).toBe(caller!.id);
    expect((await w.allPeople()).filter((p) => p.email === 'jean.appelant@example.test')).toHaveLength(1);

    // The caller now sees the ticket filed on their behalf.
    const callerActor = await w.actorFor(caller!);
    expect((await getTicket(w.deps, callerActor, first.ticket.id)).title).toBe('Mot de passe expiré');
  });

  it('R1 phone support finds a known caller by a French phone number', async () => {
    const w = world();
    const caller = await w.employee('Chloé', { phone: '+33612345678' });
    const support = await w.technician([]);
    const { ticket } = await createTicket(w.deps, support.actor, { title: 'VPN', requester: '06 12 34 56 78' });
    expect(ticket.requesterId).toBe(caller.person.id);
  });

  it('R9 an employee cannot file for someone else: forbidden, and neither ticket nor person is written', async () => {
    const w = world();
    const alice = await w.employee();
    const peopleBefore = (await w.allPeople()).length;
    await expectError(createTicket(w.deps, alice.actor, { title: 'Pour un collègue', requester: 'collegue@example.test' }), 'forbidden');
    expect(await w.allTickets()).toHaveLength(0);
    expect(await w.allPeople()).toHaveLength(peopleBefore);
  });

  it('DESIGN idempotency key: a repeated delivery returns the same ticket, created=false, one row', async () => {
    const w = world();
    const alice = await w.employee(undefined, { channel: 'slack' });
    const a = await createTicket(w.deps, alice.actor, { title: 'Imprimante', idempotencyKey: 'Ev123' });
    const b = await createTicket(w.deps, alice.actor, { title: 'Imprimante', idempotencyKey: 'Ev123' });
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.ticket.id).toBe(a.ticket.id);
    expect(await w.allTickets()).toHaveLength(1);
    expect(await ticketHistory(w.deps, alice.actor, a.ticket.id)).toHaveLength(1);
  });

  it('R16 idempotency keys belong to their sender: another person reusing a key gets their own ticket, never the first one', async () => {
    const w = world();
    const alice = await w.employee('Alice');
    const bob = await w.employee('Bob');
    const a = await createTicket(w.deps, alice.actor, { title: 'Secret RH', idempotencyKey: '1' });
    const b = await createTicket(w.deps, bob.actor, { title: 'Ma souris', idempotencyKey: '1' });
    expect({ created: b.created, requesterId: b.ticket.requesterId, title: b.ticket.title }).toEqual({ created: true, requesterId: bob.person.id, title: 'Ma souris' });
    expect(b.ticket.id).not.toBe(a.ticket.id);
    expect(await w.allTickets()).toHaveLength(2);
  });

  it('DESIGN idempotency key: five concurrent deliveries of one event create exactly one ticket', async () => {
    const w = world();
    const alice = await w.employee(undefined, { channel: 'slack' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createTicket(w.deps, alice.actor, { title: 'Imprimante', idempotencyKey: 'Ev-race' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    expect(await w.allTickets()).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '    ' }, 'title'],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
    ['an unknown urgency', { title: 'ok', urgency: 'urgent!!' }, 'urgency'],
  ])('R2 validation: %s -> validation_failed naming the field, nothing written', async (_label, input, path) => {
    const w = world();
    const alice = await w.employee();
    const err = await expectError(createTicket(w.deps, alice.actor, input as never), 'validation_failed');
    expect(err.kind).toBe('invalid');
    expect(err.details?.map((d) => d.path)).toContain(path);
    expect(await w.allTickets()).toHaveLength(0);
  });

  it('R2 validation: an unknown field is refused, not ignored, and the details name it', async () => {
    const w = world();
    const alice = await w.employee();
    const err = await expectError(createTicket(w.deps, alice.actor, { title: 'ok', colour: 'red' } as never), 'validation_failed');
    expect(err.details).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('colour') })]));
    expect(await w.allTickets()).toHaveLength(0);
  });

  it('R1 a title of exactly 200 characters is accepted', async () => {
    const w = world();
    const alice = await w.employee();
    const { ticket } = await createTicket(w.deps, alice.actor, { title: 'é'.repeat(200) });
    expect((await getTicket(w.deps, alice.actor, ticket.id)).title).toBe('é'.repeat(200));
  });

  it('R1 watchers named at creation see the ticket; the requester is not added as a watcher', async () => {
    const w = world();
    const alice = await w.employee('Alice');
    const colleague = await w.employee('Colette');
    const { ticket } = await createTicket(w.deps, alice.actor, { title: 'Salle de réunion', watchers: [colleague.person.email!, alice.person.id] });
    expect(ticket.watcherIds).toEqual([colleague.person.id]);
    const view = await getTicket(w.deps, colleague.actor, ticket.id);
    expect(view.watchers).toEqual([{ id: colleague.person.id, name: 'Colette' }]);
  });
});
