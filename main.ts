import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadSettings, Settings } from './adapters/config/settings';
import { openDatabase, Database } from './adapters/sequelize/database';
import { createApp } from './bots/http/app';
import type { CoreDeps } from './core/shared/deps';
import { Clock, systemClock } from './core/shared/clock.port';

/** The composition root: the only place adapters meet core and the bots. */
export interface Running {
  url: string;
  port: number;
  db: Database;
  deps: CoreDeps;
  close(): Promise<void>;
}

export function buildDeps(settings: Settings, db: Database, clock: Clock = systemClock): CoreDeps {
  return { uow: db.uow, clock, defaultLocale: settings.HELPDESK_LOCALE, admins: settings.HELPDESK_ADMINS };
}

export async function startServer(settings: Settings, opts: { clock?: Clock; quiet?: boolean; db?: Database } = {}): Promise<Running> {
  const log = pino({ level: opts.quiet ? 'silent' : settings.LOG_LEVEL });
  // Tests hand in their own database (an in-memory one cannot be opened twice); it stays theirs to close.
  const db = opts.db ?? (await openDatabase(settings.DATABASE_URL));
  const ran = await db.migrate();
  if (ran.length) log.info({ migrations: ran }, 'database migrated');
  const deps = buildDeps(settings, db, opts.clock);
  const app = createApp({
    deps,
    publicUrl: settings.PUBLIC_URL,
    timeZone: settings.HELPDESK_TIMEZONE,
    health: () => db.ping(),
    logError: (err, req) => log.error({ err, method: req.method, url: req.originalUrl }, 'request failed'),
    slack:
      settings.SLACK_BOT_TOKEN && settings.SLACK_SIGNING_SECRET
        ? {
            botToken: settings.SLACK_BOT_TOKEN,
            signingSecret: settings.SLACK_SIGNING_SECRET,
            apiUrl: settings.SLACK_API_URL,
            timeZone: settings.HELPDESK_TIMEZONE,
            log: log.child({ channel: 'slack' }),
          }
        : undefined,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.PORT, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, database: db.dialect }, 'helpdesk listening');
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting, let requests in flight finish, then release the pool.
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 10000);
      await done;
      clearTimeout(force);
      if (!opts.db) await db.close();
      log.info('helpdesk stopped');
    })());
  return { url: `http://127.0.0.1:${port}`, port, db, deps, close };
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
      running.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
