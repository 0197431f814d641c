import { randomBytes, randomUUID } from 'node:crypto';
import { textAnswer } from '../../core/chat/text-answers.service';
import express, { Router } from 'express';
import type { Locale } from '../../core/i18n/catalogue';
import { errorMessage, t } from '../../core/i18n/translate';
import type { Actor } from '../../core/shared/actor';
import { isHelpdeskError } from '../../core/shared/errors';
import { parseDirectMessage, titleFrom } from '../../core/chat/chat-command';
import { articlesForProblem } from '../../core/kb/articles-for-problem.service';
import { searchArticles } from '../../core/kb/search-articles.service';
import { markArticleHelpful } from '../../core/kb/mark-article-helpful.service';
import { listCategories } from '../../core/people/manage-categories.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { REPORT_FORM_VERB, ACTIONS } from '../../cards/actions';
import { helpAdaptive } from '../../cards/help.adaptive';
import { KB_VERBS, kbSuggestionsAdaptive } from '../../cards/kb-suggestions.adaptive';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { noticeAdaptive } from '../../cards/notice.adaptive';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { actorOf, chrome, WebCtx } from './context';
import { html, page } from './html';
import { categoryName } from './report.page';

type Card = Record<string, unknown>;
type Reply = { text: string } | { card: Card };

/**
 * "Try the bot" (issue 9): the chat of Teams and Slack in a browser, for someone with neither. The
 * same parsing (core/chat), the same use cases and the same Adaptive Cards as the Teams bot; the
 * browser renders the cards with Microsoft's `adaptivecards` renderer (web/bot.js).
 */
