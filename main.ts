import http from 'node:http';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { slaAutomationJobs } from './core/automation/automation.jobs';
import { fetchWebhookSender } from './adapters/webhook/fetch-webhook.sender';
import { loadSettings, Settings, slackEnabled } from './adapters/config/settings';
import { openDatabase, Database } from './adapters/sequelize/database';
import { createApp } from './bots/http/app';
import { devSessionSecret } from './bots/web/web.router';
import type { CoreDeps } from './core/shared/deps';
import { Clock, systemClock } from './core/shared/clock.port';
import { createNotifications, Notifications, NotificationsOptions } from './adapters/notify/notifications';
import { chatCards } from './adapters/notify/chat-cards';
import type { ReportMailer, ReportPoster } from './core/reports/report-poster.port';
import { teamsReportPoster } from './adapters/teams/report-poster';
import { BotConnectorClient } from './adapters/teams/connector-client';
import type { Store } from './core/shared/store.port';
import { reportJobs } from './core/reports/report-jobs';
import { smtpReportMailer } from './bots/reports/report-mailer';
import { chatJobs } from './core/chat/chat-jobs';
import { backupJob } from './adapters/backup/backup-job';
import { directoryJobs, graphDirectory } from './adapters/graph/directory-job';
import { createMailIntake, type MailIntake } from './adapters/mail/mail-intake';
import { Inbox, type InboxOptions } from './core/chat/inbox';

/** SIGTERM to exit, whatever the jobs are doing (orchestrators send SIGKILL after 10 s or more). */
const SHUTDOWN_MS = 9000;
/** Requests in flight get this long to finish before their connections are cut. */
const REQUESTS_GRACE_MS = 5000;

/** Web sign-in: Entra ID when the three OIDC_* are set, else the local sign-in (refused in production). */
function webOptions(settings: Settings) {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = settings;
  return {
    sessionSecret: settings.WEB_SESSION_SECRET ?? devSessionSecret(),
    production: settings.NODE_ENV === 'production',
    ...(issuer && clientId && clientSecret ? { oidc: { issuer, clientId, clientSecret } } : {}),
  };
}

/** The composition root: the only place adapters meet core and the bots. */
export interface Running {
  url: string;
  port: number;
  db: Database;
  deps: CoreDeps;
  /** The outbox worker and the job runner (register scheduled jobs on `notifications.runner`). */
  notifications: Notifications;
  /** The support mailbox reader (MAIL_INBOUND_URL), null when mail intake is off. */
  mail: MailIntake | null;
  /** Chat inputs stored before their ack, and the workers that do them. */
  inbox: Inbox;
  close(): Promise<void>;
}

export function buildDeps(settings: Settings, db: Database, clock: Clock = systemClock): CoreDeps {
  return { uow: db.uow, clock, defaultLocale: settings.HELPDESK_LOCALE, admins: settings.HELPDESK_ADMINS };
}

/** The platforms configured in the settings that can post reports in managers' channels. */
export function reportPosters(settings: Settings, read: Store): ReportPoster[] {
  // Teams is always on (local mode without an app id); a team without a managers channel gets nothing.
  const out: ReportPoster[] = [teamsReportPoster(read, { appId: settings.MICROSOFT_APP_ID, password: settings.MICROSOFT_APP_PASSWORD, tenantId: settings.MICROSOFT_APP_TENANT_ID })];
  // The Slack Web API client is loaded only when Slack is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (slackEnabled(settings)) out.push((require('./bots/slack/report-poster') as typeof import('./bots/slack/report-poster')).slackReportPoster({ botToken: settings.SLACK_BOT_TOKEN, apiUrl: settings.SLACK_API_URL }));
  return out;
}

/** Reports by mail to managers without a channel: on when e-mail is (SMTP_URL and MAIL_FROM). */
export function reportMailerFor(settings: Settings): ReportMailer | undefined {
  return settings.SMTP_URL && settings.MAIL_FROM ? smtpReportMailer({ smtpUrl: settings.SMTP_URL, from: settings.MAIL_FROM, publicUrl: settings.PUBLIC_URL }) : undefined;
}

export interface StartOptions {
  clock?: Clock;
  quiet?: boolean;
  db?: Database;
  notifications?: NotificationsOptions;
  /** Tests: how often the mailbox is polled when IDLE is not available. */
  mailPollMs?: number;
  inbox?: Partial<Omit<InboxOptions, 'uow' | 'clock'>>;
  /** Benches and tests: each answer carries `x-sql-statements`, the statements its request sent (transaction control aside). */
  traceSql?: boolean;
}

