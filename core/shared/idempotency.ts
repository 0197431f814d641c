import type { Actor } from './actor';

/**
 * A delivery key belongs to its sender on its channel: two people (or a retry and a stranger) using
 * the same key never see each other's result.
 */
export function idempotencyScope(kind: 'ticket' | 'comment', actor: Actor): string {
  const who = actor.personId !== null ? `p${actor.personId}` : `t${actor.tokenId ?? 0}`;
  return `${kind}:${actor.channel}:${who}`.slice(0, 32);
}
