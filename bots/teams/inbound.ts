import { createHash } from 'node:crypto';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Inbox } from '../../core/chat/inbox';
import type { TeamsActivity } from './activity';

/** What the receiver hands over once the SDK has checked the request: the activity and its turn. */
export type TeamsAccept = (a: TeamsActivity, turn: TurnContext) => Promise<void>;

/**
 * Teams' idempotency key: the activity id within its conversation (Teams resends the same activity
 * after 15 s without an answer). Conversation ids are long: the pair is hashed to fit the key.
 */
export function teamsKey(a: TeamsActivity): string {
  const id = a.id ?? JSON.stringify(a);
  return `${a.type.slice(0, 24)}:${createHash('sha256').update(`${a.conversation.id}|${id}`).digest('hex').slice(0, 48)}`;
}

/** In the worker there is no HTTP answer to give: an invoke taken over after a crash answers no one. */
const detachedTurn = { sendActivity: async () => undefined } as unknown as TurnContext;

/**
 * Store, then acknowledge, then work. An invoke's answer is the card Teams shows at once, so it runs
 * inline, recorded first; a resent invoke is answered again by the same handlers, whose own records
 * keep the work from being done twice. Every other activity is stored and worked on by the inbox's
 * workers through `dispatch`; the SDK answers 200 only once the row is written.
 */
export function teamsInbound(inbox: Inbox, onTurn: (a: TeamsActivity, turn: TurnContext) => Promise<void>): { accept: TeamsAccept; dispatch: (payload: unknown) => Promise<void> } {
  const accept: TeamsAccept = async (a, turn) => {
    const key = teamsKey(a);
    if (a.type === 'invoke') {
      const r = await inbox.inline('teams', key, a, () => onTurn(a, turn));
      if (!r.fresh) await onTurn(a, turn);
      return;
    }
    await inbox.receive('teams', key, a);
  };
  const dispatch = (payload: unknown) => onTurn(payload as TeamsActivity, detachedTurn);
  return { accept, dispatch };
}
