import type { Settings } from '../adapters/config/settings';
import type { CoreDeps } from '../core/shared/deps';
import type { Actor } from '../core/shared/actor';
import { graphDirectory } from '../adapters/graph/directory-job';
import { syncDirectory } from '../core/directory/sync-directory.service';
import { listGroupMaps, mapGroup, unmapGroup } from '../core/directory/group-maps.service';

export const DIRECTORY_USAGE = `  directory sync                          read people, managers and mapped groups from Entra ID (GRAPH_* settings)
  directory map GROUP technician SERVICE | manager | admin
                                          members of a directory group get that role at each sync
  directory groups                        list the mapped groups
  directory unmap ID                      remove a mapping`;

export async function directoryCommand(settings: Settings, deps: CoreDeps, actor: Actor, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'sync') {
    const directory = graphDirectory(settings);
    if (!directory) {
      err('Directory sync needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET.\n');
      return 1;
    }
    const s = await syncDirectory(deps, actor, directory);
    out(`created ${s.created}, updated ${s.updated}, deactivated ${s.deactivated}, unchanged ${s.unchanged}; group memberships +${s.membershipsAdded} -${s.membershipsRemoved}\n`);
    if (s.missingGroups.length) err(`groups not found in the directory: ${s.missingGroups.join(', ')}\n`);
    return 0;
  }
  if (sub === 'map' && rest.length >= 2) {
    const [group, role, service] = rest;
    const m = await mapGroup(deps, actor, { group, role: role as never, ...(service ? { service } : {}) });
    out(`${m.id}\t${m.groupRef}\t${m.role}${m.service ? `\t${m.service}` : ''}\n`);
    return 0;
  }
  if (sub === 'groups') {
    for (const m of await listGroupMaps(deps, actor)) out(`${m.id}\t${m.groupRef}\t${m.role}${m.service ? `\t${m.service}` : ''}\n`);
    return 0;
  }
  if (sub === 'unmap' && /^\d+$/.test(rest[0] ?? '')) {
    await unmapGroup(deps, actor, Number(rest[0]));
    out(`mapping ${rest[0]} removed\n`);
    return 0;
  }
  err(`${DIRECTORY_USAGE}\n`);
  return 2;
}
