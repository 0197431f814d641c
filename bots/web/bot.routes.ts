import { randomBytes, randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { Locale } from '../../core/i18n/catalogue';
import { errorMessage, t } from '../../core/i18n/translate';
import type { Actor } from '../../core/shared/actor';
import { isHelpdeskError } from '../../core/shared/errors';
import { listCategories } from '../../core/people/manage-categories.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { REPORT_FORM_VERB, ACTIONS } from '../../cards/actions';
import { helpAdaptive } from '../../cards/help.adaptive';
import { KB_VERBS, kbSuggestionsAdaptive } from '../../cards/kb-suggestions.adaptive';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { noticeAdaptive } from '../../cards/notice.adaptive';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { ticketSearchAdaptive } from '../../cards/ticket-search.adaptive';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { act, converse } from '../../core/chat/conversation.service';
import type { ChatReply } from '../../core/chat/chat-reply';
import { actorOf, chrome, WebCtx } from './context';
import { html, page } from './html';
import { categoryName } from './report.page';

type Card = Record<string, unknown>;
type Reply = { text: string } | { card: Card };

/**
 * "Try the bot": the chat of Teams and Slack in a browser, for someone with neither. The same
 * conversation service (core/chat/conversation.service.ts) and the same Adaptive Cards as the Teams
 * bot; the browser renders the cards with Microsoft's `adaptivecards` renderer (web/bot.js).
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

  /** The conversation service's answer as the browser draws it (Adaptive Cards, like Teams). */
  async function render(actor: Actor, r: ChatReply): Promise<Reply[]> {
    const l = actor.locale;
    switch (r.kind) {
      case 'say':
        return r.tone === 'good' && r.plain ? [{ card: noticeAdaptive(t(l, 'teams.done_title'), r.text, 'good') }] : [{ text: r.text }];
      case 'help':
        return [{ card: helpAdaptive(l, 'web') }];
      case 'articles': {
        // "This solved it" names this offer, so a double click counts once and a new question again.
        const card = kbSuggestionsAdaptive(r.articles, r.problem, l);
        const offer = randomBytes(9).toString('base64url');
        for (const set of (card.body as Array<{ actions?: Array<{ data?: Record<string, unknown> }> }>) ?? []) for (const a of set.actions ?? []) a.data = { ...a.data, offer };
        return [{ card }];
      }
      case 'tickets':
        return [{ card: r.query !== undefined ? ticketSearchAdaptive(r.items, r.query, { ...cardOptions(l), withActions: false }) : myTicketsAdaptive(r.items, cardOptions(l)) }];
      case 'report':
        return [{ card: reportSummaryAdaptive(r.report, r.links) }];
      case 'form':
        return [...(r.intro ? [{ text: r.intro }] : []), { card: await reportForm(l, r.prefill) }];
      case 'filed': {
        const view = await getTicket(deps, actor, r.number);
        return [
          { card: noticeAdaptive(t(l, 'web.bot.created', { number: view.number }), r.forCaller ? r.text : t(l, 'web.bot.created_text'), 'good') },
          { card: ticketCardAdaptive(view, { ...cardOptions(l), withActions: false }) },
        ];
      }
    }
  }
  const renderAll = async (actor: Actor, replies: ChatReply[]) => (await Promise.all(replies.map((r) => render(actor, r)))).flat();

  /** Words typed in the browser: the same conversation as Slack and Teams; a browser tab is no channel. */
  const conversation = async (actor: Actor, text: string) =>
    renderAll(actor, await converse(deps, actor, text, { platform: 'web', via: 'direct' }, { publicUrl: ctx.o.publicUrl, timeZone: ctx.o.timeZone }));

  async function action(actor: Actor, verb: string, data: Record<string, unknown>): Promise<Reply[]> {
    const l = actor.locale;
    if (verb === REPORT_FORM_VERB) {
      const formId = typeof data.formId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(data.formId) ? data.formId : undefined;
      return renderAll(actor, await act(deps, actor, { kind: 'file_form', values: data, ...(formId ? { key: `webbot:${actor.personId}:${formId}` } : {}) }));
    }
    if (verb === KB_VERBS.solved && typeof data.article === 'number') {
      // One offer counts once: the browser names the answer it was under, else the person and article.
      const offer = typeof data.offer === 'string' ? data.offer.slice(0, 64) : 'web';
      return renderAll(actor, await act(deps, actor, { kind: 'solved', article: data.article, offer: `web:${actor.personId}:${offer}:${data.article}` }));
    }
    if (verb === KB_VERBS.needHelp) return renderAll(actor, await act(deps, actor, { kind: 'need_help', text: typeof data.text === 'string' ? data.text : '' }));
    if (verb === ACTIONS.openTicket && typeof data.ticket === 'number') {
      return [{ card: ticketCardAdaptive(await getTicket(deps, actor, data.ticket), { ...cardOptions(l), withActions: false }) }];
    }
    return [{ text: t(l, 'talk.not_here') }];
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
