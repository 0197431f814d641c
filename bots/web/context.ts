import type { NextFunction, Request, Response } from 'express';
import type { Inbox } from '../../core/chat/inbox';
import type { Locale, MessageKey } from '../../core/i18n/catalogue';
import { errorMessage, pickLocale, t } from '../../core/i18n/translate';
import type { Actor } from '../../core/shared/actor';
import type { CoreDeps } from '../../core/shared/deps';
import { HelpdeskError, isHelpdeskError } from '../../core/shared/errors';
import { actorForPerson } from '../../core/people/actor-for-person';
import { findPerson } from '../../core/people/person.lookup';
import { html, page } from './html';
import type { SessionData, SessionKeeper } from './session';
import { isDatabaseOutage, RETRY_AFTER_S } from '../http/outage';

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the composition root hands the web app (read from the settings once, at start). */
export interface WebOptions {
  deps: CoreDeps;
  publicUrl: string;
  timeZone: string;
  sessionSecret: string;
  /** NODE_ENV=production: the local sign-in is refused. */
  production: boolean;
  oidc?: OidcOptions;
  /** "Try the bot": each input is recorded in the inbox before it is answered. */
  inbox?: Inbox;
}

export interface WebCtx {
  o: WebOptions;
  sessions: SessionKeeper;
}

export type WebRequest = Request & { session?: SessionData; actor?: Actor };

/** The person's own language once signed in; before, the browser's, then HELPDESK_LOCALE. */
export function localeOf(req: Request, deps: CoreDeps): Locale {
  const actor = (req as WebRequest).actor;
  if (actor) return actor.locale;
  const asked = req.headers['accept-language'] ? req.acceptsLanguages('fr', 'en') : false;
  return pickLocale(asked || null, deps.defaultLocale);
}

export function actorOf(req: Request): Actor {
  const a = (req as WebRequest).actor;
  if (!a) throw new HelpdeskError('unauthenticated');
  return a;
}

/** Pages need a signed-in, active person; otherwise the sign-in page, coming back here afterwards. */
export function signedIn(ctx: WebCtx) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const s = ctx.sessions.read(req);
    const person = s?.pid ? await findPerson(ctx.o.deps.uow.read, s.pid).catch((e: unknown) => { if (isDatabaseOutage(e)) throw e; return null; }) : null;
    if (!s || !person || !person.active) {
      if (req.method !== 'GET') return void res.status(401).type('html').send(errorPage(req, ctx, 401, t(localeOf(req, ctx.o.deps), 'web.signin.required')));
      return void res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
    }
    (req as WebRequest).session = s;
    (req as WebRequest).actor = await actorForPerson(ctx.o.deps, ctx.o.deps.uow.read, person, 'web');
    next();
  };
}

/** Every state change carries the session's CSRF token: a form field, or a header from our scripts. */
export function csrfChecked(ctx: WebCtx) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const token = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    const s = (req as WebRequest).session ?? ctx.sessions.read(req);
    if (!ctx.sessions.checkCsrf(s, token)) {
      return void res.status(403).type('html').send(errorPage(req, ctx, 403, t(localeOf(req, ctx.o.deps), 'web.csrf_refused')));
    }
    next();
  };
}

/** The page's frame, titled by a catalogue key. */
export function chrome(req: Request, ctx: WebCtx, title: MessageKey, path?: string) {
  return chromeTitled(req, ctx, (locale) => t(locale, title), path);
}

/** The page's frame, titled by user text (a ticket's or an article's title): never read as a key. */
export function chromeText(req: Request, ctx: WebCtx, title: string, path?: string) {
  return chromeTitled(req, ctx, () => title, path);
}

function chromeTitled(req: Request, ctx: WebCtx, title: (locale: Locale) => string, path?: string) {
  const locale = localeOf(req, ctx.o.deps);
  const s = (req as WebRequest).session ?? ctx.sessions.read(req);
  return {
    locale,
    title: title(locale),
    actor: (req as WebRequest).actor ?? null,
    csrf: s ? ctx.sessions.csrfToken(s) : undefined,
    path,
  };
}

export function errorPage(req: Request, ctx: WebCtx, status: number, message: string): string {
  const c = chrome(req, ctx, status === 404 ? 'web.error.not_found' : 'web.error.title');
  return page(c, html`<h1>${c.title}</h1><p class="notice refused" role="alert">${message}</p><p><a href="/">${t(c.locale, 'web.back_home')}</a></p>`);
}

const STATUS: Record<HelpdeskError['kind'], number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422 };

/** Coded errors become a page in the person's language with the matching status; anything else is the app's 500. */
export function webErrors(ctx: WebCtx) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (isDatabaseOutage(err) && !res.headersSent) {
      const l = localeOf(req, ctx.o.deps);
      if (req.path.startsWith('/bot/')) return void res.status(503).set('Retry-After', String(RETRY_AFTER_S)).json({ error: { code: 'service_unavailable', message: t(l, 'error.service_unavailable') } });
      return void res.status(503).set('Retry-After', String(RETRY_AFTER_S)).type('html').send(page({ ...chromeTitled(req, ctx, () => t(l, 'web.unavailable.title')), actor: null }, html`<h1>${t(l, 'web.unavailable.title')}</h1><p class="notice refused" role="alert">${t(l, 'error.service_unavailable')}</p>`));
    }
    if (!isHelpdeskError(err)) return next(err);
    const status = STATUS[err.kind];
    const message = errorMessage(localeOf(req, ctx.o.deps), err);
    if (req.accepts(['html', 'json']) === 'json' && req.path.startsWith('/bot/')) return void res.status(status).json({ error: { code: err.code, message } });
    res.status(status).type('html').send(errorPage(req, ctx, status, message));
  };
}

/** Field messages of a coded validation error, by field name, in the person's language. */
export function fieldErrors(err: HelpdeskError, locale: Locale, fields: string[]): Record<string, string> | null {
  if (err.code !== 'validation_failed' || !err.details?.length) return null;
  const out: Record<string, string> = {};
  for (const d of err.details) {
    const f = d.path.split('.')[0];
    const key = fields.includes(f) ? f : '_form';
    out[key] ??= key === '_form' ? errorMessage(locale, err) : t(locale, 'web.field.invalid', { reason: d.message });
  }
  return out;
}