export function botRoutes(ctx: WebCtx): Router {
  const r = Router();
  const { deps } = ctx.o;
  // Nothing to finish after a crash: the browser's answer was the work, and it saw the request fail.
  ctx.o.inbox?.handle('web', async () => undefined);
  const json = express.json({ limit: '64kb' });
  const cardOptions = (l: Locale) => ({ locale: l, publicUrl: ctx.o.publicUrl, timeZone: ctx.o.timeZone, now: deps.clock.now() });

  r.get('/bot', (req, res) => {
    const c = chrome(req, ctx, 'web.bot.title', '/bot');
    const l = c.locale;
    res.type('html').send(page({ ...c, scripts: ['/assets/adaptivecards.min.js', '/assets/bot.js'] }, html`<h1>${c.title}</h1>
<p class="hint">${t(l, 'web.bot.intro')}</p>
<ol id="chat-log" class="chat" aria-live="polite" data-you="${t(l, 'web.bot.you')}" data-bot="Helpdesk" data-error="${t(l, 'web.bot.error')}"></ol>
<form id="chat-form" class="chat-form"><label for="chat-text" class="visually-hidden">${t(l, 'web.bot.label')}</label>
<input id="chat-text" name="text" autocomplete="off" maxlength="2000" placeholder="${t(l, 'web.bot.placeholder')}" required>
<button type="submit" class="primary">${t(l, 'web.bot.send')}</button></form>`));
  });

  /** A report form whose submit carries a one-off id: pressing twice files one ticket. */
  const reportForm = async (l: Locale, prefill: { title?: string; description?: string }): Promise<Card> => {
    const categories = (await listCategories(deps)).map((c) => ({ slug: c.slug, name: categoryName(c, l) }));
    const card = reportFormAdaptive({ locale: l, categories, prefill });
    const formId = randomBytes(12).toString('base64url');
    for (const a of (card.actions as Array<{ data?: Record<string, unknown> }>) ?? []) a.data = { ...a.data, formId };
    return card;
  };

  async function conversation(actor: Actor, text: string): Promise<Reply[]> {
    const l = actor.locale;
    const intent = parseDirectMessage(text);
    switch (intent.kind) {
      case 'my_tickets': {
        const p = await listTickets(deps, actor, { requester: 'me', status: 'open', sort: 'updated', limit: 20 });
        return [{ card: myTicketsAdaptive(p.items, cardOptions(l)) }];
      }
      case 'report': {
        const articles = await articlesForProblem(deps, actor, intent.text);
        const form = await reportForm(l, { title: titleFrom(intent.text), description: intent.text });
        return articles.length ? [{ card: kbSuggestionsAdaptive(articles, intent.text, l) }, { card: form }] : [{ text: t(l, 'web.bot.form_intro') }, { card: form }];
      }
      case 'kb': {
        const { items } = await searchArticles(deps, actor, { q: intent.text, limit: 3 });
        return items.length ? [{ card: kbSuggestionsAdaptive(items, intent.text, l) }] : [{ text: t(l, 'kb.no_results', { text: intent.text }) }];
      }
      case 'help':
        return [{ card: helpAdaptive(l) }];
      default: {
        // sla, rules and notifications answer as in Teams and Slack; channel set-up and roles belong
        // to Teams, Slack and the REST API: a browser tab is no channel.
        const answer = await textAnswer(deps, actor, intent);
        return [{ text: answer ?? t(l, 'web.bot.not_here') }];
      }
    }
  }

  async function action(actor: Actor, verb: string, data: Record<string, unknown>): Promise<Reply[]> {
    const l = actor.locale;
    const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
    if (verb === REPORT_FORM_VERB) {
      const formId = s('formId');
      const created = await createTicket(deps, actor, {
        title: s('title') ?? '',
        description: s('description') ?? '',
        urgency: (s('urgency') || 'medium') as never,
        ...(s('category') ? { category: s('category') } : {}),
        ...(formId && /^[A-Za-z0-9_-]{8,64}$/.test(formId) ? { idempotencyKey: `webbot:${actor.personId}:${formId}` } : {}),
      });
      const view = await getTicket(deps, actor, created.ticket.id);
      return [
        { card: noticeAdaptive(t(l, 'web.bot.created', { number: view.number }), t(l, 'web.bot.created_text'), 'good') },
        { card: ticketCardAdaptive(view, { ...cardOptions(l), withActions: false }) },
      ];
    }
    if (verb === KB_VERBS.solved && typeof data.article === 'number') {
      await markArticleHelpful(deps, actor, data.article);
      return [{ card: noticeAdaptive(t(l, 'teams.kb_solved'), t(l, 'teams.kb_thanks'), 'good') }];
    }
    if (verb === KB_VERBS.needHelp) {
      const text = s('text') ?? '';
      return [{ card: await reportForm(l, { title: titleFrom(text), description: text }) }];
    }
    if (verb === ACTIONS.openTicket && typeof data.ticket === 'number') {
      return [{ card: ticketCardAdaptive(await getTicket(deps, actor, data.ticket), { ...cardOptions(l), withActions: false }) }];
    }
    return [{ text: t(l, 'web.bot.not_here') }];
  }

  /**
   * The browser waits for the answer, so the work runs inline, recorded in the inbox first (a form
   * keeps its key: sent twice, it is answered twice and files once).
   */
  const recorded = async (kind: string, actor: Actor, body: Record<string, unknown>, run: () => Promise<Reply[]>): Promise<Reply[]> => {
    const inbox = ctx.o.inbox;
    if (!inbox) return run();
    const data = body.data && typeof body.data === 'object' ? (body.data as Record<string, unknown>) : {};
    const formId = typeof data.formId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(data.formId) ? data.formId : null;
    const key = `${kind}:${actor.personId ?? 0}:${formId ?? randomUUID()}`;
    const r = await inbox.inline('web', key, { kind, personId: actor.personId, body }, run);
    return r.fresh ? r.result : run();
  };

  /** A refused input is the bot answering in the person's language, as in chat: never a 500. */
  const answer = (kind: string, work: (actor: Actor, body: Record<string, unknown>) => Promise<Reply[]>) => async (req: express.Request, res: express.Response) => {
    const actor = actorOf(req);
    const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    // A refusal is an answer, so the recorded input is done, not failed.
    let refused: string | undefined;
    const replies = await recorded(kind, actor, body, async () => {
      try {
        return await work(actor, body);
      } catch (e) {
        if (!isHelpdeskError(e)) throw e;
        refused = e.code;
        return [{ card: noticeAdaptive(t(actor.locale, 'web.bot.refused'), errorMessage(actor.locale, e), 'refused') }];
      }
    });
    res.status(200).json(refused ? { replies, error: refused } : { replies });
  };

  r.post('/bot/message', json, answer('message', (actor, b) => conversation(actor, typeof b.text === 'string' ? b.text.slice(0, 2000) : '')));
  r.post('/bot/action', json, answer('action', (actor, b) => {
    const data = b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : {};
    const verb = typeof b.verb === 'string' ? b.verb : typeof data.verb === 'string' ? data.verb : '';
    return action(actor, verb, data);
  }));
  return r;
}
