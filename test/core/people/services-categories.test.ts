import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, World } from '../../support/fixtures';
import { createService, listServices, setRole, setServiceMember, updateService } from '../../../core/people/manage-services.service';
import { listCategories, saveCategory } from '../../../core/people/manage-categories.service';
import { getPerson } from '../../../core/people/manage-people.service';
import { createTicket } from '../../../core/tickets/create-ticket.service';
import type { Actor } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R13/R9 services (%s)', (dbName) => {
  const world = useWorld(dbName);
  let admin: Actor;
  let w: World;

  beforeEach(async () => {
    w = world();
    admin = (await w.admin('Alice Admin')).actor;
  });

  it('an admin creates a service: the slug folds accents, the lead is found by e-mail', async () => {
    const lead = await w.technician([], 'Léa Lead', { email: 'lea@example.test' });
    const s = await createService(w.deps, admin, { name: 'Réseau & Télécom', lead: 'lea@example.test' });
    expect(s).toMatchObject({ slug: 'reseau-telecom', name: 'Réseau & Télécom', leadId: lead.person.id, memberIds: [] });
    expect((await listServices(w.deps)).map((x) => x.slug)).toEqual(['reseau-telecom']);
    const renamed = await updateService(w.deps, admin, 'Réseau & Télécom', { name: 'Réseau', lead: null });
    expect(renamed).toMatchObject({ id: s.id, slug: 'reseau-telecom', name: 'Réseau', leadId: null });
  });

  it('a second service with the same slug is refused: duplicate_service', async () => {
    await createService(w.deps, admin, { name: 'Support' });
    const err = await expectError(createService(w.deps, admin, { name: 'SUPPORT' }), 'duplicate_service', { service: 'support' });
    expect(err.kind).toBe('conflict');
    await expectError(createService(w.deps, admin, { name: '***' }), 'validation_failed');
    expect(await listServices(w.deps)).toHaveLength(1);
  });

  it.each(['employee', 'technician', 'manager'] as const)('a %s may not create services, members or roles: forbidden', async (role) => {
    const who = await w.who(role);
    const s = await w.service('support');
    await expectError(createService(w.deps, who.actor, { name: 'Pirates' }), 'forbidden');
    await expectError(updateService(w.deps, who.actor, 'support', { name: 'X' }), 'forbidden');
    await expectError(setServiceMember(w.deps, who.actor, s.id, { person: who.person.id }, true), 'forbidden');
    await expectError(setRole(w.deps, who.actor, { person: who.person.id, role: 'admin' }), 'forbidden');
    expect(await listServices(w.deps)).toEqual([expect.objectContaining({ slug: 'support', name: 'support', memberIds: [] })]);
    expect((await getPerson(w.deps, who.actor, who.person.id)).role).toBe(role);
  });

  it('members: a technician joins and leaves; an employee is refused with not_a_technician', async () => {
    const s = await w.service('support');
    const tom = await w.technician([], 'Tom');
    const eve = await w.employee('Eve');
    expect((await setServiceMember(w.deps, admin, 'support', { person: tom.person.email! }, true)).memberIds).toEqual([tom.person.id]);
    expect((await setServiceMember(w.deps, admin, s.id, { person: tom.person.id }, true)).memberIds).toEqual([tom.person.id]);
    await expectError(setServiceMember(w.deps, admin, s.id, { person: eve.person.id }, true), 'not_a_technician', { who: 'Eve' });
    expect((await setServiceMember(w.deps, admin, s.id, { person: tom.person.id }, false)).memberIds).toEqual([]);
    await expectError(setServiceMember(w.deps, admin, 'inconnu', { person: tom.person.id }, true), 'service_not_found');
  });

  it('setRole technician <service> gives the role and creates the service on the fly', async () => {
    const paul = await w.employee('Paul', { email: 'paul@example.test' });
    const updated = await setRole(w.deps, admin, { person: 'paul@example.test', role: 'technician', service: 'Réseau & Télécom' });
    expect(updated).toMatchObject({ id: paul.person.id, role: 'technician' });
    const [svc] = await listServices(w.deps);
    expect(svc).toMatchObject({ slug: 'reseau-telecom', name: 'Réseau & Télécom', memberIds: [paul.person.id] });
    expect((await w.actorFor(updated)).serviceIds).toEqual([svc.id]);

    // Again, and into an existing service by another spelling: no duplicate service or membership.
    await setRole(w.deps, admin, { person: paul.person.id, role: 'technician', service: 'reseau telecom' });
    expect((await listServices(w.deps)).map((s) => [s.slug, s.memberIds])).toEqual([['reseau-telecom', [paul.person.id]]]);

    expect((await setRole(w.deps, admin, { person: paul.person.id, role: 'manager' })).role).toBe('manager');
    expect((await setRole(w.deps, admin, { person: paul.person.id, role: 'employee', service: 'Autre' })).role).toBe('employee');
    expect(await listServices(w.deps)).toHaveLength(1);
    await expectError(setRole(w.deps, admin, { person: 'nobody@example.test', role: 'admin' }), 'person_not_found');
    await expectError(setRole(w.deps, admin, { person: paul.person.id, role: 'boss' as never }), 'validation_failed');
  });

  it('setRole with a service name that has no letter or digit is refused like createService, and creates nothing', async () => {
    const paul = await w.employee('Paul');
    await expectError(setRole(w.deps, admin, { person: paul.person.id, role: 'technician', service: '***' }), 'validation_failed');
    expect(await listServices(w.deps)).toEqual([]);
    expect((await getPerson(w.deps, admin, paul.person.id)).role).toBe('employee');
  });
});

