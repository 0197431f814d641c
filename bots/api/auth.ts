import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { authenticateToken } from '../../core/people/actor-for-person';
import { isHelpdeskError } from '../../core/shared/errors';
import { t } from '../../core/i18n/translate';
import { addressKey, limiterOf, setRetryAfter, tokenKey } from '../http/auth-limiter';
import { requestLocale } from './errors';

export type AuthedRequest = Request & { actor: Actor };

/**
 * Bearer tokens from `npx helpdesk token create`; the actor is resolved once per request. Failed
 * attempts are counted per client address and per token prefix: an address over its limit is
 * refused before any lookup, a guessed token's prefix once the guess is wrong (its owner's valid
 * token still passes).
 */
export function bearerAuth(deps: CoreDeps) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const limiter = limiterOf(req);
    const tooMany = (seconds: number) =>
      void setRetryAfter(res, seconds).json({ error: { code: 'too_many_attempts', message: t(requestLocale(req, deps.defaultLocale), 'error.too_many_attempts', { seconds }) } });
    const blocked = limiter.retryAfter([addressKey(req)]);
    if (blocked) return tooMany(blocked);
    try {
      (req as AuthedRequest).actor = await authenticateToken(deps, m?.[1], 'api');
    } catch (e) {
      if (!isHelpdeskError(e) || e.code !== 'unauthenticated') throw e;
      const keys = m ? [addressKey(req), tokenKey(m[1])] : [addressKey(req)];
      limiter.fail(keys);
      const wait = limiter.retryAfter(keys);
      if (wait) return tooMany(wait);
      throw e;
    }
    next();
  };
}

export const actorOf = (req: Request): Actor => (req as AuthedRequest).actor;
