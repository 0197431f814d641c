import { Actor, isStaff } from '../shared/actor';
import type { Store } from '../shared/store.port';
import type { Article } from './article.entity';

/** What every channel shows of an article: its author's name resolved, counters, and for staff the tickets it resolved. */
export type ArticleView = Omit<Article, 'authorId'> & {
  author: { id: number; name: string } | null;
  tickets?: number[];
};

/** A search result or a suggestion: no body, an excerpt to decide whether to open it. */
export type ArticleSummary = Omit<ArticleView, 'body' | 'tickets'> & { excerpt: string };

const EXCERPT = 240;

export function excerptOf(markdown: string): string {
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '') // headings, quotes, list markers
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1)}…` : plain;
}

async function authors(store: Store, articles: Article[]): Promise<Map<number, string>> {
  const ids = [...new Set(articles.map((a) => a.authorId).filter((x): x is number => x !== null))];
  const people = ids.length ? await store.people.many(ids) : [];
  return new Map(people.map((p) => [p.id, p.displayName]));
}

const authorOf = (names: Map<number, string>, id: number | null) => (id === null ? null : { id, name: names.get(id) ?? `#${id}` });

export async function articleView(store: Store, actor: Actor, a: Article): Promise<ArticleView> {
  const names = await authors(store, [a]);
  const { authorId, ...rest } = a;
  const view: ArticleView = { ...rest, author: authorOf(names, authorId) };
  // Which tickets it resolved is staff knowledge (tickets are private to their requesters, R16).
  if (isStaff(actor)) view.tickets = await store.kb.ticketsOfArticle(a.id);
  return view;
}

export async function summaryViews(store: Store, articles: Article[]): Promise<ArticleSummary[]> {
  const names = await authors(store, articles);
  return articles.map(({ authorId, body, ...rest }) => ({ ...rest, author: authorOf(names, authorId), excerpt: excerptOf(body) }));
}
