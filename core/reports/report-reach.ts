import type { CoreDeps } from '../shared/deps';
import type { Locale } from '../i18n/catalogue';
import { t } from '../i18n/translate';
import type { DeliveryOutcome } from './deliver-report.service';

export interface ReachedNobody {
  code: 'report_reached_nobody';
  message: string;
  howToFix: string;
}

/**
 * A send that reached no channel and queued no e-mail is no success: the caller (API, CLI, chat,
 * dashboard) says so and how to fix it. A failed post is
 * no "nobody": it stays due and is retried.
 */
export function reachedNobody(outcomes: DeliveryOutcome[], reportId: number, locale: Locale): ReachedNobody | null {
  if (outcomes.length) return null;
  return { code: 'report_reached_nobody', message: t(locale, 'dayone.report.nobody', { id: reportId }), howToFix: t(locale, 'dayone.report.fix') };
}

/**
 * For the dashboard's list of kept reports: how many channels received each one, or null when
 * nobody did (no channel delivery and nobody subscribed by e-mail), so a kept report is not read as sent.
 */
export async function reachOfStored(deps: CoreDeps, reportIds: number[]): Promise<Map<number, number | null>> {
  const read = deps.uow.read;
  const subscribers = (await read.storedReports.subscribers()).length;
  const out = new Map<number, number | null>();
  for (const id of reportIds) {
    const sent = (await read.storedReports.deliveries(id)).filter((d) => d.status === 'sent').length;
    out.set(id, sent + subscribers > 0 ? sent + subscribers : null);
  }
  return out;
}