describe.each(TEST_DATABASES)('R13 categories (%s)', (dbName) => {
  const world = useWorld(dbName);
  let admin: Actor;
  let w: World;

  beforeEach(async () => {
    w = world();
    admin = (await w.admin('Alice Admin')).actor;
  });

  it('the five seeded categories are there, in both languages', async () => {
    const cats = await listCategories(w.deps);
    expect(cats.map((c) => [c.slug, c.nameFr, c.nameEn, c.defaultServiceId])).toEqual([
      ['hardware', 'Matériel', 'Hardware', null],
      ['software', 'Logiciel', 'Software', null],
      ['network', 'Réseau', 'Network', null],
      ['access', 'Accès et comptes', 'Access and accounts', null],
      ['other', 'Autre', 'Other', null],
    ]);
  });

  it('an admin adds a category routed to a service; new tickets of that category go there', async () => {
    const s = await w.service('support');
    const c = await saveCategory(w.deps, admin, { slug: 'printers', nameFr: 'Imprimantes', nameEn: 'Printers', defaultService: 'support' });
    expect(c).toMatchObject({ slug: 'printers', nameFr: 'Imprimantes', nameEn: 'Printers', defaultServiceId: s.id });
    const emp = await w.employee();
    const { ticket } = await createTicket(w.deps, emp.actor, { title: 'Bourrage', category: 'printers' });
    expect(ticket).toMatchObject({ categoryId: c.id, serviceId: s.id });
  });

  it('an admin reroutes a seeded category and renames it, keeping what is not given', async () => {
    const s = await w.service('support');
    const c = await saveCategory(w.deps, admin, { defaultService: s.id, nameEn: 'Hardware & devices' }, 'hardware');
    expect(c).toMatchObject({ slug: 'hardware', nameFr: 'Matériel', nameEn: 'Hardware & devices', defaultServiceId: s.id });
    expect(await saveCategory(w.deps, admin, { defaultService: null }, c.id)).toMatchObject({ defaultServiceId: null, nameEn: 'Hardware & devices' });
    await expectError(saveCategory(w.deps, admin, { nameFr: 'X' }, 'plomberie'), 'category_not_found');
  });

  it('duplicates are refused: duplicate_category, nothing written', async () => {
    const err = await expectError(saveCategory(w.deps, admin, { slug: 'hardware', nameFr: 'Matériel 2', nameEn: 'Hardware 2' }), 'duplicate_category', { category: 'hardware' });
    expect(err.kind).toBe('conflict');
    await expectError(saveCategory(w.deps, admin, { slug: 'network' }, 'hardware'), 'duplicate_category', { category: 'network' });
    expect((await listCategories(w.deps)).map((c) => c.slug)).toEqual(['hardware', 'software', 'network', 'access', 'other']);
  });

  it('non-admins may not change categories; bad input is a validation error', async () => {
    const tech = await w.technician([], 'Tom');
    await expectError(saveCategory(w.deps, tech.actor, { slug: 'x', nameFr: 'X', nameEn: 'X' }), 'forbidden');
    const err = await expectError(saveCategory(w.deps, admin, { slug: 'Pas Un Slug', nameFr: 'X', nameEn: 'X' }), 'validation_failed');
    expect(err.details?.map((d) => d.path)).toEqual(['slug']);
    await expectError(saveCategory(w.deps, admin, { slug: 'x', nameFr: 'X', nameEn: 'X', defaultService: 'inconnu' }), 'service_not_found');
    expect(await listCategories(w.deps)).toHaveLength(5);
  });
});
