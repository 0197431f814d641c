import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Signed-cookie sessions: the cookie holds who is signed in and the sign-in flow's transient values,
 * with an HMAC, so any number of instances sharing WEB_SESSION_SECRET read the same session and
 * nothing is kept in process memory. A session id rotates at sign-in (no fixation) and names the
 * CSRF token, which every form and action must send back.
 */
export interface SessionData {
  sid: string;
  /** The signed-in person; absent before sign-in. */
  pid?: number;
  /** Expiry, epoch milliseconds. */
  exp: number;
  /** OpenID Connect round trip: state, nonce and PKCE verifier, kept until the callback. */
  oidc?: { state: string; nonce: string; verifier: string };
  /** Where to go back after the provider's sign-in. */
  next?: string;
}

export const SESSION_COOKIE = 'hd_session';
const LIFETIME_MS = 12 * 3600_000;

export interface SessionKeeper {
  read(req: Request): SessionData | null;
  /** The current session, or a fresh anonymous one written to the response. */
  ensure(req: Request, res: Response): SessionData;
  write(req: Request, res: Response, data: Omit<SessionData, 'exp' | 'sid'> & { sid?: string }): SessionData;
  clear(req: Request, res: Response): void;
  csrfToken(s: SessionData): string;
  checkCsrf(s: SessionData | null, token: unknown): boolean;
}

export function sessionKeeper(secret: string, opts: { secureCookies: boolean; now?: () => number }): SessionKeeper {
  const now = opts.now ?? Date.now;
  const mac = (s: string) => createHmac('sha256', secret).update(s).digest('base64url');
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  // Behind an https proxy (trust proxy is on) or with an https PUBLIC_URL the cookie is Secure.
  const secure = (req: Request) => opts.secureCookies || req.secure;
  const cookieOf = (req: Request, value: string, maxAgeS: number) =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure(req) ? '; Secure' : ''}`;

  const keeper: SessionKeeper = {
    read(req) {
      const raw = cookieValue(req.headers.cookie, SESSION_COOKIE);
      if (!raw) return null;
      const dot = raw.lastIndexOf('.');
      if (dot < 1 || !same(mac(raw.slice(0, dot)), raw.slice(dot + 1))) return null;
      try {
        const data = JSON.parse(Buffer.from(raw.slice(0, dot), 'base64url').toString('utf8')) as SessionData;
        if (typeof data.sid !== 'string' || typeof data.exp !== 'number' || data.exp < now()) return null;
        if (data.pid !== undefined && !Number.isSafeInteger(data.pid)) return null;
        return data;
      } catch {
        return null;
      }
    },
    ensure(req, res) {
      const cached = (req as Request & { session?: SessionData }).session;
      if (cached) return cached;
      return keeper.read(req) ?? keeper.write(req, res, {});
    },
    write(req, res, data) {
      const full: SessionData = { ...data, sid: data.sid ?? randomBytes(18).toString('base64url'), exp: now() + LIFETIME_MS };
      const body = Buffer.from(JSON.stringify(full)).toString('base64url');
      res.append('Set-Cookie', cookieOf(req, `${body}.${mac(body)}`, LIFETIME_MS / 1000));
      (req as Request & { session?: SessionData }).session = full;
      return full;
    },
    clear(req, res) {
      res.append('Set-Cookie', cookieOf(req, '', 0));
    },
    csrfToken: (s) => mac(`csrf:${s.sid}`),
    checkCsrf: (s, token) => !!s && typeof token === 'string' && same(keeper.csrfToken(s), token),
  };
  return keeper;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
