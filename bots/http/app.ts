import express, { Express, NextFunction, Request, Response, Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { apiRouter } from '../api/router';
import { errorHandler } from '../api/errors';
import { webRouter, devSessionSecret, WebOptions } from '../web/web.router';
import { metrics } from './metrics';
import type { SlackBotOptions } from '../slack/slack-bot';
import type { TeamsBotOptions } from '../teams/teams-bot';
import type { ReportMailer, ReportPoster } from '../../core/reports/report-poster.port';
import { reportFiles } from './report-files';
import { directoryRoutes } from '../api/directory.routes';
import type { DirectoryPort } from '../../core/directory/directory.port';
import type { MailboxState } from '../../core/mail/mail.port';
import { AuthLimiter, type AuthLimiterOptions } from './auth-limiter';
import type { ChatCards } from '../../core/notifications/chat-cards.port';
import type { Inbox } from '../../core/chat/inbox';

export interface AppOptions {
  deps: CoreDeps;
  /** Every chat input is stored here before it is acknowledged (core/chat/inbox.ts). */
  inbox: Inbox;
  publicUrl: string;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  health: () => Promise<boolean>;
  logError: (err: unknown, req: Request) => void;
  /** Present when SLACK_BOT_TOKEN is set with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode). */
  slack?: Omit<SlackBotOptions, 'deps' | 'publicUrl' | 'onInput' | 'cards' | 'inbox'>;
  /** Registers what to close with the server (the Slack Socket Mode connection). */
  onClose?: (stop: () => Promise<void>) => void;
  /** Present when TWILIO_AUTH_TOKEN is set: inbound SMS at /twilio/sms (issue 5). */
  twilio?: { authToken: string };
  /** Teams at POST /api/messages (always on in main.ts: local unauthenticated mode without an app id). */
  teams?: Omit<TeamsBotOptions, 'deps' | 'publicUrl' | 'cards' | 'inbox'>;
  /** HELPDESK_TIMEZONE, for report periods; without it, the business calendar's zone. */
  timeZone?: string;
  /** The web app at `/` (sign-in settings); without it, local sign-in with a per-process session secret. */
  web?: Pick<WebOptions, 'sessionSecret' | 'production' | 'oidc'>;
  /** The ticket-card renderer shared by the outbox and the bots (built by main.ts). */
  cards: ChatCards;
  /** Platforms that post reports in managers' channels (built by main.ts from the settings). */
  reportPosters?: ReportPoster[];
  /** Entra ID through Graph, when the GRAPH_* settings are set (directory sync on demand). */
  directory?: DirectoryPort | null;
  /** The support mailbox reader's state, for /metrics (null when mail intake is off). */
  mailbox?: () => MailboxState | null;
  /** Managers without a channel get reports by mail (present when SMTP_URL is set). */
  reportMailer?: ReportMailer;
  /** HELPDESK_CHROMIUM_PATH: the browser that prints report PDFs (found in the usual places without it). */
  chromiumPath?: string;
  /** Failed-authentication limits (tests shorten them); defaults in auth-limiter.ts. */
  authLimits?: AuthLimiterOptions;
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
  // One count of failed authentication for every route of this app (REST, web sign-in, Slack, Twilio).
  app.locals.authLimiter = new AuthLimiter(o.authLimits);
  const prometheus = metrics(o.deps, o.mailbox, o.inbox);
  if (o.sqlTrace) app.use(statementHeader(o.sqlTrace));
  app.use(prometheus.middleware);
  app.use('/metrics', prometheus.router);
  app.get('/healthz', async (_req, res) => {
    const ok = await o.health().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.use('/api/v1/directory', directoryRoutes(o.deps, o.directory ?? null));
  app.use('/api/v1', apiRouter(o.deps, o.publicUrl, o.timeZone, { posters: o.reportPosters ?? [], mailer: o.reportMailer, publicUrl: o.publicUrl }));
  app.use('/reports', reportFiles(o.deps, { publicUrl: o.publicUrl, chromiumPath: o.chromiumPath }));
  // A channel's SDK is loaded only when that channel is configured (start time, memory).
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (o.slack) {
    const { createSlackBot } = require('../slack/slack-bot') as typeof import('../slack/slack-bot');
    const slack = createSlackBot({ ...o.slack, deps: o.deps, publicUrl: o.publicUrl, cards: o.cards, inbox: o.inbox, onInput: (transport) => transport === 'socket' && prometheus.countInbound('slack') });
    if (slack.router) app.use('/slack/events', slack.router);
    o.onClose?.(slack.stop);
  }
  if (o.twilio) {
    const { twilioSmsRouter } = require('../twilio/sms.routes') as typeof import('../twilio/sms.routes');
    app.use('/twilio/sms', twilioSmsRouter({ ...o.twilio, deps: o.deps, inbox: o.inbox, publicUrl: o.publicUrl }));
  }
  // Teams is always on (local mode without an app id): its SDK is loaded at the first activity.
  const teams = o.teams;
  if (teams) {
    app.use('/api/messages', onFirstRequest(() => (require('../teams/teams-bot') as typeof import('../teams/teams-bot')).createTeamsBot({ ...teams, deps: o.deps, inbox: o.inbox, publicUrl: o.publicUrl, cards: o.cards })));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  app.use(webRouter({ deps: o.deps, inbox: o.inbox, publicUrl: o.publicUrl, timeZone: o.timeZone ?? 'Europe/Paris', ...(o.web ?? { sessionSecret: devSessionSecret(), production: false }) }));
  app.use(errorHandler(o.deps.defaultLocale, o.logError));
  return app;
}

/** A router built when its first request arrives. */
function onFirstRequest(build: () => Router) {
  let router: Router | null = null;
  return (req: Request, res: Response, next: NextFunction) => (router ??= build())(req, res, next);
}
