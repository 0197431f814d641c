import express, { Express, Request } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { apiRouter } from '../api/router';
import { errorHandler } from '../api/errors';
import { homePage } from './home.page';

export interface AppOptions {
  deps: CoreDeps;
  publicUrl: string;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  health: () => Promise<boolean>;
  logError: (err: unknown, req: Request) => void;
}

/** One express app, one port, every route of CONTRACT.md. */
export function createApp(o: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.get('/healthz', async (_req, res) => {
    const ok = await o.health().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.use('/api/v1', apiRouter(o.deps, o.publicUrl));
  app.get('/', (req, res) => {
    res.type('html').send(homePage(req.acceptsLanguages('fr', 'en') === 'en' ? 'en' : o.deps.defaultLocale));
  });
  app.use(errorHandler(o.deps.defaultLocale, o.logError));
  return app;
}
