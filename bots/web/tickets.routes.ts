import express, { Request, Response, Router } from 'express';
import { CATALOGUE } from '../../core/i18n/catalogue';
import { errorMessage, t } from '../../core/i18n/translate';
import { HelpdeskError, isHelpdeskError } from '../../core/shared/errors';
import { listCategories } from '../../core/people/manage-categories.service';
import { listPeople } from '../../core/people/manage-people.service';
import { isStaff } from '../../core/shared/actor';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { addComment, listComments } from '../../core/tickets/add-comment.service';
import { ticketHistory } from '../../core/tickets/ticket-history.service';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { reopenTicket } from '../../core/tickets/reopen-ticket.service';
import { linkTickets } from '../../core/tickets/link-tickets.service';
import { transferTicket } from '../../core/tickets/transfer-ticket.service';
import { addExternalRef } from '../../core/tickets/external-refs.service';
import { updateTicket } from '../../core/tickets/update-ticket.service';
import { setWatcher } from '../../core/tickets/watch-ticket.service';
import { categoryName } from './report.page';
import { listServices } from '../../core/people/manage-services.service';
import { articlesForProblem } from '../../core/kb/articles-for-problem.service';
import { actorOf, chrome, chromeText, fieldErrors, WebCtx } from './context';
import { html, page } from './html';
import { checkReport, reportForm, ReportValues } from './report.page';
import { QUEUE_VIEWS, QueueQuery, QueueView, queueFilters, queueInput, ticketList } from './list.page';
import { ticketPage } from './ticket.page';
import type { MultipartRequest } from './multipart';
import { addAttachment, checkAttachment, listAttachments, readAttachment } from '../../core/tickets/attachments.service';
import { sendAttachment } from '../http/download';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const ticketNumber = (raw: string) => {
  if (!/^\d{1,9}$/.test(raw)) throw new HelpdeskError('ticket_not_found', { number: raw.slice(0, 12) });
  return Number(raw);
};

