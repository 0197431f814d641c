import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { setRole } from '../../core/people/manage-services.service';
import { requireAdmin } from '../../core/people/require-role';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { personFromPlatform } from '../../core/chat/chat-person.service';
import { rememberConversation } from '../../core/chat/conversation-refs.service';
import { personRefOf, type ChatIntent } from '../../core/chat/chat-command';
import { channelThread, conversationTypeOf, MENTION, referenceOf, TeamsActivity } from './activity';
import { OutActivity, TeamsContext, textMessage, tr } from './context';
import { recordRoster } from './roster';

const USAGE = { role: 'teams.usage_role', kb: 'teams.usage_kb', search: 'teams.usage_search', for: 'teams.usage_for', setup: 'teams.usage_setup' } as const;

/** `@Helpdesk setup technicians <service>`, `@Helpdesk setup managers` (in the channel), `role ...` (anywhere). Core checks the admin role. */
export async function adminCommand(ctx: TeamsContext, a: TeamsActivity, actor: Actor, intent: ChatIntent, say: (m: OutActivity) => Promise<unknown>): Promise<void> {
  const l = actor.locale;
  if (intent.kind === 'usage') return void (await say(textMessage(tr(l, USAGE[intent.command]))));
  if (intent.kind === 'setup') {
    if (conversationTypeOf(a) !== 'channel') return void (await say(textMessage(tr(l, 'teams.setup_in_channel'))));
    const { channelId } = channelThread(a);
    const { service } = await bindChannel(ctx.deps, actor, { platform: 'teams', teamId: a.channelData?.team?.id ?? null, channelId, purpose: intent.purpose, service: intent.service });
    // The channel's reference is what any instance will post the cards with.
    await rememberConversation(ctx.deps, referenceOf(a));
    return void (await say(textMessage(service ? tr(l, 'chat.bound_technicians', { service: service.name }) : tr(l, 'chat.bound_managers'))));
  }
  if (intent.kind === 'role') {
    const person = await personRef(ctx, a, actor, intent.person);
    const p = await setRole(ctx.deps, actor, { person, role: intent.role, service: intent.service });
    const service = intent.service ? tr(l, 'chat.in_service', { service: intent.service }) : '';
    await say(textMessage(tr(l, 'chat.role_set', { who: p.displayName, role: intent.role, service })));
  }
}

/**
 * An e-mail stays as typed; a Teams @mention becomes the person's AAD object id, the person being
 * met through the member look-up when new — only after core would let this actor give roles at all.
 */
async function personRef(ctx: TeamsContext, a: TeamsActivity, actor: Actor, raw: string): Promise<string> {
  if (!raw.startsWith(MENTION)) {
    const ref = personRefOf(raw);
    const teamId = a.channelData?.team?.id;
    // An e-mail nobody has yet: a teammate the bot has not met, looked up in the team's roster.
    if (teamId && /^[^\s@]+@[^\s@]+$/.test(ref) && !(await ctx.deps.uow.read.people.find({ by: 'email', value: ref.toLowerCase() }))) {
      requireAdmin(actor);
      await recordRoster(ctx, a.serviceUrl, teamId, (email) => email === ref.toLowerCase());
    }
    return ref;
  }
  requireAdmin(actor);
  const botFrameworkId = raw.slice(MENTION.length);
  const m = await ctx.connector.member({ serviceUrl: a.serviceUrl, conversationId: a.conversation.id }, botFrameworkId);
  if (!m?.aadObjectId) throw new HelpdeskError('person_not_found', { who: botFrameworkId.slice(0, 80) });
  const aad = m.aadObjectId.toLowerCase();
  await personFromPlatform(ctx.deps, 'teams', aad, async () => ({ email: m.email, name: m.name ?? aad, locale: null }));
  return aad;
}
