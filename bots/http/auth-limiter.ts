import type { Request, Response } from 'express';

/**
 * Failed authentication, counted (R9): bad bearer tokens, refused web sign-ins, Slack and Twilio
 * signatures that do not match. Past `max` failures within a window for one key (a client address,
 * a token's first characters), that key is answered 429 with Retry-After until the window ends.
 * Only failures count and nothing waits: valid traffic is never slowed. Kept in the process (each
 * instance counts its own); the map is bounded so a flood of addresses cannot grow it without end.
 */
export interface AuthLimiterOptions {
  /** Failures allowed per window for one client address. */
  maxPerAddress?: number;
  /** Failures allowed per window for one token prefix (someone guessing one token's secret). */
  maxPerToken?: number;
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class AuthLimiter {
  private readonly hits = new Map<string, Window>();
  private readonly o: Required<AuthLimiterOptions>;

  constructor(o: AuthLimiterOptions = {}) {
    this.o = { maxPerAddress: 30, maxPerToken: 10, windowMs: 60_000, maxKeys: 50_000, now: Date.now, ...o };
  }

  /** Seconds to wait when any of the keys is over its limit, else null. */
  retryAfter(keys: string[]): number | null {
    const now = this.o.now();
    let wait = 0;
    for (const k of keys) {
      const w = this.hits.get(k);
      if (!w) continue;
      if (w.resetAt <= now) this.hits.delete(k);
      else if (w.count >= this.max(k)) wait = Math.max(wait, Math.ceil((w.resetAt - now) / 1000));
    }
    return wait > 0 ? wait : null;
  }

  fail(keys: string[]): void {
    const now = this.o.now();
    for (const k of keys) {
      const w = this.hits.get(k);
      if (w && w.resetAt > now) w.count++;
      else {
        if (this.hits.size >= this.o.maxKeys) this.hits.delete(this.hits.keys().next().value as string);
        this.hits.set(k, { count: 1, resetAt: now + this.o.windowMs });
      }
    }
  }

  private max(key: string): number {
    return key.startsWith('token:') ? this.o.maxPerToken : this.o.maxPerAddress;
  }
}

/** The app's limiter (set by createApp in `app.locals`); a router used alone gets one of its own. */
const fallback = new WeakMap<object, AuthLimiter>();
export function limiterOf(req: Request): AuthLimiter {
  const locals = req.app.locals as { authLimiter?: AuthLimiter };
  if (locals.authLimiter) return locals.authLimiter;
  let l = fallback.get(req.app);
  if (!l) fallback.set(req.app, (l = new AuthLimiter()));
  return l;
}

export const addressKey = (req: Request) => `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
/** A token's first characters: enough to tell one token's guesses from another's, never the secret. */
export const tokenKey = (raw: string) => `token:${raw.slice(0, 8)}`;

export function setRetryAfter(res: Response, seconds: number): Response {
  return res.status(429).set('Retry-After', String(seconds));
}
