import type { CoreDeps } from '../../core/shared/deps';
import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { listPeople } from '../../core/people/manage-people.service';
import { t } from '../../core/i18n/translate';
import type { MessageKey } from '../../core/i18n/catalogue';
import type { ChatCards } from '../../core/notifications/chat-cards.port';
import { ticketCardBlocks } from '../../cards/ticket.blocks';
import { escapeMrkdwn } from '../../cards/format';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { ticketSuggestionsBlocks } from '../../cards/ticket-suggestions.blocks';
import { suggestArticlesForTicket } from '../../core/kb/suggest-articles-for-ticket.service';
import { queueAudience } from '../../core/chat/queue-audience';
import { isStaff } from '../../core/shared/actor';

/** The thread line of a change made elsewhere, with the words the bots use for their own. */
function lineKey(action: string): { key: MessageKey; status?: boolean } {
  if (action === 'claimed' || action === 'routed') return { key: 'chat.event_claimed' };
  if (action === 'assigned') return { key: 'chat.event_assigned' };
  if (action === 'status:resolved') return { key: 'chat.event_resolved' };
  if (action.startsWith('status') || action === 'reopened' || action === 'acceptance_expired') return { key: 'chat.event_status', status: true };
  return { key: 'chat.event_edited' };
}

/** The technician cards, one renderer per platform: the outbox's senders and the bots' immediate answers draw with it. */
export function chatCards(deps: CoreDeps, o: { publicUrl: string; timeZone: string }): ChatCards {
  const l = deps.defaultLocale;
  const view = (n: number) => getTicket(deps, systemActor(l), n);
  const options = (locale = l) => ({ locale, publicUrl: o.publicUrl, timeZone: o.timeZone, now: deps.clock.now() });
  return {
    async slack(n) {
      return ticketCardBlocks(await view(n), options());
    },
    async teams(n, viewer) {
      // A presser sees the ticket as they may see it (core refuses otherwise), buttons only for staff.
      const v = viewer ? await getTicket(deps, viewer.actor, n) : await view(n);
      const locale = viewer?.actor.locale ?? l;
      const withActions = !viewer || isStaff(viewer.actor);
      // Teams has no people picker in a card: the Assign choice lists the technicians.
      const technicians = withActions ? (await listPeople(deps, systemActor(locale), { role: 'technician', limit: 100 })).filter((p) => p.active) : [];
      const card = ticketCardAdaptive(v, { ...options(locale), withActions, technicians: technicians.map((p) => ({ id: p.id, name: p.displayName })) });
      return { card, summary: `#${n} ${v.title}` };
    },
    async slackSuggestions(n) {
      const v = await view(n);
      const s = await suggestArticlesForTicket(deps, queueAudience(v.service?.id ?? null, l), n);
      return ticketSuggestionsBlocks(s, { locale: l, publicUrl: o.publicUrl });
    },
    line(p) {
      const action = String(p.action ?? '');
      if (action === 'assigned' && typeof p.removed === 'string' && p.removed) return t(l, 'chat.event_unassigned', { by: p.by ?? '', who: p.removed });
      const { key, status } = lineKey(action);
      const statusText = status && typeof p.status === 'string' ? t(l, `status.${p.status}` as MessageKey) : '';
      return t(l, key, { by: p.by ?? '', who: p.who ?? '', resolution: p.resolution ?? '', status: statusText, text: p.text ?? '' });
    },
    comment(p, platform) {
      // User text is data: on Slack, <!channel> or <@U…> in a comment must not ping anyone.
      const plain = (v: unknown) => (platform === 'slack' ? escapeMrkdwn(String(v ?? '')) : String(v ?? ''));
      // A reply by mail says so: nobody in the channel saw it being written.
      if (p.via === 'email') return t(l, 'chat.mail_relay', { by: plain(p.author), text: plain(p.body) });
      return t(l, 'chat.relay', { name: plain(p.author), text: plain(p.body) });
    },
  };
}
