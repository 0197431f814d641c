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
  // A manager recorded as "not reached" received nothing either.
  if (outcomes.some((o) => o.result !== 'not_reached')) return null;
  return { code: 'report_reached_nobody', message: t(locale, 'dayone.report.nobody', { id: reportId }), howToFix: t(locale, 'dayone.report.fix') };
}
