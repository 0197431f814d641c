import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AuthConfiguration, TurnContext } from '@microsoft/agents-hosting';
import { agentsHosting } from './agents-sdk';
import type { CoreDeps } from '../../core/shared/deps';
import { rememberConversation } from '../../core/chat/conversation-refs.service';
import { asTeamsActivity, referenceOf, TeamsActivity } from './activity';
import { ADAPTIVE, explain, TeamsConnector, TeamsContext, TeamsLog, teamsActor, tr } from './context';
import { onMessage } from './messages';
import { onCardAction } from './invokes';
import { onExtensionSubmit } from './extension';
import { onInstall } from './install';
import { noticeAdaptive } from '../../cards/notice.adaptive';
import type { ChatCards } from '../../core/notifications/chat-cards.port';
import type { Inbox } from '../../core/chat/inbox';
import { teamsInbound } from './inbound';

export interface TeamsBotOptions {
  deps: CoreDeps;
  /** Where every activity is stored before Teams gets its answer. */
  inbox: Inbox;
  connector: TeamsConnector;
  publicUrl: string;
  timeZone: string;
  /** The ticket-card renderer the outbox uses too (main.ts). */
  cards: ChatCards;
  log: TeamsLog;
  /** MICROSOFT_APP_ID / _PASSWORD / _TENANT_ID; absent: local unauthenticated mode (settings.ts refuses it in production). */
  auth?: { appId: string; password: string; tenantId?: string };
}

/**
 * The Teams bot at `POST /api/messages`, on the Microsoft 365 Agents SDK: its JWT middleware checks
 * every request's token when an app id is set (no valid token: 401), and its CloudAdapter turns the
 * request into a turn and the turn's invoke response into the HTTP answer. The bot itself is thin:
 * an activity becomes one core call and a card, sent through the connector.
 */
export function createTeamsBot(o: TeamsBotOptions): Router {
  const authConfig: AuthConfiguration = o.auth ? { clientId: o.auth.appId, clientSecret: o.auth.password, tenantId: o.auth.tenantId } : {};
  // With a token, the activity's serviceUrl must be the host the token was issued for: our replies carry
  // the app's own token, and must never be sent wherever a forwarded activity points.
  const adapter = new agentsHosting.CloudAdapter(authConfig, undefined, undefined, { validateServiceUrl: true });
  // The SDK's default tells the user to "fix the source code": log instead; handlers already answer coded errors in words.
  adapter.onTurnError = async (_turn, err) => o.log.error({ err }, 'teams turn failed');
  const ctx: TeamsContext = {
    deps: o.deps,
    connector: o.connector,
    publicUrl: o.publicUrl,
    timeZone: o.timeZone,
    cards: o.cards,
    log: o.log,
    later: (what, work) => {
      // After the answer: Teams waits about 10 s for an invoke, and a card update must not delay it.
      setImmediate(() => work().catch((err) => o.log.error({ err }, `teams work after the answer failed: ${what}`)));
    },
  };
  const inbound = teamsInbound(o.inbox, (a, turn) => onTurn(ctx, a, turn));
  o.inbox.handle('teams', inbound.dispatch);
  const router = express.Router();
  const authorize = async (req: Request, res: Response, next: NextFunction) => {
    await adapter.authorizeRequest(req as never, res as never, next);
  };
  router.post('/', express.json({ limit: '1mb' }), authorize, async (req: Request, res: Response) => {
    const activity = asTeamsActivity(req.body);
    if (!activity) return void res.status(400).json({ error: { code: 'malformed_activity', message: 'not a Bot Framework activity' } });
    await adapter.process(req as never, res as never, async (turn) => {
      try {
        await inbound.accept(activity, turn);
      } catch (err) {
        o.log.error({ err }, 'teams activity not stored');
        // Not stored, so not acknowledged: Teams resends what it got no 200 for (the SDK then only ends the response).
        if (!res.headersSent) res.status(503).json({ error: { code: 'unavailable', message: 'try again' } });
      }
    });
  });
  return router;
}

async function onTurn(ctx: TeamsContext, a: TeamsActivity, turn: TurnContext): Promise<void> {
  // Every contact refreshes where this conversation lives (DESIGN.md: in the database, for any instance).
  await rememberConversation(ctx.deps, referenceOf(a)).catch((err) => ctx.log.warn({ err }, 'conversation reference not stored'));
  if (a.type === 'message') return onMessage(ctx, a);
  if (a.type === 'conversationUpdate' || a.type === 'installationUpdate') return onInstall(ctx, a);
  if (a.type !== 'invoke') return;
  const answer = (body: unknown) => turn.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as never);
  let actor;
  try {
    actor = (await teamsActor(ctx, a)).actor;
  } catch (e) {
    const text = explain(ctx, ctx.deps.defaultLocale, e);
    if (a.name === 'adaptiveCard/action') return void (await answer(cardAnswer(noticeAdaptive(tr(ctx.deps.defaultLocale, 'teams.refused_title'), text, 'refused'))));
    return void (await answer({ task: { type: 'message', value: text } }));
  }
  if (a.name === 'adaptiveCard/action') {
    const card = await onCardAction(ctx, a, actor).catch((e) => noticeAdaptive(tr(actor.locale, 'teams.refused_title'), explain(ctx, actor.locale, e), 'refused'));
    return void (await answer(cardAnswer(card)));
  }
  if (a.name === 'composeExtension/submitAction') return void (await answer({ task: { type: 'message', value: await onExtensionSubmit(ctx, a, actor) } }));
}

const cardAnswer = (card: Record<string, unknown>) => ({ statusCode: 200, type: ADAPTIVE, value: card });
