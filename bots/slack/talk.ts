import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import type { ChatReply, TalkCapabilities } from '../../core/chat/chat-reply';
import { converse } from '../../core/chat/conversation.service';
import { personRefOf } from '../../core/chat/chat-command';
import { escapeMrkdwn } from '../../cards/format';
import { helpBlocks } from '../../cards/help.blocks';
import { kbArticlesBlocks } from '../../cards/kb-articles.blocks';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { ticketSearchBlocks } from '../../cards/ticket-search.blocks';
import { reportSummaryBlocks } from '../../cards/report-summary.blocks';
import { slackActor, SlackContext, tr } from './context';
import { openReportModal } from './modals';
import { editDetailsAction, reportIssueAction, textWithButton } from './reply-blocks';

export type SlackMessage = { text: string; blocks?: unknown[]; response_type?: 'ephemeral' | 'in_channel' };
export type SlackSay = (m: SlackMessage) => Promise<unknown>;

/** Where the answer goes, and the trigger id a slash command or button brings (a modal opens from it). */
export interface SlackOut {
  say: SlackSay;
  triggerId?: string;
}

/** A Slack mention or member id is met through users.info before core looks the person up. */
export const slackMeet = (ctx: SlackContext, client: WebClient) => async (raw: string): Promise<string> => {
  const ref = personRefOf(raw);
  if (/^[UW][A-Z0-9]+$/.test(ref)) await slackActor(ctx, client, ref);
  return ref;
};

/** The conversation service's answer, drawn in Block Kit. Nothing here decides what the words mean. */
export async function renderSlack(ctx: SlackContext, client: WebClient, actor: Actor, r: ChatReply, out: SlackOut): Promise<void> {
  const l = actor.locale;
  const options = { locale: l, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now() };
  switch (r.kind) {
    case 'say':
      return void (await out.say({ text: r.plain ? escapeMrkdwn(r.text) : r.text, ...(r.public ? { response_type: 'in_channel' as const } : {}) }));
    case 'help':
      return void (await out.say(helpBlocks(l)));
    case 'articles':
      return void (await out.say(kbArticlesBlocks(r.articles, { locale: l, intro: r.intro, problem: r.problem })));
    case 'tickets':
      return void (await out.say(r.query !== undefined ? ticketSearchBlocks(r.items, r.query, options) : myTicketsBlocks(r.items, options)));
    case 'report':
      return void (await out.say(reportSummaryBlocks(r.report, r.links)));
    case 'filed':
      if (r.forCaller) return void (await out.say({ text: r.text }));
      return void (await out.say(textWithButton(r.text, { label: tr(l, 'chat.edit_details'), actionId: editDetailsAction, value: String(r.number) })));
    case 'form': {
      // A trigger id opens the modal at once (Slack's 3 s window); a message offers the button that opens it.
      if (out.triggerId) return openReportModal(ctx, client, actor, out.triggerId, r.prefill as never, r.ticket);
      const intro = r.intro ?? tr(l, 'chat.report_button');
      return void (await out.say(textWithButton(intro, { label: tr(l, 'chat.report_button'), actionId: reportIssueAction, value: r.prefill.description ?? '' })));
    }
  }
}

/** Words said to the bot on Slack: one core call, then Block Kit. */
export async function talkOnSlack(ctx: SlackContext, client: WebClient, actor: Actor, text: string, caps: Omit<TalkCapabilities, 'platform' | 'meet'>, out: SlackOut): Promise<void> {
  const replies = await converse(ctx.deps, actor, text, { ...caps, platform: 'slack', meet: slackMeet(ctx, client) }, { publicUrl: ctx.publicUrl, timeZone: ctx.timeZone });
  for (const r of replies) await renderSlack(ctx, client, actor, r, out);
}
