import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import type { ChatReply, TalkCapabilities } from '../../core/chat/chat-reply';
import { converse } from '../../core/chat/conversation.service';
import { personRefOf, titleFrom } from '../../core/chat/chat-command';
import { personFromPlatform } from '../../core/chat/chat-person.service';
import { listCategories } from '../../core/people/manage-categories.service';
import { helpAdaptive } from '../../cards/help.adaptive';
import { kbSuggestionsAdaptive } from '../../cards/kb-suggestions.adaptive';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { ticketSearchAdaptive } from '../../cards/ticket-search.adaptive';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { MENTION, type TeamsActivity } from './activity';
import { recordRoster } from './roster';
import { cardMessage, OutActivity, TeamsContext, textMessage } from './context';

/** The report form card, prefilled (the same card the web bot draws). */
export async function reportForm(ctx: TeamsContext, actor: Actor, prefill: { title?: string; description?: string }): Promise<Record<string, unknown>> {
  const categories = (await listCategories(ctx.deps)).map((c) => ({ slug: c.slug, name: actor.locale === 'en' ? c.nameEn : c.nameFr }));
  return reportFormAdaptive({ locale: actor.locale, categories, prefill });
}
export const prefillOf = (text: string) => (text ? { title: titleFrom(text), description: text } : {});

/** The conversation service's answer as Teams activities (Adaptive Cards 1.5). Nothing here decides what words mean. */
export async function renderTeams(ctx: TeamsContext, actor: Actor, r: ChatReply): Promise<OutActivity[]> {
  const l = actor.locale;
  const options = { locale: l, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), withActions: false };
  switch (r.kind) {
    case 'say':
    case 'filed':
      return [textMessage(r.text)];
    case 'help':
      return [cardMessage(helpAdaptive(l, 'teams'))];
    case 'articles':
      return [cardMessage(kbSuggestionsAdaptive(r.articles, r.problem, l))];
    case 'tickets':
      return [cardMessage(r.query !== undefined ? ticketSearchAdaptive(r.items, r.query, options) : myTicketsAdaptive(r.items, options))];
    case 'report':
      return [cardMessage(reportSummaryAdaptive(r.report, r.links))];
    case 'form':
      return [...(r.intro ? [textMessage(r.intro)] : []), cardMessage(await reportForm(ctx, actor, r.prefill))];
  }
}

/**
 * An e-mail stays as typed; a Teams @mention becomes the person's AAD object id, the person being met
 * through the member look-up when new (core asks only after it has checked this actor may).
 */
const teamsMeet = (ctx: TeamsContext, a: TeamsActivity) => async (raw: string): Promise<string> => {
  if (!raw.startsWith(MENTION)) {
    const ref = personRefOf(raw);
    const teamId = a.channelData?.team?.id;
    // An e-mail nobody has yet: a teammate the bot has not met, looked up in the team's roster.
    if (teamId && /^[^\s@]+@[^\s@]+$/.test(ref) && !(await ctx.deps.uow.read.people.find({ by: 'email', value: ref.toLowerCase() }))) {
      await recordRoster(ctx, a.serviceUrl, teamId, (email) => email === ref.toLowerCase());
    }
    return ref;
  }
  const botFrameworkId = raw.slice(MENTION.length);
  const m = await ctx.connector.member({ serviceUrl: a.serviceUrl, conversationId: a.conversation.id }, botFrameworkId);
  if (!m?.aadObjectId) throw new HelpdeskError('person_not_found', { who: botFrameworkId.slice(0, 80) });
  const aad = m.aadObjectId.toLowerCase();
  await personFromPlatform(ctx.deps, 'teams', aad, async () => ({ email: m.email, name: m.name ?? aad, locale: null }));
  return aad;
};

/** Words said to the bot in Teams: one core call, then cards. */
export async function talkOnTeams(ctx: TeamsContext, a: TeamsActivity, actor: Actor, text: string, caps: Omit<TalkCapabilities, 'platform' | 'meet'>): Promise<ChatReply[]> {
  return converse(ctx.deps, actor, text, { ...caps, platform: 'teams', meet: teamsMeet(ctx, a) }, { publicUrl: ctx.publicUrl, timeZone: ctx.timeZone });
}
