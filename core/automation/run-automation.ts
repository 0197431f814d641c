import type { CoreDeps } from '../shared/deps';
import { systemActor, type Actor } from '../shared/actor';
import type { Store } from '../shared/store.port';
import { OPEN_STATUSES, STATUSES, type Status, type Ticket } from '../tickets/ticket.entity';
import { calendarFor, loadSlaContext, type SlaContext } from '../sla/sla-context';
import { evaluate, meanDayMinutes, periodKey, type Lookups, type TicketFacts } from './conditions';
import { perform } from './actions';
import { similarInHour } from './propose-parent';
import type { Rule, Trigger } from './rule.entity';
import type { TicketEvent } from './automation.port';
import type { WebhookSender } from './webhook.port';

export const AUTOMATION_CURSOR = 'automation_audit_cursor';
const EVENT_BATCH = 500;
const MAX_BATCHES = 20;
const TIME_BATCH = 1000;
const TIME_PAGES = 50;
/** Events older than this when first read are history, not news (first start on an old database). */
const EVENT_MAX_AGE_MS = 3_600_000;
const AUTOMATION_NAME = 'automation';

export interface AutomationResult {
  fired: number;
  failed: number;
  events: number;
}

/** Which triggers an audit action is: the audit trail is the automation's event stream. */
export function triggersOf(action: string): Trigger[] {
  if (action === 'created') return ['created'];
  if (action === 'sla_warning') return ['sla_warning'];
  if (action.startsWith('sla_')) return [];
  if (action === 'status_changed' || action === 'status_forced' || action === 'reopened') return ['status_changed', 'updated'];
  return ['updated'];
}

export const automationActor = (deps: CoreDeps): Actor => ({ ...systemActor(deps.defaultLocale), name: AUTOMATION_NAME });

/**
 * Runs the rules (R7), every minute through the scheduler: event rules on the ticket changes written
 * to the audit trail since the last run, then time rules on the tickets idle long enough. A rule fires
 * once per ticket and run key (the audit entry, or the period of a time rule): a claimed row decides,
 * so a second run or a second instance does nothing twice. Changes the automation itself makes do
 * not trigger rules again, so two rules cannot feed each other forever.
 */
export async function runAutomation(deps: CoreDeps, now: Date, io: { webhooks?: WebhookSender } = {}, stop?: AbortSignal): Promise<AutomationResult> {
  const read = deps.uow.read;
  const rules = (await read.automation.rules()).filter((r) => r.active);
  const sla = await loadSlaContext(read);
  const runner = new Runner(deps, now, rules, sla, io.webhooks ?? null);
  const result: AutomationResult = { fired: 0, failed: 0, events: 0 };
  let cursor = (await read.settings.get<number>(AUTOMATION_CURSOR)) ?? 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const events = await read.automation.eventsAfter(cursor, EVENT_BATCH);
    if (!events.length) break;
    let handled = 0;
    // Shutting down: stop between two events and keep the cursor at the last one handled.
    for (const e of events) {
      if (stop?.aborted) break;
      await runner.onEvent(e);
      handled++;
    }
    if (handled) {
      cursor = events[handled - 1].auditId;
      result.events += handled;
      await deps.uow.transaction((s) => s.settings.set(AUTOMATION_CURSOR, cursor, now));
    }
    if (stop?.aborted) return { ...result, fired: runner.fired, failed: runner.failed };
    if (events.length < EVENT_BATCH) break;
  }
  for (const rule of rules.filter((r) => r.when === 'time_passed')) {
    if (stop?.aborted) break;
    await runner.onTime(rule, stop);
  }
  return { ...result, fired: runner.fired, failed: runner.failed };
}

class Runner {
  fired = 0;
  failed = 0;
  private readonly actor: Actor;
  private readonly dayMinutes: number;
  private readonly slugs = new Map<string, string | null>();

  constructor(
    private readonly deps: CoreDeps,
    private readonly now: Date,
    private readonly rules: Rule[],
    private readonly sla: SlaContext,
    private readonly webhooks: WebhookSender | null,
  ) {
    this.actor = automationActor(deps);
    this.dayMinutes = meanDayMinutes(sla.calendar);
  }

  async onEvent(e: TicketEvent): Promise<void> {
    if (e.actorName === AUTOMATION_NAME && e.channel === 'system') return;
    if (this.now.getTime() - e.at.getTime() > EVENT_MAX_AGE_MS) return;
    const triggers = triggersOf(e.action);
    for (const rule of this.rules.filter((r) => triggers.includes(r.when))) await this.fire(rule, e.ticketId, `audit:${e.auditId}`);
  }

