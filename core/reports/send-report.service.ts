import { z } from 'zod';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { LOCALES } from '../i18n/catalogue';
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
  return { report: { id, periodKind, firstDay, scopeKey, locale }, created, outcomes, ...(warning ? { warning } : {}) };
}
