import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { requireAdmin } from '../people/require-role';
import { audit } from '../tickets/ticket-change';
import type { OutboxEntry, OutboxState } from './outbox.port';
import type { AttemptRecord } from './outbox-queue.port';
import { outboxQuerySchema, OutboxQueryInput, retrySchema } from './notification.schemas';

/** Admins see the outbox (parked messages first of all) and put failed ones back in the queue. */
export async function listOutbox(deps: CoreDeps, actor: Actor, raw: OutboxQueryInput): Promise<{ entries: OutboxEntry[]; counts: Partial<Record<OutboxState, number>>; nextAfter: number | null }> {
  requireAdmin(actor);
  const q = parse(outboxQuerySchema, raw);
  const limit = q.limit ?? 50;
  const entries = await deps.uow.read.notifications.list({ state: q.state, ticketId: q.ticket, limit, afterId: q.after });
  const counts = await deps.uow.read.notifications.countByState();
  return { entries, counts, nextAfter: entries.length === limit ? entries[entries.length - 1].id : null };
}

export async function getOutboxEntry(deps: CoreDeps, actor: Actor, id: number): Promise<OutboxEntry & { attemptLog: Array<AttemptRecord & { at: Date }> }> {
  requireAdmin(actor);
  const entry = Number.isSafeInteger(id) && id > 0 ? await deps.uow.read.notifications.get(id) : null;
  if (!entry) throw new HelpdeskError('not_found');
  return { ...entry, attemptLog: await deps.uow.read.notifications.attempts(id) };
}

/** `npx helpdesk outbox retry` and POST /outbox/retry: failed rows (all, or the ids given) back to pending. */
export async function retryOutbox(deps: CoreDeps, actor: Actor, raw: unknown): Promise<{ requeued: number }> {
  requireAdmin(actor);
  const input = parse(retrySchema, raw ?? {});
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const requeued = await store.notifications.requeue(input.ids ?? [], now);
    await audit({ store, actor, now }, null, 'outbox_retried', null, { ids: input.ids ?? 'all failed', requeued }, 'settings', null);
    return { requeued };
  });
}
