import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { ArticleSummary } from '../core/kb/kb.view';
import type { SimilarTicket } from '../core/kb/suggest-articles-for-ticket.service';
import type { KnownBlock } from './block-kit';
import { escapeMrkdwn, mrkdwnSafe, slackLink, statusLabel, ticketUrl } from './format';

/**
 * Under a new ticket's card (R15, R7): related articles (internal ones included: technicians read it)
 * and similar tickets already resolved, with how they were resolved. Null when there is nothing.
 * Three items of at most ~550 characters each keep every section far below Slack's 3,000.
 */
export function ticketSuggestionsBlocks(
  s: { articles: ArticleSummary[]; tickets: SimilarTicket[] },
  o: { locale: Locale; publicUrl: string },
): { text: string; blocks: KnownBlock[] } | null {
  const l = o.locale;
  const blocks: KnownBlock[] = [];
  if (s.articles.length) {
    const lines = s.articles.map((a) => `• *${mrkdwnSafe(a.title, 200)}* (${a.id}) — ${mrkdwnSafe(a.excerpt, 300)}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(t(l, 'kb.suggest_articles'))}*\n${lines.join('\n')}` } });
  }
  if (s.tickets.length) {
    const lines = s.tickets.map((k) => {
      const link = slackLink(ticketUrl(o.publicUrl, k.number), `#${k.number}`);
      const how = k.resolution ? ` — ${mrkdwnSafe(k.resolution, 300)}` : '';
      return `• ${link} ${mrkdwnSafe(k.title, 150)} (${escapeMrkdwn(statusLabel(l, k.status))})${how}`;
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(t(l, 'kb.suggest_tickets'))}*\n${lines.join('\n')}` } });
  }
  if (!blocks.length) return null;
  const text = [s.articles.length ? t(l, 'kb.suggest_articles') : '', s.tickets.length ? t(l, 'kb.suggest_tickets') : ''].filter(Boolean).join(' · ');
  return { text: escapeMrkdwn(text), blocks };
}
