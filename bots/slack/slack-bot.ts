import { App, LogLevel, type AuthorizeResult, type Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { SlackHttpReceiver } from './receiver';
import { SlackSocketReceiver } from './socket-receiver';
import { slackInbound } from './inbound';
import type { SlackContext, SlackLog } from './context';
import { registerCommands } from './commands';
import { registerActions } from './interactions';
import { registerViews } from './modals';
import { registerEvents } from './events';
import { registerKbActions } from './kb';
import { registerStaffActions } from './staff';
import { WorkLimit } from './work-limit';
import type { ChatCards } from '../../core/notifications/chat-cards.port';
import type { Inbox } from '../../core/chat/inbox';

/** Enough to keep the database pool busy, few enough that acks stay prompt under a burst. */
const WORK_CONCURRENCY = 8;

export interface SlackBotOptions {
  deps: CoreDeps;
  /** Where every input is stored before Slack gets its acknowledgement. */
  inbox: Inbox;
  botToken: string;
  /** HTTP mode: Slack calls POST /slack/events, signed with this secret. */
  signingSecret?: string;
  /** Socket Mode (SLACK_APP_TOKEN): the server connects to Slack instead; takes precedence. */
  appToken?: string;
  /** Counts each input received (the /metrics counter), whichever the transport. */
  onInput?: (transport: 'http' | 'socket') => void;
  /** SLACK_API_URL: Slack's Web API, or a local peer in tests. */
  apiUrl: string;
  publicUrl: string;
  timeZone: string;
  /** The ticket-card renderer the outbox uses too (main.ts). */
  cards: ChatCards;
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

export interface SlackBot {
  /** HTTP mode: mounted by the HTTP app at `POST /slack/events`. */
  router?: Router;
  /** Socket Mode: the connection to Slack, opened at once, closed with the server. */
  stop(): Promise<void>;
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
 * The Slack bot (events, slash commands, interactivity), over HTTP or Socket Mode: both transports
 * hand each input to one funnel (`slackInbound`), which stores it before the ack. Settings arrive as
 * arguments from main.ts; nothing here reads the environment.
 */
export function createSlackBot(o: SlackBotOptions): SlackBot {
  let bolt: App | null = null;
  const inbound = slackInbound(o.inbox, () => bolt!, o.log, { onInput: o.onInput });
  const logger = boltLogger(o.log);
  const apiUrl = o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`;
  const receiver = o.appToken
    ? new SlackSocketReceiver({ appToken: o.appToken, apiUrl, logger, log: o.log }, inbound.accept)
    : new SlackHttpReceiver(o.signingSecret ?? '', o.log, inbound.accept, o.deps.defaultLocale);
  const clientOptions = {
    slackApiUrl: apiUrl,
    // A few quick retries, never minutes of them: a longer outage goes back to the inbox, which retries later.
    retryConfig: { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1000 },
  };
  const app = new App({
    authorize: botAuthorization(o.botToken, new WebClient(o.botToken, clientOptions)),
    receiver,
    logger,
    clientOptions,
  });
  const ctx: SlackContext = { deps: o.deps, publicUrl: o.publicUrl, timeZone: o.timeZone, log: o.log, work: new WorkLimit(WORK_CONCURRENCY), cards: o.cards };
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
  bolt = app;
  o.inbox.handle('slack', inbound.dispatch);
  if (receiver instanceof SlackSocketReceiver) {
    void receiver.start();
    return { stop: async () => void (await receiver.stop()) };
  }
  return { router: receiver.router, stop: async () => undefined };
}
