import type { CoreDeps } from '../shared/deps';
import type { Actor } from '../shared/actor';
import { systemActor } from '../shared/actor';
import { notify } from '../notifications/notify';
import type { NotificationIntent } from '../notifications/notification.port';
import { audit } from '../tickets/ticket-change';
import { defaultRouting, type ServiceRouting } from '../routing/routing.entity';
import { calendarFor, loadSlaContext, type SlaContext } from './sla-context';
import { DEFAULT_SLA_POLICIES, pickPolicy, type SlaPolicy } from './sla-policy';
import { PRIORITIES } from '../tickets/ticket.entity';
import { levelReached, warningHorizon } from './sla-levels';
import { escalationIntents } from './sla-recipients';
import { freshSlaState, SLA_LEVELS, type SlaBounds, type SlaCandidate, type SlaClock, type SlaLevel, type TicketSlaState } from './sla.port';

/** Tickets handled per sweep; the next minute's sweep takes the rest. */
const BATCH = 5000;
/** Owned or resolved within this window and not yet marked met/missed (the sweep runs every minute). */
const OUTCOME_WINDOW_MS = 2 * 86_400_000;

export interface SlaSweepResult {
  candidates: number;
  /** Level changes this sweep recorded (another instance's are not counted). */
  events: number;
  notifications: number;
  outcomes: number;
  failed: number;
}

export const slaActor = (deps: CoreDeps): Actor => ({ ...systemActor(deps.defaultLocale), name: 'sla' });

/**
 * The SLA sweep (R10, R13), run every minute by the scheduler: warnings at the service's share of each
 * target, escalation and breach at 100%, the managers at the last share, each recorded on the ticket
 * with an audit entry and sent through the outbox. Safe to run on several instances at once: each
 * level is a unique row written in the same transaction as its messages.
 */
export async function runSlaSweep(deps: CoreDeps, now: Date, stop?: AbortSignal): Promise<SlaSweepResult> {
  const read = deps.uow.read;
  const sla = await loadSlaContext(read);
  const routings = new Map((await read.routing.allSettings()).map((r) => [r.serviceId, r]));
  const candidates = await read.sla.candidates({ bounds: slaBounds(sla, [...routings.values()], now), limit: BATCH });
  const result: SlaSweepResult = { candidates: candidates.length, events: 0, notifications: 0, outcomes: 0, failed: 0 };
  for (const c of candidates) {
    // Shutting down: the tickets not reached are still candidates for the next sweep.
    if (stop?.aborted) return result;
    const routing = (c.serviceId !== null ? routings.get(c.serviceId) : undefined) ?? defaultRouting(c.serviceId ?? 0);
    const targets = targetLevels(sla, routing, c, now);
    const state = c.state && c.state.cycle === c.reopenCount ? c.state : freshSlaState(c.reopenCount);
    if (targets.own <= state.ownLevel && targets.resolve <= state.resolveLevel) continue;
    try {
      const done = await escalate(deps, c, state, targets, now);
      result.events += done.events;
      result.notifications += done.notifications;
    } catch {
      // One ticket's failure (e.g. a lost deadlock after retries) must not stop the others; the next sweep retries it.
      result.failed++;
    }
  }
  result.outcomes = await recordOutcomes(deps, now);
  return result;
}

/**
 * For each priority, the latest deadlines that can have reached the next level at `now`: the warning
 * (business time ahead, for the longest target and lowest share), the deadline itself, and the
 * managers' share (a wall-clock bound: business time never outruns it, so none is missed).
 */
export function slaBounds(sla: SlaContext, routings: ServiceRouting[], now: Date): SlaBounds[] {
  const warn = Math.min(defaultRouting(0).warnPercent, ...routings.map((r) => r.warnPercent));
  const managers = Math.min(defaultRouting(0).managersPercent, ...routings.map((r) => r.managersPercent));
  return PRIORITIES.map((priority) => {
    const policies = [...sla.policies, ...DEFAULT_SLA_POLICIES].filter((p) => p.priority === priority);
    // With services on calendars of their own, the loosest bound over all calendars holds for every ticket.
    const calendars = [sla.calendar, ...(sla.serviceCalendars?.values() ?? [])];
    const bounds = (pick: (p: SlaPolicy) => number): [Date, Date, Date] => {
      const longest = Math.max(...policies.map(pick));
      const shortest = Math.min(...policies.map(pick));
      const latest = (f: (c: typeof sla.calendar) => Date) => new Date(Math.max(...calendars.map((c) => f(c).getTime())));
      return [
        latest((c) => warningHorizon(c, now, longest, warn)),
        now,
        latest((c) => c.subtractBusinessMinutes(now, Math.floor((shortest * (managers - 100)) / 100))),
      ];
    };
    return { priority, own: bounds((p) => p.ownMinutes), resolve: bounds((p) => p.resolveMinutes) };
  });
}

