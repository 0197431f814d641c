import type { CoreDeps } from '../shared/deps';
import type { ScheduledJob } from '../shared/scheduler.port';
import { runSlaSweep } from '../sla/sla-sweep';
import { runAcceptanceSweep } from '../routing/acceptance-sweep';
import { runAutomation } from './run-automation';
import type { WebhookSender } from './webhook.port';

/**
 * Issue 6's scheduled work, every minute: SLA warnings and escalations, the time limit to accept,
 * and the automation rules. The scheduler's lease runs each minute's run once across instances; each
 * job is also safe on its own if two runs ever overlap (unique event and run rows).
 */
export function slaAutomationJobs(deps: CoreDeps, io: { webhooks?: WebhookSender } = {}): ScheduledJob[] {
  return [
    { name: 'sla_sweep', cron: '* * * * *', run: async (now, stop) => void (await runSlaSweep(deps, now, stop)) },
    { name: 'acceptance_sweep', cron: '* * * * *', run: async (now, stop) => void (await runAcceptanceSweep(deps, now, stop)) },
    { name: 'automation', cron: '* * * * *', run: async (now, stop) => void (await runAutomation(deps, now, io, stop)) },
  ];
}
