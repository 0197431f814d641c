import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { act } from '../../core/chat/conversation.service';
import { escapeMrkdwn } from '../../cards/format';
import { getArticle } from '../../core/kb/get-article.service';
import { draftArticleFromTicket } from '../../core/kb/draft-article-from-ticket.service';
import { kbArticleBlocks } from '../../cards/kb-articles.blocks';
import { KB_ACTIONS, parseArticleValue } from '../../cards/kb.actions';
import { dmChannel, SlackContext, tr } from './context';
import { actionHandler, invalid, ticketOf } from './interactions';
import { relayToCards } from './relay';

/** Where the button was pressed, seen only by the person who pressed it. */
async function privately(client: WebClient, body: BlockAction, m: { text: string; blocks?: unknown[] }): Promise<void> {
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...m } as never);
  else await client.chat.postMessage({ channel: await dmChannel(client, body.user.id), ...m } as never);
}

const articleOf = (a: Record<string, any>): number => {
  const id = parseArticleValue(a.value);
  if (id === null) throw invalid('article');
  return id;
};

export function registerKbActions(app: App, ctx: SlackContext): void {
  const on = actionHandler(app, ctx);

  on(KB_ACTIONS.solved, async (actor, a, body, client) => {
    const id = articleOf(a);
    // One offer (the message holding the buttons) counts once per person, however often it is pressed.
    const offer = String(body.container?.message_ts ?? a.action_ts ?? body.trigger_id);
    for (const r of await act(ctx.deps, actor, { kind: 'solved', article: id, offer: `slack:${body.user.id}:${offer}:${id}` })) {
      if (r.kind === 'say') await privately(client, body, { text: escapeMrkdwn(r.text) });
    }
  });

  on(KB_ACTIONS.read, async (actor, a, body, client) => {
    const v = await getArticle(ctx.deps, actor, articleOf(a));
    await privately(client, body, kbArticleBlocks(v, actor.locale));
  });

  on(KB_ACTIONS.draft, async (actor, a, body, client) => {
    const n = ticketOf(a);
    const r = await draftArticleFromTicket(ctx.deps, actor, n);
    const params = { id: r.article.id, title: r.article.title, number: n };
    await privately(client, body, { text: tr(actor.locale, r.created ? 'kb.drafted' : 'kb.draft_exists', params) });
    if (r.created) await relayToCards(ctx, client, n, tr(ctx.deps.defaultLocale, 'chat.event_drafted', { by: actor.name, id: r.article.id }));
  });
}
