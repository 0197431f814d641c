import { createHash } from 'node:crypto';
import type { Actor, Channel, Role } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import { pickLocale } from '../i18n/translate';
import type { Person } from './person.entity';

/** HELPDESK_ADMINS may name a person by e-mail or by a platform id. */
export function isConfiguredAdmin(admins: string[], p: Person): boolean {
  const ids = [p.email, p.slackUserId, p.aadObjectId].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  return admins.some((a) => ids.includes(a.toLowerCase()));
}

export async function actorForPerson(
  deps: CoreDeps,
  store: Store,
  person: Person,
  channel: Channel,
  opts: { role?: Role; tokenId?: number; serviceIds?: number[] } = {},
): Promise<Actor> {
  const role: Role = isConfiguredAdmin(deps.admins, person) ? 'admin' : (opts.role ?? person.role);
  return {
    personId: person.id,
    tokenId: opts.tokenId ?? null,
    role,
    serviceIds: opts.serviceIds ?? (await store.people.serviceIdsOf(person.id)),
    channel,
    name: person.displayName,
    locale: pickLocale(person.locale, deps.defaultLocale),
    person,
  };
}

export const hashToken = (raw: string) => createHash('sha256').update(raw, 'utf8').digest('hex');

/** Bearer tokens act with their own role, as their person when they have one. */
export async function authenticateToken(deps: CoreDeps, raw: string | undefined, channel: Channel): Promise<Actor> {
  if (!raw || raw.length < 16 || raw.length > 200) throw new HelpdeskError('unauthenticated');
  const store = deps.uow.read;
  const found = await store.tokens.authenticate(hashToken(raw));
  if (!found || found.token.revokedAt) throw new HelpdeskError('unauthenticated');
  const { token, person, serviceIds } = found;
  if (token.personId === null) {
    return {
      personId: null,
      tokenId: token.id,
      role: token.role,
      serviceIds: [],
      channel,
      name: token.name,
      locale: pickLocale(null, deps.defaultLocale),
    };
  }
  if (!person || !person.active) throw new HelpdeskError('unauthenticated');
  return actorForPerson(deps, store, person, channel, { role: token.role, tokenId: token.id, serviceIds });
}
