import { Router, type Request } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { HelpdeskError } from '../../core/shared/errors';
import { createArticle } from '../../core/kb/create-article.service';
import { updateArticle } from '../../core/kb/update-article.service';
import { publishArticle } from '../../core/kb/publish-article.service';
import { deleteArticle } from '../../core/kb/delete-article.service';
import { getArticle } from '../../core/kb/get-article.service';
import { listArticleVersions } from '../../core/kb/list-article-versions.service';
import { searchArticles } from '../../core/kb/search-articles.service';
import { markArticleHelpful } from '../../core/kb/mark-article-helpful.service';
import { draftArticleFromTicket } from '../../core/kb/draft-article-from-ticket.service';
import { linkArticleToTicket, type LinkArticleInput } from '../../core/kb/link-article-to-ticket.service';
import { listTicketArticles } from '../../core/kb/ticket-articles.service';
import { suggestArticlesForTicket } from '../../core/kb/suggest-articles-for-ticket.service';
import { actorOf } from './auth';
import { query, ticketNumber } from './params';

/** Path ids are input: anything but a plain positive number is "not found", never a crash. */
function articleId(req: Request): number {
  const raw = String(req.params.id ?? '');
  if (!/^\d{1,9}$/.test(raw) || Number(raw) === 0) throw new HelpdeskError('article_not_found', { id: raw.slice(0, 20) });
  return Number(raw);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** /kb/articles: thin, one core call per route (R15). */
export function kbRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/articles', async (req, res) => {
    res.json(await searchArticles(deps, actorOf(req), query(req)));
  });
  r.post('/articles', async (req, res) => {
    const a = await createArticle(deps, actorOf(req), req.body);
    res.status(201).location(`/api/v1/kb/articles/${a.id}`).json(a);
  });
  r.get('/articles/:id', async (req, res) => {
    res.json(await getArticle(deps, actorOf(req), articleId(req)));
  });
  r.patch('/articles/:id', async (req, res) => {
    res.json(await updateArticle(deps, actorOf(req), articleId(req), req.body));
  });
  r.delete('/articles/:id', async (req, res) => {
    await deleteArticle(deps, actorOf(req), articleId(req));
    res.status(204).end();
  });
  r.post('/articles/:id/publish', async (req, res) => {
    res.json(await publishArticle(deps, actorOf(req), articleId(req)));
  });
  r.get('/articles/:id/versions', async (req, res) => {
    res.json({ items: await listArticleVersions(deps, actorOf(req), articleId(req)) });
  });
  r.post('/articles/:id/helpful', async (req, res) => {
    res.json(await markArticleHelpful(deps, actorOf(req), articleId(req)));
  });
  return r;
}

/** The ticket's side, mounted under /tickets: draft from a resolved ticket, its articles, suggestions for its card. */
export function ticketKbRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.post('/:number/article', async (req, res) => {
    const body = req.body ?? {};
    // Naming an existing article records it as the answer; otherwise the ticket becomes a draft.
    if (isObject(body) && 'article' in body) {
      res.json(await linkArticleToTicket(deps, actorOf(req), ticketNumber(req), body as LinkArticleInput));
      return;
    }
    const { article, created } = await draftArticleFromTicket(deps, actorOf(req), ticketNumber(req), body);
    res.status(created ? 201 : 200).location(`/api/v1/kb/articles/${article.id}`).json(article);
  });
  r.get('/:number/articles', async (req, res) => {
    res.json(await listTicketArticles(deps, actorOf(req), ticketNumber(req)));
  });
  r.get('/:number/suggestions', async (req, res) => {
    res.json(await suggestArticlesForTicket(deps, actorOf(req), ticketNumber(req)));
  });
  return r;
}
