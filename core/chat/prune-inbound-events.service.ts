import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';

/**
 * Platforms retry within minutes (Slack for about an hour at most, Teams within seconds), so an event
 * id older than that can never come back: forgetting it keeps inbound_events from growing forever.
 * The scheduler calls this (say daily with `olderThan` = now - 7 days); returns how many were removed.
 */
export async function pruneInboundEvents(deps: CoreDeps, olderThan: Date): Promise<number> {
  if (!(olderThan instanceof Date) || Number.isNaN(olderThan.getTime())) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'olderThan', message: 'must be a valid date' }]);
  }
  // A cut-off in the future would forget events still being retried: never later than an hour ago.
  const latest = deps.clock.now().getTime() - 60 * 60 * 1000;
  return deps.uow.read.chat.pruneInboundEvents(new Date(Math.min(olderThan.getTime(), latest)));
}
