import { systemActor, type Actor } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import type { CoreDeps } from '../shared/deps';
import { actorForPerson } from '../people/actor-for-person';
import { promoteConfiguredAdmin } from '../people/first-admin.service';
import { audit } from '../tickets/ticket-change';
import { isLocale, pickLocale } from '../i18n/translate';
import type { Person } from '../people/person.entity';
import type { ChatPlatform } from './chat.port';

/** What the platform's directory says about a user (Slack `users.info`, Graph for Teams). */
export interface PlatformProfile {
  email: string | null;
  name: string;
  /** e.g. 'fr-FR', 'en-US'. */
  locale: string | null;
}

const FIELD = { slack: 'slackUserId', teams: 'aadObjectId' } as const;

/**
 * One person across channels (R1): a platform user is found by their platform id, else by the
 * e-mail their directory gives (and the id is linked), else created as an employee on first contact.
 * The profile is fetched only when the id is not known yet.
 */
export async function personFromPlatform(
  deps: CoreDeps,
  platform: ChatPlatform,
  userId: string,
  profile: () => Promise<PlatformProfile | null>,
): Promise<{ person: Person; actor: Actor; created: boolean }> {
  const field = FIELD[platform];
  const read = deps.uow.read;
  const known = await read.people.find({ by: field, value: userId });
  // A deactivated person (left the company, erased under R9) is not served again through chat.
  if (known && !known.active) throw new HelpdeskError('forbidden');
  if (known) {
    const person = await promoteConfiguredAdmin(deps, known, platform);
    return { person, actor: await actorForPerson(deps, read, person, platform), created: false };
  }
  const p = await profile();
  // Only a language we speak is remembered; 'de-DE' leaves the person on the deployment default.
  const spoken = p?.locale && isLocale(p.locale.slice(0, 2).toLowerCase()) ? pickLocale(p.locale, deps.defaultLocale) : null;
  try {
    const { person, created } = await deps.uow.transaction(async (store) => {
      const now = deps.clock.now();
      // The audit says the platform's directory introduced this person, not any person of ours.
      const system: Actor = { ...systemActor(deps.defaultLocale), channel: platform, name: platform };
      const byEmail = p?.email ? await store.people.find({ by: 'email', value: p.email.toLowerCase() }) : null;
      if (byEmail && !byEmail.active) throw new HelpdeskError('forbidden');
      if (byEmail) {
        // The platform's language fills in a locale nobody chose yet; a chosen one is kept.
        const locale = byEmail.locale ?? spoken;
        await store.people.update(byEmail.id, { [field]: userId, locale });
        await audit({ store, actor: system, now }, null, 'person_updated', { [field]: byEmail[field] }, { [field]: userId }, 'person', byEmail.id);
        return { person: (await store.people.get(byEmail.id))!, created: false };
      }
      const id = await store.people.insert({
        email: p?.email?.toLowerCase() ?? null,
        displayName: (p?.name || userId).slice(0, 200),
        phone: null,
        locale: spoken,
        role: 'employee',
        aadObjectId: platform === 'teams' ? userId : null,
        slackUserId: platform === 'slack' ? userId : null,
        department: null,
        active: true,
      });
      await audit({ store, actor: system, now }, null, 'person_created', null, { id, [field]: userId, email: p?.email ?? null }, 'person', id);
      return { person: (await store.people.get(id))!, created: true };
    });
    const promoted = await promoteConfiguredAdmin(deps, person, platform);
    return { person: promoted, actor: await actorForPerson(deps, read, promoted, platform), created };
  } catch (e) {
    // Two first messages at once: the other delivery created the person; use theirs.
    if (!deps.uow.isUniqueViolation(e)) throw e;
    const winner = await read.people.find({ by: field, value: userId });
    if (!winner) throw e;
    return { person: winner, actor: await actorForPerson(deps, read, winner, platform), created: false };
  }
}

/** A person's actor when a bot needs to act as someone it already knows (a DM reply, a mention). */
export async function actorOfPerson(deps: CoreDeps, person: Person, platform: ChatPlatform): Promise<Actor> {
  return actorForPerson(deps, deps.uow.read, person, platform);
}

/** How to reach a person on a platform, in their language (the requester's DM, a caller's notice). */
export async function chatContact(deps: CoreDeps, personId: number, platform: ChatPlatform): Promise<{ userId: string | null; locale: ReturnType<typeof pickLocale>; name: string } | null> {
  const p = await deps.uow.read.people.get(personId);
  if (!p) return null;
  return { userId: p[FIELD[platform]], locale: pickLocale(p.locale, deps.defaultLocale), name: p.displayName };
}
