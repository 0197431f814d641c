import { TEST_DATABASES } from '../../support/db';
import { expectError, makeDeps, useWorld, World } from '../../support/fixtures';
import { createPerson, getPerson, listPeople, updatePerson } from '../../../core/people/manage-people.service';
import { actorForPerson } from '../../../core/people/actor-for-person';
import type { Actor } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R9 people directory (%s)', (dbName) => {
  const world = useWorld(dbName);
  let admin: Actor;
  let w: World;

  beforeEach(async () => {
    w = world();
    admin = (await w.admin('Alice Admin')).actor;
  });

  it('an admin creates a person; the directory then finds them by e-mail, phone or Slack id', async () => {
    const support = await w.service('support');
    const p = await createPerson(w.deps, admin, {
      displayName: '  Paul Durand ',
      email: 'Paul.Durand@Example.test',
      phone: '06 12 34 56 78',
      role: 'technician',
      locale: 'en',
      slackUserId: 'U0123ABCD',
      services: ['support'],
    });
    expect(p).toMatchObject({ displayName: 'Paul Durand', email: 'paul.durand@example.test', phone: '+33612345678', role: 'technician', locale: 'en', active: true });
    for (const ref of ['paul.durand@example.test', '+33 6 12 34 56 78', '<@U0123ABCD|paul>', p.id]) {
      expect((await getPerson(w.deps, admin, ref)).id).toBe(p.id);
    }
    expect((await getPerson(w.deps, admin, p.id)).serviceIds).toEqual([support.id]);
    // The new technician acts in English, in their service.
    const actor = await actorForPerson(w.deps, w.db.uow.read, p, 'slack');
    expect(actor).toMatchObject({ personId: p.id, role: 'technician', serviceIds: [support.id], locale: 'en', name: 'Paul Durand' });
  });

  it('a person created without a role is an employee', async () => {
    const p = await createPerson(w.deps, admin, { displayName: 'Eve', email: 'eve@example.test' });
    expect(p.role).toBe('employee');
  });

  it.each(['employee', 'technician', 'manager'] as const)('a %s may not create or update people: forbidden, nothing written', async (role) => {
    const who = await w.who(role);
    const count = (await w.allPeople()).length;
    await expectError(createPerson(w.deps, who.actor, { displayName: 'Intrus', email: 'intrus@example.test' }), 'forbidden');
    await expectError(updatePerson(w.deps, who.actor, who.person.id, { role: 'admin' }), 'forbidden');
    expect(await w.allPeople()).toHaveLength(count);
    expect((await getPerson(w.deps, who.actor, who.person.id)).role).toBe(role);
  });

  it('a second person with the same e-mail is refused: duplicate_person names the e-mail', async () => {
    await createPerson(w.deps, admin, { displayName: 'Paul', email: 'paul@example.test' });
    const err = await expectError(createPerson(w.deps, admin, { displayName: 'Paul bis', email: 'PAUL@example.test' }), 'duplicate_person', {
      field: 'email',
      value: 'paul@example.test',
    });
    expect(err.kind).toBe('conflict');
    expect((await w.allPeople()).filter((p) => p.email === 'paul@example.test').map((p) => p.displayName)).toEqual(['Paul']);
  });

  it('duplicate_person names the field that clashed, not merely the first one given', async () => {
    await createPerson(w.deps, admin, { displayName: 'Paul', email: 'paul@example.test', phone: '0612345678' });
    await expectError(createPerson(w.deps, admin, { displayName: 'Pierre', email: 'pierre@example.test', phone: '06 12 34 56 78' }), 'duplicate_person', { field: 'phone' });
  });

  it('updating to an e-mail someone else has is refused: duplicate_person', async () => {
    await createPerson(w.deps, admin, { displayName: 'Paul', email: 'paul@example.test' });
    const eve = await createPerson(w.deps, admin, { displayName: 'Eve', email: 'eve@example.test' });
    await expectError(updatePerson(w.deps, admin, eve.id, { email: 'paul@example.test' }), 'duplicate_person', { field: 'email' });
    expect((await getPerson(w.deps, admin, eve.id)).email).toBe('eve@example.test');
  });

  it('an update changes only the fields given', async () => {
    const p = await createPerson(w.deps, admin, { displayName: 'Paul', email: 'paul@example.test', phone: '0612345678', department: 'Compta' });
    const updated = await updatePerson(w.deps, admin, 'paul@example.test', { displayName: 'Paul Durand', active: false });
    expect(updated).toMatchObject({ id: p.id, displayName: 'Paul Durand', email: 'paul@example.test', phone: '+33612345678', department: 'Compta', active: false });
    expect(await updatePerson(w.deps, admin, p.id, { phone: null, department: null })).toMatchObject({ phone: null, department: null, displayName: 'Paul Durand' });
    await expectError(updatePerson(w.deps, admin, p.id, {}), 'validation_failed');
    await expectError(updatePerson(w.deps, admin, 'nobody@example.test', { displayName: 'X' }), 'person_not_found', { who: 'nobody@example.test' });
  });

  it('validation: bad e-mail, phone and unknown fields are refused with details', async () => {
    const err = await expectError(createPerson(w.deps, admin, { displayName: 'X', email: 'pas-un-mail', phone: 'abc' }), 'validation_failed');
    expect(err.details?.map((d) => d.path).sort()).toEqual(['email', 'phone']);
    const err2 = await expectError(createPerson(w.deps, admin, { displayName: 'X', password: 'x' } as never), 'validation_failed');
    expect(err2.details?.[0].message).toContain('password');
  });

  it('employees are not service members: creating one inside a service is refused like adding one later', async () => {
    await w.service('support');
    await expectError(createPerson(w.deps, admin, { displayName: 'Eve', email: 'eve@example.test', role: 'employee', services: ['support'] }), 'not_a_technician');
    expect((await w.allPeople()).some((p) => p.email === 'eve@example.test')).toBe(false);
  });

  it('R16 reading the directory is staff work; an employee reads only themselves', async () => {
    const emp = await w.employee('Emma');
    const other = await w.employee('Oscar');
    const tech = await w.technician([], 'Tom');
    expect((await getPerson(w.deps, emp.actor, emp.person.id)).displayName).toBe('Emma');
    await expectError(getPerson(w.deps, emp.actor, other.person.id), 'forbidden');
    await expectError(listPeople(w.deps, emp.actor, {}), 'forbidden');
    expect((await getPerson(w.deps, tech.actor, other.person.id)).displayName).toBe('Oscar');
    const techs = await listPeople(w.deps, tech.actor, { role: 'technician' });
    expect(techs.map((p) => p.displayName)).toEqual(['Tom']);
  });

  it('HELPDESK_ADMINS makes a person admin whatever the directory says', async () => {
    const boss = await w.employee('Boss', { email: 'boss@example.test' });
    const deps = { ...makeDeps(w.db.uow, w.clock), admins: ['BOSS@example.test'] };
    const actor = await actorForPerson(deps, w.db.uow.read, boss.person, 'teams');
    expect(actor.role).toBe('admin');
    expect((await createPerson(deps, actor, { displayName: 'Nouveau', email: 'new@example.test' })).displayName).toBe('Nouveau');
  });
});
