import type { Settings } from '../config/settings';
import type { CoreDeps } from '../../core/shared/deps';
import type { ScheduledJob } from '../../core/shared/scheduler.port';
import { systemActor } from '../../core/shared/actor';
import { syncDirectory } from '../../core/directory/sync-directory.service';
import { GraphDirectory } from './graph-directory';
import { GraphSession, GRAPH_DEFAULT_URL } from './graph-session';

/** The directory over Graph, or null when the GRAPH_* settings are empty. */
export function graphDirectory(settings: Settings): GraphDirectory | null {
  if (!settings.GRAPH_TENANT_ID || !settings.GRAPH_CLIENT_ID || !settings.GRAPH_CLIENT_SECRET) return null;
  return new GraphDirectory(new GraphSession({ tenantId: settings.GRAPH_TENANT_ID, clientId: settings.GRAPH_CLIENT_ID, clientSecret: settings.GRAPH_CLIENT_SECRET, apiUrl: settings.GRAPH_API_URL ?? GRAPH_DEFAULT_URL }));
}

/** Every 30 minutes, under the job runner's lease: one instance syncs at a time. */
export function directoryJobs(settings: Settings, deps: CoreDeps): ScheduledJob[] {
  const directory = graphDirectory(settings);
  if (!directory) return [];
  return [{ name: 'directory.sync', cron: '*/30 * * * *', run: async () => void (await syncDirectory(deps, systemActor(deps.defaultLocale), directory)) }];
}
