import express, { Express, NextFunction, Request, Response, Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { apiRouter } from '../api/router';
import { errorHandler } from '../api/errors';
import { webRouter, devSessionSecret, WebOptions } from '../web/web.router';
import { metrics } from './metrics';
import type { SlackBotOptions } from '../slack/slack-bot';
import type { TeamsBotOptions } from '../teams/teams-bot';
import type { ReportPoster } from '../../core/reports/report-poster.port';
import { reportFiles } from './report-files';

export interface AppOptions {
  deps: CoreDeps;
  publicUrl: string;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  health: () => Promise<boolean>;
  logError: (err: unknown, req: Request) => void;
  /** Present when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are both set. */
  slack?: Omit<SlackBotOptions, 'deps' | 'publicUrl'>;
  /** Present when TWILIO_AUTH_TOKEN is set: inbound SMS at /twilio/sms (issue 5). */
  twilio?: { authToken: string };
  /** Teams at POST /api/messages (always on in main.ts: local unauthenticated mode without an app id). */
  teams?: Omit<TeamsBotOptions, 'deps' | 'publicUrl'>;
  /** HELPDESK_TIMEZONE, for report periods; without it, the business calendar's zone. */
  timeZone?: string;
  /** The web app at `/` (sign-in settings); without it, local sign-in with a per-process session secret. */
  web?: Pick<WebOptions, 'sessionSecret' | 'production' | 'oidc'>;
  /** Platforms that post reports in managers' channels (built by main.ts from the settings). */
  reportPosters?: ReportPoster[];
  /** Benches and tests: runs each request so that the statements it sends are collected (main.ts). */
  sqlTrace?: (into: string[], next: () => void) => void;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET )/i;

/** `x-sql-statements` on every answer: what its request sent to the database, transaction control aside. */
function statementHeader(trace: NonNullable<AppOptions['sqlTrace']>) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const seen: string[] = [];
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (!res.headersSent) res.setHeader('x-sql-statements', String(seen.filter((s) => !TRANSACTION_CONTROL.test(s)).length));
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    trace(seen, next);
  };
}

/** One express app, one port, every route of CONTRACT.md. */
export function createApp(o: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  if (o.sqlTrace) app.use(statementHeader(o.sqlTrace));
  const prometheus = metrics(o.deps);
  app.use(prometheus.middleware);
  app.use('/metrics', prometheus.router);
  app.get('/healthz', async (_req, res) => {
    const ok = await o.health().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.use('/api/v1', apiRouter(o.deps, o.publicUrl, o.timeZone, { posters: o.reportPosters ?? [], publicUrl: o.publicUrl }));
  app.use('/reports', reportFiles(o.deps));
  // A channel's SDK is loaded only when that channel is configured (start time, memory).
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (o.slack) {
    const { createSlackBot } = require('../slack/slack-bot') as typeof import('../slack/slack-bot');
    app.use('/slack/events', createSlackBot({ ...o.slack, deps: o.deps, publicUrl: o.publicUrl }));
  }
  if (o.twilio) {
    const { twilioSmsRouter } = require('../twilio/sms.routes') as typeof import('../twilio/sms.routes');
    app.use('/twilio/sms', twilioSmsRouter({ ...o.twilio, deps: o.deps, publicUrl: o.publicUrl }));
  }
  // Teams is always on (local mode without an app id): its SDK is loaded at the first activity.
  const teams = o.teams;
  if (teams) {
    app.use('/api/messages', onFirstRequest(() => (require('../teams/teams-bot') as typeof import('../teams/teams-bot')).createTeamsBot({ ...teams, deps: o.deps, publicUrl: o.publicUrl })));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  app.use(webRouter({ deps: o.deps, publicUrl: o.publicUrl, timeZone: o.timeZone ?? 'Europe/Paris', ...(o.web ?? { sessionSecret: devSessionSecret(), production: false }) }));
  app.use(errorHandler(o.deps.defaultLocale, o.logError));
  return app;
}

/** A router built when its first request arrives. */
function onFirstRequest(build: () => Router) {
  let router: Router | null = null;
  return (req: Request, res: Response, next: NextFunction) => (router ??= build())(req, res, next);
}
