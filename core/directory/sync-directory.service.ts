import type { Actor, Role } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { requireAdmin } from '../people/require-role';
import { audit } from '../tickets/ticket-change';
import { applyDirectoryUser, type UserOutcome } from './apply-directory-user';
import type { DirectoryPort, DirectoryUser, GroupMap } from './directory.port';

export const DELTA_LINK_KEY = 'directory.delta_link';
const BATCH = 100;
const MANAGER_LOOKUPS_AT_ONCE = 8;

export interface SyncSummary {
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  /** Mapped groups the directory does not know (renamed or deleted there). */
  missingGroups: string[];
}

const RANK: Record<Role, number> = { employee: 0, technician: 1, manager: 2, admin: 3 };
const ROLE_OF_RANK: Role[] = ['employee', 'technician', 'manager', 'admin'];
const granted = (maps: GroupMap[]) => maps.reduce((r, m) => Math.max(r, RANK[m.role]), 0);

async function inPool<T, R>(items: T[], size: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  }));
  return out;
}

/**
 * Directory sync (R6): people, managers and mapped groups from Entra ID. Incremental through the
 * stored delta link; users are applied in batches, each one transaction, and a batch that lost a
 * race with another sync (a unique e-mail or object id) runs again and then finds the person, so two
 * syncs at once never make a duplicate. Mapped groups are read whole and only the differences applied.
 */
export async function syncDirectory(deps: CoreDeps, actor: Actor, directory: DirectoryPort): Promise<SyncSummary> {
  requireAdmin(actor);
  const summary: SyncSummary = { created: 0, updated: 0, deactivated: 0, unchanged: 0, membershipsAdded: 0, membershipsRemoved: 0, missingGroups: [] };
  const stored = await deps.uow.read.settings.get<string>(DELTA_LINK_KEY);
  const { users, deltaLink } = await directory.usersDelta(stored);
  // The last word of a delta about an account wins (an account may appear on several pages).
  const latest = new Map<string, DirectoryUser>();
  for (const u of users) latest.set(u.objectId.toLowerCase(), { ...(latest.get(u.objectId.toLowerCase()) ?? {}), ...u });
  const changedUsers = [...latest.values()];
  const managers = await inPool(changedUsers, MANAGER_LOOKUPS_AT_ONCE, (u) => (u.removed ? Promise.resolve(null) : directory.managerOf(u.objectId)));
  for (let i = 0; i < changedUsers.length; i += BATCH) {
    const outcomes = await applyBatch(deps, actor, changedUsers.slice(i, i + BATCH), managers.slice(i, i + BATCH));
    for (const o of outcomes) if (o !== 'skipped') summary[o]++;
  }
  await syncGroups(deps, actor, directory, summary);
  await deps.uow.transaction((store) => store.settings.set(DELTA_LINK_KEY, deltaLink, deps.clock.now()));
  return summary;
}

async function applyBatch(deps: CoreDeps, actor: Actor, users: DirectoryUser[], managers: Array<string | null>): Promise<UserOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.uow.transaction(async (store) => {
        const ctx = { store, actor, now: deps.clock.now() };
        const entries = new Map((await store.directory.entries(users.map((u) => u.objectId.toLowerCase()))).map((e) => [e.objectId, e]));
        const out: UserOutcome[] = [];
        for (let i = 0; i < users.length; i++) out.push(await applyDirectoryUser(ctx, users[i], entries.get(users[i].objectId.toLowerCase()), managers[i]));
        return out;
      });
    } catch (e) {
      if (!deps.uow.isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

async function syncGroups(deps: CoreDeps, actor: Actor, directory: DirectoryPort, summary: SyncSummary): Promise<void> {
  const maps = await deps.uow.read.directory.maps();
  const wanted = new Map<number, Set<number>>();
  for (const m of maps) {
    const group = await directory.findGroup(m.groupRef);
    if (!group) {
      summary.missingGroups.push(m.groupRef);
      continue;
    }
    const ids = (await directory.groupMembers(group.id)).map((id) => id.toLowerCase());
    const entries = ids.length ? await deps.uow.read.directory.entries(ids) : [];
    wanted.set(m.id, new Set(entries.filter((e) => e.enabled).map((e) => e.personId)));
  }
  // Per person, the mapped groups before and after: a move between groups is one change, not two.
  const before = new Map<number, GroupMap[]>();
  const after = new Map<number, GroupMap[]>();
  for (const m of maps) {
    const now = wanted.get(m.id);
    if (!now) continue;
    const was = new Set(await deps.uow.read.directory.members(m.id));
    for (const p of new Set([...was, ...now])) {
      if (was.has(p)) before.set(p, [...(before.get(p) ?? []), m]);
      if (now.has(p)) after.set(p, [...(after.get(p) ?? []), m]);
    }
  }
  const people = [...new Set([...before.keys(), ...after.keys()])];
  for (const personId of people) {
    const was = before.get(personId) ?? [];
    const now = after.get(personId) ?? [];
    const added = now.filter((m) => !was.includes(m));
    const removed = was.filter((m) => !now.includes(m));
    if (!added.length && !removed.length) continue;
    await deps.uow.transaction(async (store) => {
      const ctx = { store, actor, now: deps.clock.now() };
      const person = await store.people.get(personId);
      if (!person) return;
      for (const m of removed) {
        await store.directory.removeMember(m.id, personId);
        if (m.serviceId !== null && !now.some((x) => x.serviceId === m.serviceId)) await store.services.removeMember(m.serviceId, personId);
      }
      for (const m of added) {
        await store.directory.addMember(m.id, personId);
        if (m.serviceId !== null) await store.services.addMember(m.serviceId, personId);
      }
      const current = RANK[person.role];
      const [g0, g1] = [granted(was), granted(now)];
      // Groups raise a role; they lower only a role they gave (an admin set by hand stays admin).
      const next = g1 > current ? g1 : current === g0 && g1 < current ? g1 : current;
      if (next !== current) await store.people.update(personId, { role: ROLE_OF_RANK[next] });
      await audit(ctx, null, 'person_groups_synced', { role: person.role, groups: was.map((m) => m.groupRef) }, { role: ROLE_OF_RANK[next], groups: now.map((m) => m.groupRef) }, 'person', personId);
    });
    summary.membershipsAdded += added.length;
    summary.membershipsRemoved += removed.length;
  }
}
