import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { parse } from '../shared/validate';
import { pickLocale } from '../i18n/translate';
import { assertCanWrite } from './kb.access';
import { inKbTransaction, insertArticle } from './kb-change';
import { createArticleSchema, CreateArticleInput } from './kb.schemas';
import { articleView, ArticleView } from './kb.view';

/** A technician writes a fix down once (R15): a draft, or published at once; version 1 is kept. */
export async function createArticle(deps: CoreDeps, actor: Actor, raw: CreateArticleInput): Promise<ArticleView> {
  const input = parse(createArticleSchema, raw);
  assertCanWrite(actor);
  return inKbTransaction(deps, actor, async (ctx) => {
    const { publish, ...content } = input;
    const article = await insertArticle(ctx, { ...content, language: input.language ?? pickLocale(actor.locale, deps.defaultLocale) }, publish);
    return articleView(ctx.store, actor, article);
  });
}
