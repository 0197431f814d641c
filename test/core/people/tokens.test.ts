import { TEST_DATABASES } from '../../support/db';
import { expectError, useWorld, World } from '../../support/fixtures';
import { createToken } from '../../../core/people/create-token.service';
import { authenticateToken } from '../../../core/people/actor-for-person';
import { listTickets } from '../../../core/tickets/list-tickets.service';
import type { Actor } from '../../../core/shared/actor';

describe.each(TEST_DATABASES)('R9 API tokens (%s)', (dbName) => {
  const world = useWorld(dbName);
  let admin: Actor;
  let w: World;

  beforeEach(async () => {
    w = world();
    admin = (await w.admin('Alice Admin')).actor;
  });

  it.each(['employee', 'technician'] as const)('a %s token must name its person (--user)', async (role) => {
    const err = await expectError(createToken(w.deps, admin, { name: 'bot', role }), 'validation_failed');
    expect(err.details).toEqual([{ path: 'user', message: `a ${role} token needs --user` }]);
    expect(await w.db.uow.read.tokens.list()).toEqual([]);
  });

  it('a token for a person acts as that person, with the token role, through the channel given', async () => {
    const support = await w.service('support');
    const tom = await w.technician([support], 'Tom', { email: 'tom@example.test' });
    const { id, token } = await createToken(w.deps, admin, { name: 'Tom script', role: 'technician', user: 'tom@example.test' });
    expect(token).toMatch(/^hd_[A-Za-z0-9_-]{32}$/);
    const actor = await authenticateToken(w.deps, token, 'api');
    // The person loaded at sign-in rides along (a create reuses it instead of reading it again).
    const { person, ...who } = actor!;
    expect(who).toEqual({ personId: tom.person.id, tokenId: id, role: 'technician', serviceIds: [support.id], channel: 'api', name: 'Tom', locale: 'fr' });
    expect(person?.id).toBe(tom.person.id);
    // Only the hash is kept.
    const stored = await w.db.uow.read.tokens.list();
    expect(stored.map((t) => [t.id, t.name, t.role, t.personId, t.revokedAt])).toEqual([[id, 'Tom script', 'technician', tom.person.id, null]]);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('a manager token may stand alone, acting with its own name and role', async () => {
    const { id, token } = await createToken(w.deps, admin, { name: 'Grafana', role: 'manager' });
    const actor = await authenticateToken(w.deps, token, 'api');
    expect(actor).toMatchObject({ personId: null, tokenId: id, role: 'manager', name: 'Grafana', serviceIds: [] });
    expect((await listTickets(w.deps, actor, {})).items).toEqual([]);
  });

  it('only admins create tokens; unknown people and bad tokens are refused', async () => {
    const boss = await w.manager('Marie');
    await expectError(createToken(w.deps, boss.actor, { name: 'x', role: 'admin' }), 'forbidden');
    await expectError(createToken(w.deps, admin, { name: 'x', role: 'employee', user: 'nobody@example.test' }), 'person_not_found');
    expect(await w.db.uow.read.tokens.list()).toEqual([]);
    await expectError(authenticateToken(w.deps, undefined, 'api'), 'unauthenticated');
    await expectError(authenticateToken(w.deps, 'hd_' + 'x'.repeat(32), 'api'), 'unauthenticated');
  });

  it('a revoked token, or one whose person is deactivated, no longer authenticates', async () => {
    const eve = await w.employee('Eve');
    const a = await createToken(w.deps, admin, { name: 'a', role: 'employee', user: eve.person.id });
    const b = await createToken(w.deps, admin, { name: 'b', role: 'employee', user: eve.person.id });
    await w.db.uow.transaction((s) => s.tokens.revoke(a.id, w.clock.now()));
    await expectError(authenticateToken(w.deps, a.token, 'api'), 'unauthenticated');
    expect((await authenticateToken(w.deps, b.token, 'api')).personId).toBe(eve.person.id);
    await w.db.uow.transaction((s) => s.people.update(eve.person.id, { active: false }));
    await expectError(authenticateToken(w.deps, b.token, 'api'), 'unauthenticated');
  });
});
