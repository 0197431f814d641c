import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { authenticateToken } from '../../core/people/actor-for-person';

export type AuthedRequest = Request & { actor: Actor };

/** Bearer tokens from `npx helpdesk token create`; the actor is resolved once per request. */
export function bearerAuth(deps: CoreDeps) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    (req as AuthedRequest).actor = await authenticateToken(deps, m?.[1], 'api');
    next();
  };
}

export const actorOf = (req: Request): Actor => (req as AuthedRequest).actor;