/** Employees' report form and tickets, technicians' queue and ticket page: each a core use case. */
export function ticketRoutes(ctx: WebCtx): Router {
  const r = Router();
  const { deps } = ctx.o;
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  r.get('/report', async (req, res) => {
    const c = chrome(req, ctx, 'web.report.title', '/report');
    res.type('html').send(page({ ...c, scripts: ['/assets/app.js'] }, reportForm(c.locale, c.csrf!, await listCategories(deps), {}, {}, isStaff(actorOf(req)))));
  });

  r.post('/report', form, async (req, res) => {
    const c = chrome(req, ctx, 'web.report.title', '/report');
    const v: ReportValues = { title: str(req.body.title), description: str(req.body.description), category: str(req.body.category), urgency: str(req.body.urgency), formId: str(req.body.formId), caller: str(req.body.caller)?.trim() || undefined, callerName: str(req.body.callerName)?.trim() || undefined };
    const categories = await listCategories(deps);
    const show = (status: number, errors: Record<string, string>) =>
      void res.status(status).type('html').send(page({ ...c, scripts: ['/assets/app.js'] }, reportForm(c.locale, c.csrf!, categories, v, errors, isStaff(actorOf(req)))));
    const errors = checkReport(c.locale, v, categories);
    const file = ((req as MultipartRequest).files ?? []).find((f) => f.field === 'attachment');
    if (file) {
      // Judged before the ticket is filed: a refused file leaves nothing half-written.
      try {
        checkAttachment(file);
      } catch (e) {
        if (!isHelpdeskError(e)) throw e;
        errors.attachment = e.code === 'validation_failed' ? t(c.locale, 'web.field.file_empty') : errorMessage(c.locale, e);
      }
    }
    if (Object.keys(errors).length) return show(422, errors);
    try {
      const created = await createTicket(deps, actorOf(req), {
        title: v.title!,
        description: v.description ?? '',
        urgency: v.urgency as never,
        ...(v.category ? { category: v.category } : {}),
        ...(v.caller ? { requester: v.caller, ...(v.callerName ? { requesterName: v.callerName } : {}) } : {}),
        ...(v.formId ? { idempotencyKey: `web:${actorOf(req).personId}:${v.formId}` } : {}),
      });
      if (file && created.created) await addAttachment(deps, actorOf(req), created.ticket.id, file);
      res.redirect(303, `/tickets/${created.ticket.id}?done=created`);
    } catch (e) {
      const fields = isHelpdeskError(e) ? fieldErrors(e, c.locale, ['title', 'description', 'category', 'urgency', 'requester', 'requesterName']) : null;
      if (fields) return show(422, { ...fields, ...(fields.requester ? { caller: fields.requester } : {}), ...(fields.requesterName ? { callerName: fields.requesterName } : {}) });
      if (isHelpdeskError(e) && e.code === 'person_not_found' && v.caller) return show(422, { caller: t(c.locale, 'dayone.caller.unknown', { who: v.caller }) });
      if (isHelpdeskError(e) && e.kind === 'not_found') return show(422, { category: errorMessage(c.locale, e) });
      throw e;
    }
  });

  // Suggestions while the person types their title (R2, R15): published articles for everyone only.
  r.get('/kb/suggest', async (req, res) => {
    const q = (str(req.query.q) ?? '').slice(0, 500);
    const items = q.trim().length < 3 ? [] : await articlesForProblem(deps, actorOf(req), q);
    res.json({ items: items.map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt })) });
  });

  r.get('/tickets', async (req, res) => {
    const c = chrome(req, ctx, 'web.nav.my_tickets', '/tickets');
    const p = await listTickets(deps, actorOf(req), { requester: 'me', sort: 'updated', limit: 50, ...(str(req.query.cursor) ? { cursor: str(req.query.cursor) } : {}) });
    const more = p.nextCursor ? html`<p><a href="/tickets?cursor=${encodeURIComponent(p.nextCursor)}">${t(c.locale, 'web.list.more')}</a></p>` : html``;
    res.type('html').send(page(c, html`<h1>${c.title}</h1><p><a class="button primary" href="/report">${t(c.locale, 'web.nav.report')}</a></p>${ticketList(p.items, c.locale, ctx.o.timeZone, deps.clock.now())}${more}`));
  });

  r.get('/queue', async (req, res) => {
    const c = chrome(req, ctx, 'web.nav.queue', '/queue');
    if (!isStaff(actorOf(req))) throw new HelpdeskError('forbidden');
    const view = (QUEUE_VIEWS as readonly string[]).includes(str(req.query.view) ?? '') ? (req.query.view as QueueView) : 'services';
    const qq: QueueQuery = { view, q: str(req.query.q), status: str(req.query.status), priority: str(req.query.priority), category: str(req.query.category), sort: str(req.query.sort) };
    const categories = await listCategories(deps);
    let list;
    try {
      const p = await listTickets(deps, actorOf(req), queueInput(qq, str(req.query.cursor)));
      const params = new URLSearchParams(Object.entries(qq).filter(([, v]) => v) as Array<[string, string]>);
      if (p.nextCursor) params.set('cursor', p.nextCursor);
      list = html`${ticketList(p.items, c.locale, ctx.o.timeZone, deps.clock.now())}${p.nextCursor ? html`<p><a href="/queue?${params.toString()}">${t(c.locale, 'web.list.more')}</a></p>` : html``}`;
    } catch (e) {
      if (!isHelpdeskError(e) || (e.kind !== 'invalid' && e.kind !== 'not_found')) throw e;
      res.status(400);
      list = html`<p class="notice refused" role="alert">${errorMessage(c.locale, e)}</p>`;
    }
    res.type('html').send(page(c, html`<h1>${c.title}</h1>${queueFilters(c.locale, qq, categories)}${list}`));
  });

  r.get('/tickets/:n', async (req, res) => {
    const done = str(req.query.done);
    // Only the texts we have: `done` comes from the URL.
    const text = done ? (CATALOGUE[actorOf(req).locale] as Record<string, string | undefined>)[`web.done.${done}`] : undefined;
    await sendTicket(req, res, ticketNumber(String(req.params.n)), 200, text ? { kind: 'good', text } : undefined, {});
  });

  /** Runs an action; done: back to the ticket with a notice; refused: the page again, saying why, nothing written. */
  const action = (name: string, fields: string[], run: (req: Request, n: number) => Promise<unknown>) =>
    r.post(`/tickets/:n/${name}`, form, async (req, res) => {
      const n = ticketNumber(String(req.params.n));
      try {
        await run(req, n);
      } catch (e) {
        if (!isHelpdeskError(e)) throw e;
        if (e.code === 'ticket_not_found') throw e;
        const l = actorOf(req).locale;
        const errs = fieldErrors(e, l, fields) ?? {};
        const status = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422 }[e.kind];
        // A refusal that names no field (an open dependency) is said beside the form that asked.
        if (!Object.keys(errs).length && fields.length) errs[fields[0]] = errorMessage(l, e);
        const kept = Object.fromEntries(fields.map((f) => [f, str(req.body?.[f])]).filter((x): x is [string, string] => typeof x[1] === 'string'));
        return sendTicket(req, res, n, status, { kind: 'refused', text: errorMessage(l, e) }, errs, kept);
      }
      res.redirect(303, `/tickets/${n}?done=${name}`);
    });

  action('comments', ['body'], (req, n) => {
    const body = str(req.body.body) ?? '';
    if (!body.trim()) throw new HelpdeskError('validation_failed', {}, [{ path: 'body', message: t(actorOf(req).locale, 'web.field.required') }]);
    return addComment(deps, actorOf(req), n, { body, internal: req.body.internal === '1' });
  });
  action('attachments', ['attachment'], (req, n) => {
    const file = ((req as MultipartRequest).files ?? []).find((f) => f.field === 'attachment');
    if (!file) throw new HelpdeskError('validation_failed', {}, [{ path: 'attachment', message: t(actorOf(req).locale, 'web.field.required') }]);
    checkAttachment(file);
    return addAttachment(deps, actorOf(req), n, file);
  });
  r.get('/tickets/:n/attachments/:id', async (req, res) => {
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : 0;
    sendAttachment(res, await readAttachment(deps, actorOf(req), ticketNumber(String(req.params.n)), id));
  });
  action('claim', [], (req, n) => claimTicket(deps, actorOf(req), n));
  action('assign', ['people'], (req, n) => {
    const people = ([] as unknown[]).concat(req.body.people ?? []).map(String).filter((s) => /^\d{1,9}$/.test(s)).map(Number);
    if (!people.length) throw new HelpdeskError('validation_failed', {}, [{ path: 'people', message: t(actorOf(req).locale, 'web.field.choose') }]);
    return assignTicket(deps, actorOf(req), n, { add: people });
  });
  action('status', ['status', 'resolution'], (req, n) => {
    const resolution = (str(req.body.resolution) ?? '').trim();
    return changeStatus(deps, actorOf(req), n, { status: str(req.body.status) as never, ...(resolution ? { resolution } : {}) });
  });
  action('reopen', [], (req, n) => reopenTicket(deps, actorOf(req), n));
  action('transfer', ['service'], (req, n) => transferTicket(deps, actorOf(req), n, { service: str(req.body.service) ?? '' }));
  action('refs', ['system', 'key', 'url'], (req, n) => {
    const url = (str(req.body.url) ?? '').trim();
    return addExternalRef(deps, actorOf(req), n, { system: str(req.body.system) ?? '', key: str(req.body.key) ?? '', ...(url ? { url } : {}) });
  });
  action('edit', ['category', 'impact'], (req, n) => updateTicket(deps, actorOf(req), n, { category: str(req.body.category) ?? '', impact: str(req.body.impact) as never }));
  action('watchers', ['person'], (req, n) => {
    const who = (str(req.body.person) ?? '').trim();
    if (!who) throw new HelpdeskError('validation_failed', {}, [{ path: 'person', message: t(actorOf(req).locale, 'web.field.required') }]);
    return setWatcher(deps, actorOf(req), n, who, true);
  });
  action('links', ['ticket', 'type'], (req, n) => linkTickets(deps, actorOf(req), n, { type: str(req.body.type) as never, ticket: (str(req.body.ticket) ?? '').trim() }));

  async function sendTicket(req: Request, res: Response, n: number, status: number, notice: { kind: 'good' | 'refused'; text: string } | undefined, errors: Record<string, string>, kept?: Record<string, string>) {
    const actor = actorOf(req);
    const view = await getTicket(deps, actor, n);
    const [comments, history, technicians, attachments] = await Promise.all([
      listComments(deps, actor, n),
      ticketHistory(deps, actor, n),
      isStaff(actor) ? listPeople(deps, actor, { role: 'technician', limit: 200 }) : Promise.resolve([]),
      listAttachments(deps, actor, n),
    ]);
    const services = isStaff(actor) ? (await listServices(deps)).map((x) => ({ slug: x.slug, name: x.name })) : [];
    const categories = isStaff(actor) ? (await listCategories(deps)).map((x) => ({ slug: x.slug, name: categoryName(x, actor.locale) })) : [];
    const ids = [...new Set(comments.map((x) => x.authorId).filter((x): x is number => x !== null))];
    const people = new Map((ids.length ? await deps.uow.read.people.many(ids) : []).map((p) => [p.id, p.displayName]));
    const c = chromeText(req, ctx, `#${view.number} ${view.title}`);
    const body = ticketPage({
      view, actor, csrf: c.csrf!, timeZone: ctx.o.timeZone, now: deps.clock.now(), notice, errors, kept, history, attachments,
      comments: comments.map((x) => ({ ...x, author: x.authorId ? people.get(x.authorId) ?? '?' : t(actor.locale, 'system') })),
      technicians: technicians.filter((p) => p.active).map((p) => ({ id: p.id, name: p.displayName })),
      services,
      categories,
    });
    res.status(status).type('html').send(page(c, body));
  }
  return r;
}
