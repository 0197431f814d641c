import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import { t } from '../i18n/translate';
import { audit } from '../tickets/ticket-change';
import { findPerson } from './person.lookup';
import type { Person } from './person.entity';
import type { PersonalRows } from './privacy.port';

/** The right of access (R9, GDPR art. 15): everything stored about a person, as data. */
export interface PersonalDataExport {
  exportedAt: string;
  personId: number;
  data: Record<string, PersonalRows>;
}

const formerOf = (p: Person) => ({ name: p.displayName, email: p.email, phone: p.phone, slackUserId: p.slackUserId, aadObjectId: p.aadObjectId });

/** An admin, or the person about themselves. */
async function subject(store: Store, actor: Actor, who: string | number): Promise<Person> {
  const person = await findPerson(store, who);
  if (actor.role !== 'admin' && actor.personId !== person.id) throw new HelpdeskError('forbidden');
  return person;
}

export async function exportPersonalData(deps: CoreDeps, actor: Actor, who: string | number): Promise<PersonalDataExport> {
  return deps.uow.transaction(async (store) => {
    const person = await subject(store, actor, who);
    const now = deps.clock.now();
    const data = await store.privacy.collect(person.id, formerOf(person));
    // Who looked at whose data is itself worth keeping (least privilege, R9).
    await audit({ store, actor, now }, null, 'personal_data_exported', null, { sections: Object.keys(data) }, 'person', person.id);
    return { exportedAt: now.toISOString(), personId: person.id, data };
  });
}

/**
 * The right to erasure (R9, GDPR art. 17), for admins: the person becomes "Erased person #id"
 * everywhere their name was written, loses every contact and platform id, sessions and tokens,
 * and nothing queued reaches them any more. Tickets stay (the company's records), with their
 * requester anonymised; so does the audit trail, which records the erasure itself.
 */
export async function erasePerson(deps: CoreDeps, actor: Actor, who: string | number): Promise<{ personId: number; name: string; changed: Record<string, number> }> {
  if (actor.role !== 'admin') throw new HelpdeskError('forbidden');
  return deps.uow.transaction(async (store) => {
    const person = await findPerson(store, who);
    const now = deps.clock.now();
    const name = t(deps.defaultLocale, 'people.erased_name', { id: person.id });
    const changed = await store.privacy.erase({ personId: person.id, replacementName: name, former: formerOf(person), at: now });
    await audit({ store, actor, now }, null, 'person_erased', null, { name }, 'person', person.id);
    return { personId: person.id, name, changed };
  });
}
