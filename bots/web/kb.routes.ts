import { Router } from 'express';
import { CATALOGUE } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import { HelpdeskError } from '../../core/shared/errors';
import { getArticle } from '../../core/kb/get-article.service';
import { markArticleHelpful } from '../../core/kb/mark-article-helpful.service';
import { actorOf, chromeText, WebCtx } from './context';
import { html, page } from './html';
import { markdownToHtml } from './markdown';

const articleId = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw new HelpdeskError('article_not_found', { id: raw.slice(0, 12) });
  return Number(raw);
};

/** An article opened from the report form's suggestions (R15): read it, say it solved the problem, file nothing. */
export function kbRoutes(ctx: WebCtx): Router {
  const r = Router();
  const { deps } = ctx.o;

  r.get('/kb/articles/:id', async (req, res) => {
    const a = await getArticle(deps, actorOf(req), articleId(String(req.params.id)));
    const c = chromeText(req, ctx, a.title);
    const l = c.locale;
    const done = req.query.done === 'helpful' ? (CATALOGUE[l] as Record<string, string>)['web.kb.thanks'] : null;
    res.type('html').send(page(c, html`<h1>${a.title}</h1>
${done ? html`<p class="notice good" role="status">${done}</p>` : html``}
<article class="text kb-body">${markdownToHtml(a.body)}</article>
<p class="hint">${t(l, 'kb.helped', { count: a.helpfulCount })}</p>
<form method="post" action="/kb/articles/${a.id}/helpful" class="inline"><input type="hidden" name="_csrf" value="${c.csrf}">
<button type="submit" class="primary">${t(l, 'kb.solved_button')}</button> <a class="button" href="/report">${t(l, 'kb.still_need_help')}</a></form>`));
  });

  r.post('/kb/articles/:id/helpful', async (req, res) => {
    const id = articleId(String(req.params.id));
    await markArticleHelpful(deps, actorOf(req), id);
    res.redirect(303, `/kb/articles/${id}?done=helpful`);
  });
  return r;
}