function targetLevels(sla: SlaContext, routing: ServiceRouting, c: SlaCandidate, now: Date): Record<SlaClock, SlaLevel> {
  const policy = pickPolicy(sla.policies, c.priority, c.serviceId);
  return {
    own: c.ownedAt === null ? levelReached(calendarFor(sla, c.serviceId), now, c.ownDueAt, policy.ownMinutes, routing) : 0,
    resolve: levelReached(calendarFor(sla, c.serviceId), now, c.resolveDueAt, policy.resolveMinutes, routing),
  };
}

async function escalate(deps: CoreDeps, c: SlaCandidate, state: TicketSlaState, targets: Record<SlaClock, SlaLevel>, now: Date) {
  return deps.uow.transaction(async (store) => {
    const ctx = { store, actor: slaActor(deps), now };
    // Another instance may have moved this ticket since the candidates were read: start from what is stored.
    const stored = await store.sla.state(c.id);
    const base = stored && stored.cycle === state.cycle ? stored : state;
    const next: TicketSlaState = { ...base };
    const intents: NotificationIntent[] = [];
    let events = 0;
    for (const clock of ['own', 'resolve'] as const) {
      const from = clock === 'own' ? base.ownLevel : base.resolveLevel;
      const to = targets[clock];
      if (to <= from) continue;
      let highestNew: SlaLevel = 0;
      for (let level = from + 1; level <= to; level++) {
        const name = SLA_LEVELS[level - 1];
        // Already written by another instance: that instance sends its messages, this one only catches up.
        if (!(await store.sla.recordEvent({ ticketId: c.id, clock, level: name, cycle: state.cycle, at: now }))) continue;
        events++;
        highestNew = level as SlaLevel;
        const due = clock === 'own' ? c.ownDueAt : c.resolveDueAt;
        await audit(ctx, c.id, `sla_${name}`, null, { clock, level: name, dueAt: due, cycle: state.cycle });
      }
      if (clock === 'own') next.ownLevel = to;
      else next.resolveLevel = to;
      if (to >= 2) {
        // Breach: the target is missed whatever happens next (reports read these flags).
        if (clock === 'own' && next.ownMet === null) Object.assign(next, { ownMet: false, ownBreachedAt: now });
        if (clock === 'resolve' && next.resolveMet === null) Object.assign(next, { resolveMet: false, resolveBreachedAt: now });
      }
      // Only the highest new level is told: a ticket found far past its deadline gets one message, not three.
      if (highestNew > 0) intents.push(...(await escalationIntents(store, c, clock, highestNew as Exclude<SlaLevel, 0>, state.cycle, deps.defaultLocale)));
    }
    await store.sla.saveState(c.id, next, now);
    if (intents.length) await notify(store, now, intents);
    return { events, notifications: intents.length };
  });
}

/** Met or missed for the tickets owned or resolved since the last sweeps: one flag per clock and cycle. */
async function recordOutcomes(deps: CoreDeps, now: Date): Promise<number> {
  const rows = await deps.uow.read.sla.unrecordedOutcomes(new Date(now.getTime() - OUTCOME_WINDOW_MS), BATCH);
  if (!rows.length) return 0;
  await deps.uow.transaction(async (store) => {
    for (const r of rows) {
      const known = r.state && r.state.cycle === r.reopenCount ? r.state : null;
      if (r.ownedAt && known?.ownMet == null) await store.sla.recordMet(r.id, r.reopenCount, 'own', r.ownedAt <= r.ownDueAt, now);
      if (r.resolvedAt && known?.resolveMet == null) await store.sla.recordMet(r.id, r.reopenCount, 'resolve', r.resolvedAt <= r.resolveDueAt, now);
    }
  });
  return rows.length;
}
