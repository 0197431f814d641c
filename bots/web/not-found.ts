import type { Request, Response } from 'express';
import { t } from '../../core/i18n/translate';
import { actorForPerson } from '../../core/people/actor-for-person';
import { findPerson } from '../../core/people/person.lookup';
import { errorPage, localeOf, type WebCtx, type WebRequest } from './context';

/**
 * Any address nothing else answered: the app's own 404 page, in its layout (with the nav when signed
 * in) and in the reader's language, instead of Express's bare "Cannot GET /nope".
 */
export function notFound(ctx: WebCtx) {
  return async (req: Request, res: Response) => {
    const w = req as WebRequest;
    const s = w.session ?? ctx.sessions.read(req);
    if (!w.actor && s?.pid) {
      const person = await findPerson(ctx.o.deps.uow.read, s.pid).catch(() => null);
      if (person?.active) {
        w.session = s;
        w.actor = await actorForPerson(ctx.o.deps, ctx.o.deps.uow.read, person, 'web');
      }
    }
    res.status(404).type('html').send(errorPage(req, ctx, 404, t(localeOf(req, ctx.o.deps), 'dayone.not_found')));
  };
}
