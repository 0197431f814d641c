import { personFromPlatform } from '../../core/chat/chat-person.service';
import type { TeamsContext } from './context';

/**
 * Teams without a directory sync: the team's roster (`/v3/conversations/{teamId}/pagedmembers`)
 * introduces its members as people (matched by AAD id, then e-mail), so an admin can give a role to
 * a teammate by e-mail before that teammate ever wrote to the bot. Recorded at install and when
 * members are added; looked up again when a `role` names an e-mail nobody has yet.
 */
export async function recordRoster(ctx: TeamsContext, serviceUrl: string, teamId: string, only?: (email: string | null) => boolean): Promise<number> {
  let n = 0;
  for (const m of await ctx.connector.pagedMembers(serviceUrl, teamId)) {
    if (!m.aadObjectId || (only && !only(m.email?.toLowerCase() ?? null))) continue;
    const aad = m.aadObjectId.toLowerCase();
    try {
      await personFromPlatform(ctx.deps, 'teams', aad, async () => ({ email: m.email, name: m.name ?? m.email ?? aad, locale: null }));
      n++;
    } catch (err) {
      // A deactivated member stays deactivated; the others are still recorded.
      ctx.log.warn({ err, aad }, 'teams roster member not recorded');
    }
  }
  return n;
}
