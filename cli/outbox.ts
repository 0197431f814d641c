import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { listOutbox, retryOutbox } from '../core/notifications/outbox-admin.service';

export const OUTBOX_USAGE = `  outbox list [--state failed|pending|sent|held|skipped] [--ticket N] [--limit N]
                                          notifications in the outbox (counts per state, then one line each)
  outbox retry [ID ...]                   put parked (failed) notifications back in the queue: all, or the ids given`;

/** `npx helpdesk outbox ...`: the admin view of issue 5's outbox, as GET /outbox and POST /outbox/retry. */
export async function outboxCommand(deps: CoreDeps, operator: Actor, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { state: { type: 'string' }, ticket: { type: 'string' }, limit: { type: 'string' } },
  });
  const [sub, ...ids] = positionals;
  if (sub === 'list') {
    const page = await listOutbox(deps, operator, { state: values.state as never, ticket: values.ticket, limit: values.limit ?? '50' });
    out(`${Object.entries(page.counts).map(([k, v]) => `${k}: ${v}`).join(', ') || 'empty'}\n`);
    for (const e of page.entries) {
      out(`${e.id}\t${e.state}\t${e.channel}\t${e.address}\t${e.event}\t${e.ticketId ?? '-'}\ttries=${e.attempts}${e.lastError ? `\t${e.lastError}` : ''}\n`);
    }
    return 0;
  }
  if (sub === 'retry') {
    const numbers = ids.map(Number);
    if (numbers.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
      err('outbox retry takes outbox ids (whole numbers), or none for every failed notification\n');
      return 2;
    }
    const { requeued } = await retryOutbox(deps, operator, numbers.length ? { ids: numbers } : {});
    out(`requeued: ${requeued}\n`);
    return 0;
  }
  err(`Usage:\n${OUTBOX_USAGE}\n`);
  return 2;
}
