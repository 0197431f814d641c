import express, { Request, Response, Router } from 'express';
import { t } from '../../core/i18n/translate';
import { systemActor } from '../../core/shared/actor';
import { listPeople } from '../../core/people/manage-people.service';
import { findPerson } from '../../core/people/person.lookup';
import { configuredAdminAtSignIn, promoteConfiguredAdmin } from '../../core/people/first-admin.service';
import { chrome, errorPage, localeOf, WebCtx } from './context';
import { html, page } from './html';
import { oidcFlow } from './oidc';
import { addressKey, limiterOf, setRetryAfter } from '../http/auth-limiter';

/** Only our own paths: `next=https://evil.example` or `//evil.example` would make an open redirect. */
export const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/');

/**
 * Sign-in: Entra ID (OpenID Connect) when configured; otherwise, outside production, a local sign-in
 * that picks one of the people in the database, so `npm start` + `npx helpdesk demo` shows every role.
 */
export function signinRoutes(ctx: WebCtx): Router {
  const r = Router();
  const { deps } = ctx.o;
  const oidc = ctx.o.oidc ? oidcFlow(ctx.o.oidc) : null;
  const localAllowed = !oidc && !ctx.o.production;
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  r.get('/signin', async (req, res) => {
    const s = ctx.sessions.ensure(req, res);
    const c = { ...chrome(req, ctx, 'web.signin.title'), csrf: ctx.sessions.csrfToken(s) };
    const next = safeNext(req.query.next);
    const l = c.locale;
    if (oidc) {
      return void res.type('html').send(page(c, html`<h1>${c.title}</h1><p><a class="button primary" href="/signin/oidc?next=${encodeURIComponent(next)}">${t(l, 'web.signin.oidc')}</a></p>`));
    }
    if (!localAllowed) return void res.status(503).type('html').send(page(c, html`<h1>${c.title}</h1><p class="notice refused">${t(l, 'web.signin.unconfigured')}</p>`));
    const people = (await listPeople(deps, { ...systemActor(l), channel: 'web' }, { limit: 200 })).filter((p) => p.active);
    const body = html`<h1>${c.title}</h1><p class="hint">${t(l, 'web.signin.local_hint')}</p>
<form method="post" action="/signin" class="card">
<input type="hidden" name="_csrf" value="${c.csrf}"><input type="hidden" name="next" value="${next}">
<label for="person">${t(l, 'web.signin.person')}</label>
<select id="person" name="person" required>${people.map((p) => html`<option value="${p.id}">${p.displayName}${p.email ? ` <${p.email}>` : ''} · ${t(l, `web.role.${p.role}`)}</option>`)}</select>
${people.length ? html`` : html`<p class="field-error">${t(l, 'web.signin.nobody')}</p>`}
<button type="submit" class="primary">${t(l, 'web.signin.submit')}</button></form>`;
    res.type('html').send(page(c, body));
  });

  r.post('/signin', form, async (req, res) => {
    const s = ctx.sessions.read(req);
    const limiter = limiterOf(req);
    const blocked = limiter.retryAfter([addressKey(req)]);
    if (blocked) return void setRetryAfter(res, blocked).type('html').send(errorPage(req, ctx, 429, t(localeOf(req, deps), 'error.too_many_attempts', { seconds: blocked })));
    if (!localAllowed) return void res.status(403).type('html').send(errorPage(req, ctx, 403, t(localeOf(req, deps), 'web.signin.unconfigured')));
    if (!ctx.sessions.checkCsrf(s, req.body?._csrf)) return void res.status(403).type('html').send(errorPage(req, ctx, 403, t(localeOf(req, deps), 'web.csrf_refused')));
    const person = /^\d{1,9}$/.test(String(req.body?.person ?? '')) ? await findPerson(deps.uow.read, Number(req.body.person)).catch(() => null) : null;
    if (!person || !person.active) {
      limiter.fail([addressKey(req)]);
      return void res.status(422).type('html').send(errorPage(req, ctx, 422, t(localeOf(req, deps), 'web.signin.unknown')));
    }
    await promoteConfiguredAdmin(deps, person, 'web');
    ctx.sessions.write(req, res, { pid: person.id });
    res.redirect(303, safeNext(req.body?.next));
  });

  r.get('/signin/oidc', async (req, res) => {
    if (!oidc) return void res.redirect(303, '/signin');
    const started = await oidc.start(`${ctx.o.publicUrl.replace(/\/+$/, '')}/signin/callback`);
    const { url, ...expected } = started;
    ctx.sessions.write(req, res, { oidc: expected, next: safeNext(req.query.next) });
    res.redirect(303, url);
  });

  r.get('/signin/callback', async (req: Request, res: Response) => {
    const s = ctx.sessions.read(req);
    const l = localeOf(req, deps);
    const limiter = limiterOf(req);
    const blocked = limiter.retryAfter([addressKey(req)]);
    if (blocked) return void setRetryAfter(res, blocked).type('html').send(errorPage(req, ctx, 429, t(l, 'error.too_many_attempts', { seconds: blocked })));
    if (!oidc || !s?.oidc) return void res.status(400).type('html').send(errorPage(req, ctx, 400, t(l, 'web.signin.expired')));
    let who: { email: string | null; name: string | null };
    try {
      // Checked against what the callback URL says on our public address, as registered at the provider.
      const callback = new URL(req.originalUrl, ctx.o.publicUrl);
      who = await oidc.finish(callback, s.oidc);
    } catch {
      limiter.fail([addressKey(req)]);
      return void res.status(401).type('html').send(errorPage(req, ctx, 401, t(l, 'web.signin.failed')));
    }
    const known = who.email ? await findPerson(deps.uow.read, who.email).catch(() => null) : null;
    const person = known ? await promoteConfiguredAdmin(deps, known, 'web') : who.email ? await configuredAdminAtSignIn(deps, who.email, who.name) : null;
    if (!person || !person.active) return void res.status(403).type('html').send(errorPage(req, ctx, 403, t(l, 'web.signin.no_person', { email: who.email ?? '?' })));
    const next = safeNext(s.next);
    ctx.sessions.write(req, res, { pid: person.id });
    res.redirect(303, next);
  });

  r.post('/signout', form, (req, res) => {
    const s = ctx.sessions.read(req);
    if (!ctx.sessions.checkCsrf(s, req.body?._csrf)) return void res.status(403).type('html').send(errorPage(req, ctx, 403, t(localeOf(req, deps), 'web.csrf_refused')));
    ctx.sessions.clear(req, res);
    res.redirect(303, '/signin');
  });
  return r;
}
