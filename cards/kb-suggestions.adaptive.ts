import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { ArticleSummary } from '../core/kb/kb.view';
import { Json, adaptiveCard, execute, md, textBlock } from './adaptive';
import { truncate } from './format';

/** Verbs of the deflection card (issue 8): "This solved it" counts and files nothing; "Still need help" opens the form. */
export const KB_VERBS = { solved: 'kb_solved', needHelp: 'kb_need_help' } as const;
export const KB_SUGGESTIONS_MAX = 3;
/** What the employee wrote travels with "Still need help" so the form is prefilled; Teams caps a card's data. */
export const KB_TEXT_MAX = 2000;

/** Up to three published articles answering what the employee wrote, before any ticket is filed (R2, R15). */
export function kbSuggestionsAdaptive(articles: Array<Pick<ArticleSummary, 'id' | 'title' | 'excerpt'>>, text: string, locale: Locale): Record<string, unknown> {
  const body: Json[] = [textBlock(t(locale, 'teams.kb_intro'), { weight: 'Bolder' })];
  for (const a of articles.slice(0, KB_SUGGESTIONS_MAX)) {
    body.push({
      type: 'Container',
      separator: true,
      items: [textBlock(`**${md(truncate(a.title, 200))}**`), textBlock(md(truncate(a.excerpt, 500)), { isSubtle: true, spacing: 'None' })],
    });
    body.push({ type: 'ActionSet', actions: [execute(truncate(t(locale, 'teams.kb_solved'), 60), KB_VERBS.solved, { article: a.id })] });
  }
  return adaptiveCard(body, {
    actions: [execute(t(locale, 'teams.kb_need_help'), KB_VERBS.needHelp, { text: truncate(text, KB_TEXT_MAX) }, { style: 'positive' })],
  });
}
