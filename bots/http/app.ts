import express, { Express, Request } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { apiRouter } from '../api/router';
import { errorHandler } from '../api/errors';
import { homePage } from './home.page';
import { metrics } from './metrics';
import { createSlackBot, SlackBotOptions } from '../slack/slack-bot';

export interface AppOptions {
  deps: CoreDeps;
  publicUrl: string;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  health: () => Promise<boolean>;
  logError: (err: unknown, req: Request) => void;
  /** Present when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are both set. */
  slack?: Omit<SlackBotOptions, 'deps' | 'publicUrl'>;
  /** HELPDESK_TIMEZONE, for report periods; without it, the business calendar's zone. */
  timeZone?: string;
}

/** One express app, one port, every route of CONTRACT.md. */
export function createApp(o: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const prometheus = metrics(o.deps);
  app.use(prometheus.middleware);
  app.use('/metrics', prometheus.router);
  app.get('/healthz', async (_req, res) => {
    const ok = await o.health().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.use('/api/v1', apiRouter(o.deps, o.publicUrl, o.timeZone));
  if (o.slack) app.use('/slack/events', createSlackBot({ ...o.slack, deps: o.deps, publicUrl: o.publicUrl }));
  app.get('/', (req, res) => {
    res.type('html').send(homePage(req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : o.deps.defaultLocale));
  });
  app.use(errorHandler(o.deps.defaultLocale, o.logError));
  return app;
}
