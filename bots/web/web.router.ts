import path from 'node:path';
import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { t } from '../../core/i18n/translate';
import { isStaff, seesEverything } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { buildReport } from '../../core/reports/build-report.service';
import { localDate } from '../../core/reports/report-period';
import { getStoredReport, listStoredReports } from '../../core/reports/stored-reports.service';
import { formatDay } from '../../core/i18n/locale-format';
import { listServices } from '../../core/people/manage-services.service';
import { actorOf, chrome, csrfChecked, errorPage, localeOf, signedIn, WebCtx, WebOptions, webErrors } from './context';
import { refuseNulBytes } from '../http/text-guard';
import { html, page } from './html';
import { sessionKeeper } from './session';
import { signinRoutes } from './signin.routes';
import { ticketRoutes } from './tickets.routes';
import { botRoutes } from './bot.routes';
import { kbRoutes } from './kb.routes';
import { dashboard, reportChartFigure, slaAndOverdue, storedDeliveries } from './dashboard.page';
import { loadChartData } from '../../core/reports/report-chart-data';
import { reportChartSpec } from '../../cards/report-chart';
import { chartSvg } from '../reports/chart-render';
import { multipartForms } from './multipart';
import { settingsRoutes } from './settings.routes';
import { notFound } from './not-found';

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
  r.use(APP_PATHS, signedIn(ctx), multipartForms(), express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }), csrfChecked(ctx), refuseNulBytes((req, res) => void res.status(400).type('html').send(errorPage(req, ctx, 400, t(localeOf(req, ctx.o.deps), 'error.invalid_text')))));
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
    const withDeliveries = await Promise.all(stored.map(async (s) => ({ ...s, deliveries: (await getStoredReport(o.deps, actor, s.id)).deliveries })));
    const personIds = [...new Set(withDeliveries.flatMap((s) => s.deliveries.map((d) => d.personId).filter((x): x is number => x !== null)))];
    const names = new Map((await o.deps.uow.read.people.many(personIds)).map((p) => [p.id, p.displayName]));
    const shown = { ...report, locale: l };
    const chart = await loadChartData(o.deps.uow.read, shown);
    const figure = reportChartFigure(chartSvg(reportChartSpec(shown, chart, 'light')), chartSvg(reportChartSpec(shown, chart, 'dark')), t(l, 'reports.card.legend_chart'));
    res.type('html').send(page(c, html`<h1>${c.title}</h1>${dashboard(l, report, { kind, from, service }, services)}${figure}${slaAndOverdue(l, report)}${storedDeliveries(l, withDeliveries, names)}`));
  });
  r.use(webErrors(ctx));
  r.use(notFound(ctx));
  return r;
}
