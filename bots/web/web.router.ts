import path from 'node:path';
import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { t } from '../../core/i18n/translate';
import { isStaff, seesEverything } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { buildReport } from '../../core/reports/build-report.service';
import { localDate } from '../../core/reports/report-period';
import { listStoredReports } from '../../core/reports/stored-reports.service';
import { listServices } from '../../core/people/manage-services.service';
import { actorOf, chrome, csrfChecked, signedIn, WebCtx, WebOptions, webErrors } from './context';
import { html, page } from './html';
import { sessionKeeper } from './session';
import { signinRoutes } from './signin.routes';
import { ticketRoutes } from './tickets.routes';
import { botRoutes } from './bot.routes';
import { kbRoutes } from './kb.routes';
import { dashboard } from './dashboard.page';
import { multipartForms } from './multipart';
import { settingsRoutes } from './settings.routes';

export type { WebOptions } from './context';

/** Paths of the signed-in app; only these get the session, body parsers and the CSRF check. */
const APP_PATHS = ['/report', '/tickets', '/queue', '/dashboard', '/bot', '/kb', '/settings'];
// The package's folder (web/ assets), whether this runs from the sources or from the build in dist/.
const UP = path.resolve(__dirname, '../..');
const ROOT = path.basename(UP) === 'dist' ? path.dirname(UP) : UP;

/** A random secret per process when none is configured (outside production): sessions end at restart. */
export const devSessionSecret = () => randomBytes(32).toString('hex');

/** The web app at `/` (issue 9; R1, R2, R11, R12, R14, R16), mounted by bots/http/app.ts. */
export function webRouter(o: WebOptions): Router {
  const ctx: WebCtx = { o, sessions: sessionKeeper(o.sessionSecret, { secureCookies: o.publicUrl.startsWith('https://') }) };
  const r = Router();
  // Everything reaching this router is the web app's. Pages run our own scripts only; the card renderer
  // sets inline styles, hence 'unsafe-inline' for styles alone.
  r.use((_req, res, next) => {
    res.set({
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    });
    next();
  });
  r.use('/assets', express.static(path.join(ROOT, 'web'), { maxAge: '1h', index: false }));
  r.get('/assets/adaptivecards.min.js', (_req, res) => res.sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'), { maxAge: '1d' }));
  r.use(signinRoutes(ctx));
  r.get('/', signedIn(ctx), (req, res) => {
    const a = actorOf(req);
    res.redirect(303, seesEverything(a) ? '/dashboard' : isStaff(a) ? '/queue' : '/tickets');
  });
  r.use(APP_PATHS, signedIn(ctx), multipartForms(), express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }), csrfChecked(ctx));
  r.use(ticketRoutes(ctx));
  r.use(botRoutes(ctx));
  r.use(kbRoutes(ctx));
  r.use(settingsRoutes(ctx));

  r.get('/dashboard', async (req, res) => {
    const c = chrome(req, ctx, 'web.nav.dashboard', '/dashboard');
    const actor = actorOf(req);
    if (!isStaff(actor)) throw new HelpdeskError('forbidden');
    const kind = req.query.period === 'monthly' ? 'monthly' : 'weekly';
    // The period under way by default: what a manager opening the page wants to see is today's.
    const from = typeof req.query.from === 'string' && req.query.from ? req.query.from : localDate(o.deps.clock.now(), o.timeZone);
    const service = typeof req.query.service === 'string' && req.query.service ? req.query.service : undefined;
    const report = await buildReport(o.deps, actor, { period: kind, from, ...(service ? { service } : {}) }, o.timeZone);
    const services = (await listServices(o.deps)).filter((x) => seesEverything(actor) || actor.serviceIds.includes(x.id));
    const stored = seesEverything(actor) ? await listStoredReports(o.deps, actor, { limit: 10 }) : [];
    const l = c.locale;
    const storedList = stored.length
      ? html`<h2>${t(l, 'web.dash.stored')}</h2><ul>${stored.map((s) => html`<li>${t(l, s.periodKind === 'monthly' ? 'web.dash.monthly' : 'web.dash.weekly')} · ${s.firstDay} · ${s.scopeKey}</li>`)}</ul>`
      : html``;
    res.type('html').send(page(c, html`<h1>${c.title}</h1>${dashboard(l, report, { kind, from, service }, services)}${storedList}`));
  });
  r.use(webErrors(ctx));
  return r;
}
