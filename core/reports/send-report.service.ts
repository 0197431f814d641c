import { z } from 'zod';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { LOCALES } from '../i18n/catalogue';
import { t } from '../i18n/translate';
import { PERIOD_KINDS } from './report-period';
import { publishReport } from './publish-report.service';
import { reachedNobody, type ReachedNobody } from './report-reach';
import { deliverReport, type Delivery, type DeliveryOutcome } from './deliver-report.service';

export const sendReportSchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('weekly'),
  from: z.string().max(10).optional(),
  service: z.string().trim().min(1).max(64).optional(),
  lang: z.enum(LOCALES).optional(),
});

export interface SentReport {
  report: { id: number; periodKind: string; firstDay: string; scopeKey: string; locale: string };
  created: boolean;
  outcomes: DeliveryOutcome[];
  /** Set when the send reached nobody: what to tell the sender, and how to fix it. */
  warning?: ReachedNobody;
  /** Managers reached (a channel they get, their mail or chat) and those nobody could reach, with why. */
  reached: number;
  notReached: Array<{ personId: number; name: string; reason: string }>;
  /** True when no channel and no manager received it: the caller must say so. */
  nobody: boolean;
  /** One sentence for the CLI, the chat and the dashboard, in the caller's language. */
  message: string;
}

/** What a send's outcomes mean for people: who got it, who did not and why, or that nobody did. */
export function summarizeOutcomes(reportId: number, outcomes: DeliveryOutcome[], locale: 'fr' | 'en') {
  const ok = (o: DeliveryOutcome) => o.result === 'sent' || o.result === 'already' || o.result === 'queued';
  const reached = outcomes.filter((o) => o.personId !== undefined && ok(o)).length;
  const notReached = outcomes.filter((o) => o.result === 'not_reached').map((o) => ({ personId: o.personId!, name: o.name ?? '', reason: o.reason ?? '' }));
  // A failed post is retried (it stays due): only a send with nothing under way reached nobody.
  const nobody = !outcomes.some((o) => o.result !== 'not_reached');
  const message = nobody
    ? [t(locale, 'reports.nobody', { id: reportId }), ...notReached.map((n) => t(locale, 'reports.unreached_line', { name: n.name, reason: n.reason }))].join('\n')
    : t(locale, 'reports.reached', { id: reportId, reached, unreached: notReached.length });
  return { reached, notReached, nobody, message };
}

/**
 * `npx helpdesk report weekly --send`, `POST /api/v1/reports/send`, `/helpdesk report ... ` with
 * send: the same keep-then-post as the schedule, on demand, for managers and admins. Sending the
 * same period again posts nothing new: the channels already have it.
 */
export async function sendReportNow(d: Delivery, actor: Actor, raw: unknown, timeZone?: string): Promise<SentReport> {
  if (!seesEverything(actor)) throw new HelpdeskError('forbidden');
  const input = parse(sendReportSchema, raw ?? {});
  const { stored, created } = await publishReport(d.deps, actor, { ...input, lang: input.lang ?? actor.locale }, timeZone);
  const outcomes = await deliverReport(d, stored);
  const { id, periodKind, firstDay, scopeKey, locale } = stored;
  const warning = reachedNobody(outcomes, id, actor.locale);
  return { report: { id, periodKind, firstDay, scopeKey, locale }, created, outcomes, ...summarizeOutcomes(id, outcomes, actor.locale), ...(warning ? { warning } : {}) };
}
