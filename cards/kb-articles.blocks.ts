import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { ArticleSummary, ArticleView } from '../core/kb/kb.view';
import { ACTIONS } from './actions';
import type { Button, KnownBlock } from './block-kit';
import { KB_ACTIONS } from './kb.actions';
import { escapeMrkdwn, mrkdwnSafe, truncate } from './format';

const SECTION_MAX = 3000;
/** An article read in chat: long enough for a procedure, short of Slack's 50 blocks. */
const READ_SECTIONS_MAX = 12;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(text, max), emoji: true });
const button = (action_id: string, text: string, value: string, style?: 'primary'): Button => ({
  type: 'button',
  action_id,
  text: plain(text, 75),
  value: value.slice(0, 2000),
  ...(style ? { style } : {}),
});

export interface KbListOptions {
  locale: Locale;
  /** The sentence above the list (deflection or search). */
  intro: string;
  /** What the person described: "Still need help" carries it to the prefilled form. Absent: no such button. */
  problem?: string;
}

/**
 * Up to three articles as answers (R15, R2): title, excerpt, how many it helped, and "This solved it"
 * on each; "Still need help" below continues to the report form with the person's words.
 */
export function kbArticlesBlocks(articles: ArticleSummary[], o: KbListOptions): { text: string; blocks: KnownBlock[] } {
  const l = o.locale;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwnSafe(o.intro, SECTION_MAX) } }];
  for (const a of articles.slice(0, 10)) {
    const title = `*${mrkdwnSafe(a.title, 200)}*`;
    blocks.push({ type: 'section', block_id: `kb:${a.id}`, text: { type: 'mrkdwn', text: `${title}\n${mrkdwnSafe(a.excerpt, SECTION_MAX - title.length - 1)}` } });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(l, 'kb.helped', { count: a.helpfulCount })) }] });
    blocks.push({
      type: 'actions',
      block_id: `kb_actions:${a.id}`,
      elements: [button(KB_ACTIONS.solved, t(l, 'kb.solved_button'), String(a.id), 'primary'), button(KB_ACTIONS.read, t(l, 'kb.read_button'), String(a.id))],
    });
  }
  if (o.problem !== undefined) {
    blocks.push({ type: 'actions', block_id: 'kb_more', elements: [button(ACTIONS.reportIssue, t(l, 'kb.still_need_help'), o.problem)] });
  }
  const titles = articles.slice(0, 10).map((a) => `• ${a.title}`).join('\n');
  return { text: mrkdwnSafe(`${o.intro}\n${titles}`, SECTION_MAX), blocks };
}

/** Markdown headings and `**bold**` as Slack shows bold; the rest of Markdown reads well enough as it is. */
const toMrkdwn = (escaped: string) => escaped.replace(/^#{1,6}\s+(.+)$/gm, '*$1*').replace(/\*\*([^*\n]+)\*\*/g, '*$1*');

/** The whole article, shown privately to whoever pressed Read. */
export function kbArticleBlocks(a: ArticleView, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(a.title, 150) }];
  const paragraphs = a.body.split(/\n{2,}/);
  let chunk = '';
  const flush = () => {
    if (chunk.trim() && blocks.length <= READ_SECTIONS_MAX) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(mrkdwnSafe(chunk.trim(), SECTION_MAX)) } });
    chunk = '';
  };
  for (const p of paragraphs) {
    if (chunk.length + p.length + 2 > 2800) flush();
    chunk += `${p}\n\n`;
  }
  flush();
  blocks.push({ type: 'actions', block_id: `kb_actions:${a.id}`, elements: [button(KB_ACTIONS.solved, t(locale, 'kb.solved_button'), String(a.id), 'primary')] });
  return { text: mrkdwnSafe(a.title, 1000), blocks };
}