export async function startServer(settings: Settings, opts: StartOptions = {}): Promise<Running> {
  const log = pino({ level: opts.quiet ? 'silent' : settings.LOG_LEVEL });
  // Tests hand in their own database (an in-memory one cannot be opened twice); it stays theirs to close.
  const db = opts.db ?? (await openDatabase(settings.DATABASE_URL));
  const ran = await db.migrate();
  if (ran.length) log.info({ migrations: ran }, 'database migrated');
  const deps = buildDeps(settings, db, opts.clock);
  // Before the app: it wraps deps.uow so a commit that wrote outbox rows wakes the sender.
  const notifications = createNotifications(settings, deps, log.child({ part: 'notifications' }), { detach: (fn) => db.untraced(fn), ...opts.notifications });
  const inbox = new Inbox({
    uow: deps.uow,
    ingest: db.ingest(),
    clock: deps.clock,
    owner: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`.slice(0, 64),
    leaseMs: settings.HELPDESK_INBOX_LEASE_SECONDS * 1000,
    onError: (err, e) => log.warn({ err, inbox: e ? { id: e.id, source: e.source, attempts: e.attempts } : undefined }, 'inbox input failed'),
    ...opts.inbox,
  });
  const posters = reportPosters(settings, db.uow.read);
  const reportMailer = reportMailerFor(settings);
  for (const job of reportJobs({ deps, posters, mailer: reportMailer, publicUrl: settings.PUBLIC_URL, log: (msg, err) => log.warn({ err }, msg) }, settings.HELPDESK_TIMEZONE)) {
    notifications.runner.register(job);
  }
  for (const job of chatJobs(deps)) notifications.runner.register(job);
  notifications.runner.register(backupJob(db, settings.HELPDESK_BACKUP_DIR, settings.HELPDESK_TIMEZONE, (msg, o) => log.info(o, msg)));
  for (const job of slaAutomationJobs(deps, { webhooks: fetchWebhookSender() })) notifications.runner.register(job);
  // Connections the app holds open besides the HTTP server (Slack's Socket Mode), closed first.
  const closers: Array<() => Promise<void>> = [];
  for (const job of directoryJobs(settings, deps)) notifications.runner.register(job);
  const mail = createMailIntake(settings, deps, (msg, err) => log.warn({ err }, msg), { pollMs: opts.mailPollMs });
  const app = createApp({
    deps,
    inbox,
    publicUrl: settings.PUBLIC_URL,
    timeZone: settings.HELPDESK_TIMEZONE,
    web: webOptions(settings),
    cards: chatCards(deps, { publicUrl: settings.PUBLIC_URL, timeZone: settings.HELPDESK_TIMEZONE }),
    health: () => db.ping(),
    logError: (err, req) => log.error({ err, method: req.method, url: req.originalUrl }, 'request failed'),
    twilio: settings.TWILIO_AUTH_TOKEN ? { authToken: settings.TWILIO_AUTH_TOKEN } : undefined,
    slack:
      slackEnabled(settings)
        ? {
            botToken: settings.SLACK_BOT_TOKEN,
            signingSecret: settings.SLACK_SIGNING_SECRET,
            appToken: settings.SLACK_APP_TOKEN,
            apiUrl: settings.SLACK_API_URL,
            timeZone: settings.HELPDESK_TIMEZONE,
            log: log.child({ channel: 'slack' }),
          }
        : undefined,
    reportPosters: posters,
    onClose: (stop) => closers.push(stop),
    directory: graphDirectory(settings),
    mailbox: () => mail?.state ?? null,
    reportMailer,
    chromiumPath: settings.HELPDESK_CHROMIUM_PATH,
    ...(opts.traceSql ? { sqlTrace: (into: string[], next: () => void) => db.traced(into, next) } : {}),
    teams: {
      connector: new BotConnectorClient({ appId: settings.MICROSOFT_APP_ID, password: settings.MICROSOFT_APP_PASSWORD, tenantId: settings.MICROSOFT_APP_TENANT_ID }),
      auth: settings.MICROSOFT_APP_ID && settings.MICROSOFT_APP_PASSWORD
        ? { appId: settings.MICROSOFT_APP_ID, password: settings.MICROSOFT_APP_PASSWORD, tenantId: settings.MICROSOFT_APP_TENANT_ID }
        : undefined,
      timeZone: settings.HELPDESK_TIMEZONE,
      log: log.child({ channel: 'teams' }),
    },
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.PORT, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, database: db.dialect }, 'helpdesk listening');
  notifications.start();
  mail?.start();
  // The polling finds retries and what a dead instance left; tests without timers rely on the kicks.
  if (opts.notifications?.timers !== false) inbox.start();
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // All at once, within SHUTDOWN_MS: stop accepting and let requests in flight finish (cut after
      // REQUESTS_GRACE_MS), while the jobs and the outbox stop after their current item (each item is
      // its own transaction; what is left is picked up at the next start or by another instance).
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), REQUESTS_GRACE_MS);
      // One part failing to stop (a connection lost on the way) must not keep the others from stopping.
      const quietly = (what: string, p: Promise<unknown> | undefined) => p?.catch((err) => log.warn({ err }, `${what}: stop failed`));
      await Promise.all([done, quietly('outbox and jobs', notifications.stop()), quietly('inbox', inbox.stop()), quietly('mail', mail?.stop()), ...closers.map((stop) => quietly('connection', stop()))]);
      clearTimeout(force);
      if (!opts.db) await db.close();
      log.info('helpdesk stopped');
    })());
  return { url: `http://127.0.0.1:${port}`, port, db, deps, notifications, mail, inbox, close };
}

export async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  const running = await startServer(settings);
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      // The last resort, should a send or a query hang: an open transaction dies with its connection.
      setTimeout(() => {
        process.stderr.write(`helpdesk: not stopped after ${SHUTDOWN_MS / 1000} s, exiting\n`);
        process.exit(1);
      }, SHUTDOWN_MS).unref();
      running.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
