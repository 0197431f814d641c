import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreDeps } from '../../core/shared/deps';
import { ticketMetrics } from '../../core/reports/ticket-metrics.service';
import type { MailboxState } from '../../core/mail/mail.port';
import type { Inbox } from '../../core/chat/inbox';

/**
 * GET /metrics in Prometheus text format (R6). One registry per app, not prom-client's global one,
 * so tests (and any embedding) can run several servers in one process without "already registered".
 * Ticket figures are read from the database at scrape time (one GROUP BY each), so every instance
 * behind a load balancer reports the same totals; latencies are per instance, as Prometheus expects.
 */
export function metrics(deps: CoreDeps, mailbox?: () => MailboxState | null, inbox?: Inbox): { middleware: (req: Request, res: Response, next: NextFunction) => void; router: Router; countInbound: (source: string) => void } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'helpdesk_' });
  // prom-client also names three gauges `..._total`, which promtool (and rate()) read as counters;
  // they are the sums of helpdesk_nodejs_active_{handles,requests,resources} by type, kept.
  for (const what of ['handles', 'requests', 'resources']) registry.removeSingleMetric(`helpdesk_nodejs_active_${what}_total`);
  const tickets = new Gauge({ name: 'helpdesk_tickets', help: 'Tickets by status and service', labelNames: ['status', 'service'], registers: [registry] });
  const overdue = new Gauge({
    name: 'helpdesk_tickets_overdue', help: 'Open tickets past their own or resolve deadline (SLA breaches), by service', labelNames: ['service'], registers: [registry],
  });
  const created = new Counter({
    name: 'helpdesk_tickets_created_total', help: 'Tickets created, by source channel (counted from the tickets table)', labelNames: ['channel'], registers: [registry],
  });
  const outbox = new Gauge({ name: 'helpdesk_outbox_messages', help: 'Notifications not delivered yet, by channel and state (pending, sending, held, failed)', labelNames: ['channel', 'state'], registers: [registry] });
  const breaches = new Gauge({ name: 'helpdesk_sla_breaches', help: 'Tickets whose SLA deadline was missed, by clock (own, resolve)', labelNames: ['clock'], registers: [registry] });
  // Counted in this process as inputs arrive: the idempotency table is pruned after 7 days, so a
  // count read from it would go down, and Prometheus would read every prune as a counter reset.
  const inbound = new Counter({ name: 'helpdesk_inbound_events_total', help: 'Platform inputs received by this instance (Slack, Teams, SMS), by source', labelNames: ['source'], registers: [registry] });
  const kept = new Gauge({ name: 'helpdesk_inbound_events_kept', help: 'Platform event ids kept for idempotency (the last 7 days), by source', labelNames: ['source'], registers: [registry] });
  const createdSeen = new Map<string, number>();
  const mails = new Gauge({ name: 'helpdesk_mail_inbound', help: 'Mails of the support mailbox handled, by outcome (ticket, comment, ignored, refused)', labelNames: ['outcome'], registers: [registry] });
  const box = new Gauge({ name: 'helpdesk_mailbox_connected', help: 'The support mailbox reader is connected (1) or not (0), by kind', labelNames: ['kind'], registers: [registry] });
  const boxRead = new Gauge({ name: 'helpdesk_mailbox_last_read_seconds', help: 'Unix time of the last complete read of the support mailbox', registers: [registry] });
  const boxErrors = new Gauge({ name: 'helpdesk_mailbox_errors', help: 'Failed reads of the support mailbox since start', registers: [registry] });
  const inboxRows = new Gauge({ name: 'helpdesk_inbox_inputs', help: 'Chat inputs in the inbox, by source and state (pending, working, done, failed = parked)', labelNames: ['source', 'state'], registers: [registry] });
  // In-process counts since this instance started: they only grow, as counters must.
  const inboxCounters = {
    received: new Counter({ name: 'helpdesk_inbox_received_total', help: 'Chat inputs stored by this instance, by source', labelNames: ['source'], registers: [registry] }),
    duplicates: new Counter({ name: 'helpdesk_inbox_duplicates_total', help: 'Redeliveries recognised by their idempotency key (nothing stored), by source', labelNames: ['source'], registers: [registry] }),
    done: new Counter({ name: 'helpdesk_inbox_done_total', help: 'Chat inputs done by this instance, by source', labelNames: ['source'], registers: [registry] }),
    retried: new Counter({ name: 'helpdesk_inbox_retries_total', help: 'Failed attempts put back for a retry, by source', labelNames: ['source'], registers: [registry] }),
    parked: new Counter({ name: 'helpdesk_inbox_parked_total', help: 'Chat inputs parked after their last try, by source', labelNames: ['source'], registers: [registry] }),
  };
  const refreshInbox = async () => {
    if (!inbox) return;
    inboxRows.reset();
    for (const r of await deps.uow.read.inbox.countByState()) inboxRows.set({ source: r.source, state: r.state }, r.count);
    for (const [name, counter] of Object.entries(inboxCounters)) {
      counter.reset();
      for (const [source, n] of Object.entries(inbox.stats[name as keyof typeof inboxCounters])) counter.inc({ source }, n);
    }
  };
  // Reset then refill at each scrape, so a status or service that emptied out disappears.
  const refresh = async () => {
    const m = await ticketMetrics(deps);
    tickets.reset();
    overdue.reset();
    for (const r of m.byStatus) tickets.set({ status: r.status, service: r.service }, r.count);
    for (const r of m.overdue) overdue.set({ service: r.service }, r.count);
    // A counter never goes down: a restore to an older backup holds fewer rows than already shown.
    for (const r of m.createdByChannel) {
      const delta = r.count - (createdSeen.get(r.channel) ?? 0);
      if (delta > 0) created.inc({ channel: r.channel }, delta);
      createdSeen.set(r.channel, Math.max(r.count, createdSeen.get(r.channel) ?? 0));
    }
    outbox.reset();
    kept.reset();
    for (const r of m.outbox) outbox.set({ channel: r.channel, state: r.state }, r.count);
    breaches.set({ clock: 'own' }, m.slaBreaches.own);
    breaches.set({ clock: 'resolve' }, m.slaBreaches.resolve);
    for (const r of m.inboundEvents) kept.set({ source: r.source }, r.count);
    const state = mailbox?.();
    if (state) {
      for (const [outcome, n] of Object.entries(await deps.uow.read.inboundMails.counts())) mails.set({ outcome }, n);
      box.set({ kind: state.kind }, state.connected ? 1 : 0);
      boxRead.set(state.lastReadAt ? state.lastReadAt.getTime() / 1000 : 0);
      boxErrors.set(state.errors);
    }
  };
  const latency = new Histogram({
    name: 'helpdesk_http_request_duration_seconds', help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const end = latency.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) });
      const source = req.method === 'POST' && res.statusCode < 300 ? INBOUND_ROUTES[req.originalUrl.split('?')[0] ?? ''] : undefined;
      if (source) inbound.inc({ source });
    });
    next();
  };
  const router = express.Router();
  router.get('/', async (_req, res) => {
    await Promise.all([refresh(), refreshInbox()]);
    res.type(registry.contentType).send(await registry.metrics());
  });
  return { middleware, router, countInbound: (source: string) => inbound.inc({ source }) };
}

/** Platform inputs that arrive over HTTP; Slack's Socket Mode reports its own through countInbound. */
const INBOUND_ROUTES: Record<string, string> = { '/slack/events': 'slack', '/api/messages': 'teams', '/twilio/sms': 'sms' };

/**
 * The route pattern, never the raw URL: ticket numbers in paths would explode the label set.
 * Express restores req.baseUrl as a request leaves each router (an error handler sees it empty),
 * so the mount prefix is taken from the URL instead: all but the segments the route pattern matched.
 */
export function routeLabel(req: Request): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  const path = (req.originalUrl.split('?')[0] ?? '').replace(/\/+$/, '');
  const own = pattern.split('/').filter(Boolean);
  const segments = path.split('/').filter(Boolean);
  const prefix = segments.slice(0, Math.max(0, segments.length - own.length));
  return '/' + [...prefix, ...own].join('/');
}
