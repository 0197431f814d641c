import type { Ctx } from '../tickets/ticket-change';
import { audit } from '../tickets/ticket-change';
import { normalizePhone } from '../people/person.lookup';
import type { Person, PersonPatch } from '../people/person.entity';
import type { DirectoryEntry, DirectoryUser } from './directory.port';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "fr-FR" -> fr; a language the product does not speak stays unset (the default then applies). */
function localeOf(lang: string | null | undefined): 'fr' | 'en' | null | undefined {
  if (lang === undefined) return undefined;
  const l = (lang ?? '').slice(0, 2).toLowerCase();
  return l === 'fr' || l === 'en' ? l : null;
}

/** The address mail reaches: `mail`, else a UPN that is an address; lower-cased. */
function addressOf(u: DirectoryUser): string | null | undefined {
  if (u.mail === undefined && u.userPrincipalName === undefined) return undefined;
  const a = (u.mail ?? (u.userPrincipalName && !u.userPrincipalName.includes('#EXT#') ? u.userPrincipalName : null))?.trim().toLowerCase();
  return a && EMAIL.test(a) ? a.slice(0, 254) : null;
}

/** The people fields the directory owns, only those it sent. */
function patchFrom(u: DirectoryUser, active: boolean): PersonPatch {
  const p: PersonPatch = { aadObjectId: u.objectId, active };
  if (u.displayName !== undefined) p.displayName = (u.displayName ?? '').trim().slice(0, 200) || addressOf(u) || u.objectId;
  const email = addressOf(u);
  if (email !== undefined) p.email = email;
  if (u.department !== undefined) p.department = u.department?.trim().slice(0, 200) || null;
  if (u.mobilePhone !== undefined) p.phone = u.mobilePhone ? normalizePhone(u.mobilePhone).slice(0, 32) : null;
  const locale = localeOf(u.preferredLanguage);
  if (locale !== undefined) p.locale = locale;
  return p;
}

function changed(person: Person, patch: PersonPatch): PersonPatch {
  const out: PersonPatch = {};
  for (const [k, v] of Object.entries(patch)) {
    if ((person as unknown as Record<string, unknown>)[k] !== v) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

export type UserOutcome = 'created' | 'updated' | 'deactivated' | 'unchanged' | 'skipped';

/**
 * One directory account into people (R6), in the caller's transaction: matched by object id, then by
 * e-mail (a person who wrote to the bot before the first sync), else created as an employee. A
 * disabled or deleted account is deactivated: its tokens and sessions stop, its tickets stay.
 */
export async function applyDirectoryUser(ctx: Ctx, u: DirectoryUser, entry: DirectoryEntry | undefined, managerObjectId: string | null | undefined): Promise<UserOutcome> {
  const { store, now } = ctx;
  const objectId = u.objectId.toLowerCase();
  const active = !u.removed && u.accountEnabled !== false && (u.accountEnabled !== undefined || entry?.enabled !== false);
  let person = entry ? await store.people.get(entry.personId) : await store.people.find({ by: 'aadObjectId', value: objectId });
  const email = addressOf(u);
  if (!person && email) person = await store.people.find({ by: 'email', value: email });
  // A deleted account nobody knew here leaves nothing behind.
  if (!person && u.removed) return 'skipped';
  const patch = patchFrom({ ...u, objectId }, active);
  let outcome: UserOutcome;
  if (!person) {
    const id = await store.people.insert({
      displayName: patch.displayName ?? email ?? objectId,
      email: email ?? null,
      phone: patch.phone ?? null,
      locale: patch.locale ?? null,
      role: 'employee',
      aadObjectId: objectId,
      slackUserId: null,
      department: patch.department ?? null,
      active,
    });
    person = (await store.people.get(id))!;
    await audit(ctx, null, 'person_created', null, { ...patch, source: 'directory' }, 'person', id);
    outcome = 'created';
  } else {
    const diff = changed(person, patch);
    if (Object.keys(diff).length) {
      await store.people.update(person.id, diff);
      const before = Object.fromEntries(Object.keys(diff).map((k) => [k, (person as unknown as Record<string, unknown>)[k]]));
      await audit(ctx, null, diff.active === false ? 'person_deactivated' : 'person_updated', before, { ...diff, source: 'directory' }, 'person', person.id);
      outcome = diff.active === false ? 'deactivated' : 'updated';
    } else outcome = 'unchanged';
  }
  const next: DirectoryEntry = {
    objectId,
    personId: person.id,
    upn: u.userPrincipalName !== undefined ? (u.userPrincipalName?.slice(0, 254) ?? null) : (entry?.upn ?? null),
    jobTitle: u.jobTitle !== undefined ? (u.jobTitle?.slice(0, 200) ?? null) : (entry?.jobTitle ?? null),
    mobile: u.mobilePhone !== undefined ? (u.mobilePhone?.slice(0, 64) ?? null) : (entry?.mobile ?? null),
    managerObjectId: managerObjectId !== undefined ? managerObjectId?.toLowerCase() ?? null : (entry?.managerObjectId ?? null),
    enabled: active,
  };
  const same = entry && (Object.keys(next) as Array<keyof DirectoryEntry>).every((k) => entry[k] === next[k]);
  if (!same) {
    await store.directory.save(next, now);
    if (outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}
