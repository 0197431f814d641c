import { parseArgs } from 'node:util';
import type { Actor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import { listInbox, retryInbox } from '../core/chat/inbox-admin.service';

export const INBOX_USAGE = `  inbox list [--state failed|pending|working|done] [--source slack|teams|web|sms] [--limit N]
                                          chat inputs received (counts per source and state, then one line each)
  inbox retry [ID ...]                    put parked (failed) inputs back to the workers: all, or the ids given`;

/** `npx helpdesk inbox ...`: the admin view of the durable inbox, as `outbox` is of the outbox. */
export async function inboxCommand(deps: CoreDeps, operator: Actor, args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { state: { type: 'string' }, source: { type: 'string' }, limit: { type: 'string' } } });
  const [sub, ...ids] = positionals;
  if (sub === 'list') {
    const page = await listInbox(deps, operator, { state: values.state, source: values.source, limit: values.limit === undefined ? undefined : Number(values.limit) });
    out(`${page.counts.map((c) => `${c.source} ${c.state}: ${c.count}`).join(', ') || 'empty'}\n`);
    for (const e of page.entries) {
      out(`${e.id}\t${e.state}\t${e.source}\t${e.key}\t${e.createdAt.toISOString()}\ttries=${e.attempts}${e.lastError ? `\t${e.lastError}` : ''}\n`);
    }
    return 0;
  }
  if (sub === 'retry') {
    const numbers = ids.map(Number);
    if (numbers.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
      err('inbox retry takes inbox ids (whole numbers), or none for every parked input\n');
      return 2;
    }
    const { requeued } = await retryInbox(deps, operator, numbers);
    out(`requeued: ${requeued}\n`);
    return 0;
  }
  err(`Usage:\n${INBOX_USAGE}\n`);
  return 2;
}
