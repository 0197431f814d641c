import { SendFailure } from '../../core/notifications/sender.port';

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** 429 honours Retry-After (1 s when missing); 5xx and network errors retry; other 4xx never will. */
export function httpFailure(what: string, res: Response): SendFailure {
  if (res.status === 429) return new SendFailure(`${what}: 429 rate limited`, { retryAfterMs: retryAfterMs(res.headers.get('retry-after')) ?? 1000 });
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408;
  return new SendFailure(`${what}: HTTP ${res.status}`, { permanent });
}
