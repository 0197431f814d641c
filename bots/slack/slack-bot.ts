import { App, LogLevel, type AuthorizeResult, type Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { SlackHttpReceiver } from './receiver';
import type { SlackContext, SlackLog } from './context';
import { registerCommands } from './commands';
import { registerActions } from './interactions';
import { registerViews } from './modals';
import { registerEvents } from './events';
import { registerKbActions } from './kb';
import { registerStaffActions } from './staff';
import { WorkLimit } from './work-limit';
import { slackInbound } from './inbound';
import type { Inbox } from '../../core/chat/inbox';

/** Enough to keep the database pool busy, few enough that acks stay prompt under a burst. */
const WORK_CONCURRENCY = 8;

export interface SlackBotOptions {
  deps: CoreDeps;
  /** Where every input is stored before Slack gets its acknowledgement. */
  inbox: Inbox;
  botToken: string;
  signingSecret: string;
  /** SLACK_API_URL: Slack's Web API, or a local peer in tests. */
  apiUrl: string;
  publicUrl: string;
  timeZone: string;
  log: SlackLog & { debug?(o: object, msg: string): void; info?(o: object, msg: string): void };
}

/** Bolt's logger interface over ours, so Slack's own warnings land in the same log. */
function boltLogger(log: SlackBotOptions['log']): Logger {
  const write = (level: 'warn' | 'error') => (...msg: unknown[]) => log[level]({ source: 'bolt' }, msg.map(String).join(' '));
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}

/**
 * Bolt's single-token authorization without verification calls auth.test for every input: here it
 * runs on the first input only (never at start, so a Slack outage never stops the server), and again
 * only after a failure.
 */
function botAuthorization(botToken: string, client: WebClient): () => Promise<AuthorizeResult> {
  let known: Promise<AuthorizeResult> | null = null;
  return () =>
    (known ??= client.auth.test().then(
      (r) => ({ botToken, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id, enterpriseId: r.enterprise_id }),
      (err) => {
        known = null;
        throw err;
      },
    ));
}

/**
 * The Slack bot, mounted by the HTTP app at `POST /slack/events` (events, slash commands,
 * interactivity). Settings arrive as arguments from main.ts; nothing here reads the environment.
 */
export function createSlackBot(o: SlackBotOptions): Router {
  const inbound = slackInbound(o.inbox, () => app, o.log);
  const receiver = new SlackHttpReceiver(o.signingSecret, o.log, inbound.accept);
  const clientOptions = {
    slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`,
    // A few quick retries, never minutes of them: a longer outage goes back to the inbox, which retries later.
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1000 },
  };
  const app: App = new App({
    authorize: botAuthorization(o.botToken, new WebClient(o.botToken, clientOptions)),
    receiver,
    logger: boltLogger(o.log),
    clientOptions,
  });
  const ctx: SlackContext = { deps: o.deps, publicUrl: o.publicUrl, timeZone: o.timeZone, log: o.log, work: new WorkLimit(WORK_CONCURRENCY) };
  registerCommands(app, ctx);
  registerActions(app, ctx);
  registerViews(app, ctx);
  registerEvents(app, ctx);
  registerKbActions(app, ctx);
  registerStaffActions(app, ctx);
  app.error(async (err) => {
    o.log.error({ err }, 'slack listener error');
    // Back to the inbox: a platform outage while answering is retried later, never dropped.
    throw err;
  });
  o.inbox.handle('slack', inbound.dispatch);
  return receiver.router;
}
