import { pickLocale } from '../../core/i18n/translate';
import { rememberConversation } from '../../core/chat/conversation-refs.service';
import { referenceOf, TeamsActivity, tenantOf } from './activity';
import { TeamsContext, textMessage, tr } from './context';
import { recordRoster } from './roster';

/**
 * The app added to a personal scope, a team or a group chat (conversationUpdate with the bot among
 * the members added, or installationUpdate `add`): the conversation is remembered, a team's channels
 * too (so `setup technicians` and proactive cards work from any instance), and the person is greeted.
 */
export async function onInstall(ctx: TeamsContext, a: TeamsActivity): Promise<void> {
  const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
  const added = a.type === 'installationUpdate' ? (a.action ?? 'add').startsWith('add') : botAdded;
  const ref = referenceOf(a);
  await rememberConversation(ctx.deps, ref);
  const teamId = a.channelData?.team?.id;
  if (teamId && (added || a.channelData?.eventType === 'channelCreated')) {
    try {
      for (const c of await ctx.connector.teamChannels(a.serviceUrl, teamId)) {
        await rememberConversation(ctx.deps, { ...ref, conversationId: c.id, conversationType: 'channel', channelId: c.id, teamId, userId: null, tenantId: tenantOf(a) });
      }
    } catch (err) {
      ctx.log.warn({ err, teamId }, 'teams channel list failed');
    }
  }
  // The roster at install, and again when people join the team: they can be given roles by e-mail.
  const joined = (a.membersAdded ?? []).some((m) => m.id !== a.recipient?.id);
  if (teamId && (added || joined)) {
    await recordRoster(ctx, a.serviceUrl, teamId).catch((err) => ctx.log.warn({ err, teamId }, 'teams roster failed'));
  }
  if (!added || a.type === 'installationUpdate') return;
  const to = { serviceUrl: a.serviceUrl, conversationId: a.conversation.id };
  const l = pickLocale(a.locale ?? null, ctx.deps.defaultLocale);
  await ctx.connector.post(to, textMessage(tr(l, ref.conversationType === 'personal' ? 'teams.welcome' : 'teams.installed')));
}
