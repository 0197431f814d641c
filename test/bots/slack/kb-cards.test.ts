import { blockKitProblems } from '../../support/fake-slack';
import { bigTicket, NASTY, options, smallTicket } from '../../cards/fixtures';
import { kbArticleBlocks, kbArticlesBlocks } from '../../../cards/kb-articles.blocks';
import { ticketSuggestionsBlocks } from '../../../cards/ticket-suggestions.blocks';
import { reportTextBlocks } from '../../../cards/report-text.blocks';
import { ticketSearchBlocks } from '../../../cards/ticket-search.blocks';
import { noteModalView } from '../../../cards/note-modal.blocks';
import { ticketCardBlocks } from '../../../cards/ticket.blocks';
import type { ArticleSummary, ArticleView } from '../../../core/kb/kb.view';

const long = (n: number) => (NASTY.repeat(Math.ceil(n / NASTY.length)) + 'x'.repeat(n)).slice(0, n);
const summary = (id: number, over: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id, kind: 'faq', title: long(200), category: null, tags: [], language: 'fr', audience: 'everyone', status: 'published',
  version: 1, viewCount: 0, helpfulCount: 3, resolvedCount: 0, createdAt: new Date(), updatedAt: new Date(), publishedAt: new Date(),
  author: null, excerpt: long(240), ...over,
});
const buttonsWithin = (blocks: any[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).filter((e: any) => e.type === 'button').every((e: any) => e.text.text.length <= 75 && (e.value ?? '').length <= 2000);
/** Every mrkdwn text Slack would render (button values are data, never shown). */
const mrkdwnTexts = (node: unknown): string[] =>
  Array.isArray(node) ? node.flatMap(mrkdwnTexts) : node && typeof node === 'object'
    ? (node as any).type === 'mrkdwn' ? [(node as any).text] : Object.values(node).flatMap(mrkdwnTexts)
    : [];

/** Issue 3's Block Kit limits (50 blocks, 3,000 characters a text) hold for every new Slack answer, with the worst inputs. */
describe('knowledge-base and card-extra blocks stay within Block Kit limits (R15)', () => {
  it('deflection lists with ten long articles and a 4,000-character problem', () => {
    const r = kbArticlesBlocks(Array.from({ length: 10 }, (_, i) => summary(i + 1)), { locale: 'fr', intro: long(4000), problem: long(4000) });
    expect(blockKitProblems(r.blocks, 50)).toEqual([]);
    expect(r.text.length).toBeLessThanOrEqual(3000);
    expect(buttonsWithin(r.blocks)).toBe(true);
    // Nothing the author typed becomes a mention or a link in Slack.
    const shown = mrkdwnTexts(r.blocks);
    expect(shown.length).toBeGreaterThan(20);
    for (const text of [...shown, r.text]) expect(text).not.toMatch(/<!channel>|<@U123>/);
  });

  it('a 50,000-character article read in chat', () => {
    const body = Array.from({ length: 400 }, (_, i) => `## Étape ${i}\n\n${long(120)}`).join('\n\n');
    const a = { ...summary(7), body, tickets: [] } as unknown as ArticleView;
    const r = kbArticleBlocks(a, 'en');
    expect(blockKitProblems(r.blocks, 50)).toEqual([]);
    expect(r.blocks.length).toBeGreaterThan(5);
    expect((r.blocks[1] as any).text.text).toMatch(/^\*Étape 0\*\n\nÉcran &lt;b&gt;/);
    const oneParagraph = kbArticleBlocks({ ...a, body: long(50000) }, 'fr');
    expect(blockKitProblems(oneParagraph.blocks, 50)).toEqual([]);
  });

  it('suggestions with long titles and resolutions, the ticket search and the note modal', () => {
    const tickets = Array.from({ length: 3 }, (_, i) => ({ number: 100 + i, title: long(500), status: 'resolved' as const, resolvedAt: new Date(), resolution: long(4000) }));
    const s = ticketSuggestionsBlocks({ articles: [1, 2, 3].map((i) => summary(i)), tickets }, { locale: 'fr', publicUrl: 'https://h.example' })!;
    expect(blockKitProblems(s.blocks, 50)).toEqual([]);
    expect(ticketSuggestionsBlocks({ articles: [], tickets: [] }, { locale: 'fr', publicUrl: 'https://h.example' })).toBeNull();
    const found = ticketSearchBlocks(Array.from({ length: 20 }, () => bigTicket()), long(4000), options('en'));
    expect(blockKitProblems(found.blocks, 50)).toEqual([]);
    expect(blockKitProblems(noteModalView(123456789, 'fr').blocks, 100)).toEqual([]);
  });

  it('a report of any length, and a card with every extra control', () => {
    const md = ['# Rapport', ...Array.from({ length: 5000 }, (_, i) => `| ${long(80)} | ${i} | <b>&</b> |`)].join('\n');
    const r = reportTextBlocks(long(400), md);
    expect(blockKitProblems(r.blocks, 50)).toEqual([]);
    expect(r.blocks.every((b: any) => b.type === 'header' || /^```[^]*```$/.test(b.text.text))).toBe(true);
    const assignees = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: long(120) }));
    const card = ticketCardBlocks(bigTicket({ assignees, status: 'in_progress' }), options('fr'));
    expect(blockKitProblems(card.blocks, 50)).toEqual([]);
    expect(buttonsWithin(card.blocks)).toBe(true);
    const resolved = ticketCardBlocks(smallTicket({ status: 'resolved', resolution: long(4000) }), options('en'));
    expect(blockKitProblems(resolved.blocks, 50)).toEqual([]);
  });
});
