import type { CoreDeps } from '../shared/deps';
import type { ScheduledJob } from '../shared/scheduler.port';
import { pruneInboundEvents } from './prune-inbound-events.service';
import { purgeInbox } from './inbox-admin.service';

/** Platforms retry within minutes (Slack 3 times over ~5 min, Teams after 15 s): a week of ids is plenty. */
export const INBOUND_EVENTS_KEPT_DAYS = 7;

export function chatJobs(deps: CoreDeps): ScheduledJob[] {
  return [{
    name: 'chat.prune_inbound_events',
    cron: '30 3 * * *',
    run: async (now) => void (await pruneInboundEvents(deps, new Date(now.getTime() - INBOUND_EVENTS_KEPT_DAYS * 86_400_000))),
  }, {
    name: 'chat.purge_inbox',
    cron: '40 3 * * *',
    run: async (now) => void (await purgeInbox(deps, now, INBOUND_EVENTS_KEPT_DAYS)),
  }];
}
