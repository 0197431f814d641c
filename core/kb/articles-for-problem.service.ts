import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { englishQueryTerms, queryTerms } from './kb-text';
import { summaryViews, ArticleSummary } from './kb.view';

/** Three answers fit on a phone screen without pushing the "Still need help" button out of sight. */
export const DEFLECTION_MAX = 3;

/**
 * Deflection (R2, R7, R15): what a person just described, searched among published articles written
 * for everyone, in their language. Technician-only know-how is left out even for staff: this is the
 * answer an employee reads before filing, and staff reporting a problem are employees for that moment.
 * No match (or only stop words) gives an empty list and the bot goes straight to the form.
 */
export async function articlesForProblem(deps: CoreDeps, actor: Actor, text: string, limit = DEFLECTION_MAX): Promise<ArticleSummary[]> {
  const terms = queryTerms(text.slice(0, 500));
  if (!terms.length) return [];
  const store = deps.uow.read;
  const max = Math.min(Math.max(1, limit), DEFLECTION_MAX);
  const base = { statuses: ['published' as const], audiences: ['everyone' as const], limit: max };
  // The reader's language first; English words are matched by their stem ("work" finds working, works).
  const english = actor.locale === 'en' ? englishQueryTerms(text.slice(0, 500)) : [];
  const own = english.length
    ? await store.kb.search({ ...base, terms: english, prefix: true, language: 'en' })
    : await store.kb.search({ ...base, terms, language: actor.locale });
  // Then articles in the other language, when the reader's own have fewer answers than the page holds.
  const others = own.length < max ? (await store.kb.search({ ...base, terms })).filter((h) => h.article.language !== actor.locale) : [];
  return summaryViews(store, [...own, ...others].slice(0, max).map((h) => h.article));
}
