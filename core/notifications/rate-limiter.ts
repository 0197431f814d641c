import type { DeliveryChannel } from './outbox.port';

/**
 * Per-address pacing in this process (Slack ~1 message/s per channel, Teams 7/s per conversation).
 * A platform's 429 with Retry-After still covers what several instances add up to.
 */
export class RateLimiter {
  private readonly next = new Map<string, number>();

  constructor(private readonly gaps: Partial<Record<DeliveryChannel, number>>) {}

  /** Takes the next slot for this address, unless it is more than `maxWaitMs` away (then `defer`). */
  reserve(channel: DeliveryChannel, address: string, nowMs: number, maxWaitMs: number): { waitMs: number; defer: boolean } {
    const gap = this.gaps[channel] ?? 0;
    if (gap <= 0) return { waitMs: 0, defer: false };
    const key = `${channel}:${address}`;
    const slot = Math.max(nowMs, this.next.get(key) ?? 0);
    const waitMs = slot - nowMs;
    if (waitMs > maxWaitMs) return { waitMs, defer: true };
    this.next.set(key, slot + gap);
    if (this.next.size > 10_000) this.forgetPast(nowMs);
    return { waitMs, defer: false };
  }

  private forgetPast(nowMs: number): void {
    for (const [k, v] of this.next) if (v < nowMs) this.next.delete(k);
  }
}
