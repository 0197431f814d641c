import { systemActor, type Actor, type Channel } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { audit } from '../tickets/ticket-change';
import { isConfiguredAdmin } from './actor-for-person';
import { createPerson, updatePerson } from './manage-people.service';
import type { Person } from './person.entity';
import { requireAdmin } from './require-role';

/**
 * `npx helpdesk admin create --email --name`: the first admin of a real install (no demo data), or
 * an existing person made admin. Running it twice changes nothing the second time.
 */
export async function createAdmin(deps: CoreDeps, actor: Actor, input: { email: string; name: string }): Promise<{ person: Person; created: boolean }> {
  requireAdmin(actor);
  const email = input.email.trim().toLowerCase();
  const known = email ? await deps.uow.read.people.find({ by: 'email', value: email }) : null;
  if (!known) return { person: await createPerson(deps, actor, { displayName: input.name, email, role: 'admin' }), created: true };
  if (known.role === 'admin' && known.active) return { person: known, created: false };
  return { person: await updatePerson(deps, actor, known.id, { role: 'admin', active: true }), created: false };
}

/**
 * People named in HELPDESK_ADMINS hold the admin role in the directory from their first sign-in or
 * first chat, so lists, the audit and role changes by others all see them as admins.
 */
export async function promoteConfiguredAdmin(deps: CoreDeps, person: Person, channel: Channel): Promise<Person> {
  if (person.role === 'admin' || !person.active || !isConfiguredAdmin(deps.admins, person)) return person;
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const actor: Actor = { ...systemActor(deps.defaultLocale), channel, name: 'HELPDESK_ADMINS' };
    await store.people.update(person.id, { role: 'admin' });
    await audit({ store, actor, now }, null, 'person_updated', { role: person.role }, { role: 'admin' }, 'person', person.id);
    return (await store.people.get(person.id))!;
  });
}

/** Web sign-in (Entra ID) of an e-mail in HELPDESK_ADMINS that the directory does not know yet: the admin is created. */
export async function configuredAdminAtSignIn(deps: CoreDeps, email: string, name: string | null): Promise<Person | null> {
  const lower = email.trim().toLowerCase();
  if (!deps.admins.some((a) => a.toLowerCase() === lower)) return null;
  const actor: Actor = { ...systemActor(deps.defaultLocale), channel: 'web', name: 'HELPDESK_ADMINS' };
  return (await createAdmin(deps, actor, { email: lower, name: name || lower })).person;
}
