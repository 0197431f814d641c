import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { articlesForProblem, DEFLECTION_MAX } from '../../core/kb/articles-for-problem.service';
import { searchArticles } from '../../core/kb/search-articles.service';
import { recordDeflection } from '../../core/kb/record-deflection.service';
import { getArticle } from '../../core/kb/get-article.service';
import { draftArticleFromTicket } from '../../core/kb/draft-article-from-ticket.service';
import { kbArticleBlocks, kbArticlesBlocks } from '../../cards/kb-articles.blocks';
import { KB_ACTIONS, parseArticleValue } from '../../cards/kb.actions';
import { dmChannel, SlackContext, tr } from './context';
import { actionHandler, invalid, ticketOf } from './interactions';
import { afterChange } from './follow-up';
import { reportIssueAction, textWithButton } from './reply-blocks';

type Say = (m: { text: string; blocks?: unknown[] }) => Promise<unknown>;
const short = (text: string) => (text.length > 200 ? text.slice(0, 199) + '…' : text);

/**
 * Issue 8 deflection (R2, R7, R15): a described problem is answered with up to three published
 * articles first; "Still need help" (or no match at all) continues to the prefilled report form.
 */
export async function offerAnswers(ctx: SlackContext, actor: Actor, text: string, say: Say): Promise<void> {
  const l = actor.locale;
  const articles = await articlesForProblem(ctx.deps, actor, text);
  if (!articles.length) {
    const prompt = tr(l, 'chat.report_prompt', { text: short(text) });
    return void (await say(textWithButton(prompt, { label: tr(l, 'chat.report_button'), actionId: reportIssueAction, value: text })));
  }
  await say(kbArticlesBlocks(articles, { locale: l, intro: tr(l, 'kb.deflect_intro', { text: short(text) }), problem: text }));
}

/** `kb <words>` / `/helpdesk kb <words>`: the same search, with what this person may read (staff see internal articles). */
export async function answerKb(ctx: SlackContext, actor: Actor, text: string, say: Say): Promise<void> {
  const l = actor.locale;
  const { items } = await searchArticles(ctx.deps, actor, { q: text.slice(0, 500), lang: l, limit: DEFLECTION_MAX });
  if (!items.length) return void (await say({ text: tr(l, 'kb.no_results', { text: short(text) }) }));
  await say(kbArticlesBlocks(items, { locale: l, intro: tr(l, 'kb.search_intro', { text: short(text) }), problem: text }));
}

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
    const r = await recordDeflection(ctx.deps, actor, id, `slack:${body.user.id}:${offer}:${id}`);
    await privately(client, body, { text: tr(actor.locale, r.counted ? 'kb.solved_thanks' : 'kb.solved_again', { title: r.title }) });
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
    if (r.created) await afterChange(ctx, client, n, { key: 'chat.event_drafted', params: { by: actor.name, id: r.article.id } }, { tellRequester: false });
  });
}
