import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { requireAdmin } from '../people/require-role';
import { audit } from '../tickets/ticket-change';
import { INBOX_SOURCES, INBOX_STATES, type InboxEntry, type InboxSource, type InboxState } from './inbox.port';

const invalid = (path: string, message: string) => new HelpdeskError('validation_failed', {}, [{ path, message }]);

/** Admins see the inbox (parked inputs first of all): counts per source and state, then the rows. */
export async function listInbox(
  deps: CoreDeps,
  actor: Actor,
  q: { state?: string; source?: string; limit?: number; after?: number },
): Promise<{ entries: InboxEntry[]; counts: Array<{ source: string; state: string; count: number }> }> {
  requireAdmin(actor);
  if (q.state !== undefined && !(INBOX_STATES as readonly string[]).includes(q.state)) throw invalid('state', `one of ${INBOX_STATES.join(', ')}`);
  if (q.source !== undefined && !(INBOX_SOURCES as readonly string[]).includes(q.source)) throw invalid('source', `one of ${INBOX_SOURCES.join(', ')}`);
  const limit = q.limit ?? 50;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit', 'a whole number from 1 to 1000');
  const entries = await deps.uow.read.inbox.list({ state: q.state as InboxState | undefined, source: q.source as InboxSource | undefined, limit, afterId: q.after });
  return { entries, counts: await deps.uow.read.inbox.countByState() };
}

/** `npx helpdesk inbox retry [ID ...]`: parked inputs (all, or the ids given) back to the workers. */
export async function retryInbox(deps: CoreDeps, actor: Actor, ids: number[]): Promise<{ requeued: number }> {
  requireAdmin(actor);
  if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw invalid('ids', 'inbox ids are whole numbers');
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const requeued = await store.inbox.requeue(ids, now);
    await audit({ store, actor, now }, null, 'inbox_retried', null, { ids: ids.length ? ids : 'all failed', requeued }, 'settings', null);
    return { requeued };
  });
}

/** Retention: inputs done more than `days` ago can never be redelivered; parked ones stay until retried. */
export async function purgeInbox(deps: CoreDeps, now: Date, days: number): Promise<number> {
  return deps.uow.read.inbox.purge(new Date(now.getTime() - days * 86_400_000));
}