  async onTime(rule: Rule, stop?: AbortSignal): Promise<void> {
    const days = rule.if.find((c) => c.field === 'businessDaysSince');
    if (!days || days.field !== 'businessDaysSince') return;
    const status = rule.if.find((c) => c.field === 'status');
    let statuses: Status[] = [...OPEN_STATUSES, 'resolved'];
    if (status && status.field === 'status' && status.op !== 'not') statuses = Array.isArray(status.value) ? status.value : [status.value];
    else if (status && status.field === 'status') statuses = STATUSES.filter((s) => !(Array.isArray(status.value) ? status.value : [status.value]).includes(s));
    // Business minutes never outrun the wall clock: a ticket idle for less wall time cannot qualify.
    const before = new Date(this.now.getTime() - days.gte * this.dayMinutes * 60_000);
    // Pages by id, so tickets the rule already handled cannot hide the others behind a page limit.
    let after = 0;
    for (let page = 0; page < TIME_PAGES; page++) {
      const rows = await this.deps.uow.read.automation.ticketsIdleSince(statuses, days.since, before, after, TIME_BATCH);
      // The run key of a one-period rule is known from the row alone: tickets it already fired on cost no more queries.
      const single = rule.if.filter((c) => c.field === 'businessDaysSince').length === 1;
      const done = single ? await this.deps.uow.read.automation.runKeys(rule.id, rows.map((r) => r.id)) : new Set<string>();
      for (const r of rows) {
        if (stop?.aborted) return; // the rule's run key makes the next run skip what was done
        const cal = calendarFor(this.sla, r.serviceId);
        const elapsed = cal.businessMinutesBetween(r.since, this.now) / meanDayMinutes(cal);
        if (elapsed < days.gte) continue;
        if (single && done.has(`${r.id}|time:${periodKey(days, r.since, elapsed)}`)) continue;
        await this.fire(rule, r.id, null);
      }
      if (rows.length < TIME_BATCH) break;
      after = rows[rows.length - 1].id;
    }
  }

  private async fire(rule: Rule, ticketId: number, eventKey: string | null): Promise<void> {
    const read = this.deps.uow.read;
    const ticket = await read.tickets.get(ticketId);
    if (!ticket) return;
    const facts = await this.factsOf(read, ticket);
    const lookups: Lookups = {
      calendar: calendarFor(this.sla, ticket.serviceId),
      now: this.now,
      dayMinutes: meanDayMinutes(calendarFor(this.sla, ticket.serviceId)),
      requesterReplied: (since) => read.automation.requesterCommentedSince(ticket.id, ticket.requesterId, since),
      similarReportsInHour: async () => (await similarInHour(read, ticket)).length,
    };
    const { ok, key } = await evaluate(rule.if, facts, lookups);
    if (!ok) return;
    const runKey = eventKey ?? `time:${key}`;
    if (!(await this.deps.uow.transaction((s) => s.automation.claimRun(rule.id, ticket.id, runKey, this.now)))) return;
    try {
      for (const action of rule.then) {
        // Each action sees the ticket as the previous one left it.
        const current = (await read.tickets.get(ticket.id)) ?? ticket;
        await perform({ deps: this.deps, actor: this.actor, rule, runKey, webhooks: this.webhooks }, current, action);
      }
      await this.deps.uow.transaction((s) => s.automation.finishRun(rule.id, ticket.id, runKey, 'done', null));
      this.fired++;
    } catch (e) {
      // Recorded on the run (GET /rules/runs), not retried: an action half-done must not be done twice.
      await this.deps.uow.transaction((s) => s.automation.finishRun(rule.id, ticket.id, runKey, 'failed', (e as Error).message ?? String(e)));
      this.failed++;
    }
  }

  private async factsOf(store: Store, t: Ticket): Promise<TicketFacts> {
    const slug = async (kind: 'c' | 's', id: number | null) => {
      if (id === null) return null;
      const k = `${kind}${id}`;
      if (!this.slugs.has(k)) this.slugs.set(k, kind === 'c' ? (await store.categories.get(id))?.slug ?? null : (await store.services.get(id))?.slug ?? null);
      return this.slugs.get(k)!;
    };
    const requester = await store.people.get(t.requesterId);
    return {
      status: t.status, priority: t.priority, type: t.type, urgency: t.urgency, impact: t.impact, channel: t.sourceChannel,
      category: await slug('c', t.categoryId), service: await slug('s', t.serviceId), title: t.title, description: t.description,
      department: requester?.department ?? null, createdAt: t.createdAt, updatedAt: t.updatedAt, resolvedAt: t.resolvedAt,
      pendingSince: t.pendingSince, pendingUntil: t.pendingUntil,
    };
  }
}

