import type { CoreDeps } from '../shared/deps';
import type { ChatPlatform } from '../chat/chat.port';
import type { ReportPoster } from './report-poster.port';
import { reportLinks } from './report-poster.port';
import type { ReportDelivery, StoredReport } from './stored-report.port';
import { notify } from '../notifications/notify';
import { reportSummary } from './report-summary';

export const MAX_DELIVERY_ATTEMPTS = 6;
/** 1, 2, 4, 8, 16 minutes: a Slack or Teams outage of half an hour delays the report, loses nothing. */
export const retryDelayMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

export interface DeliveryOutcome {
  target: string;
  /** `queued`: an e-mail written to the notification outbox, which sends and retries it. */
  result: 'sent' | 'failed' | 'already' | 'queued';
}

export interface Delivery {
  deps: CoreDeps;
  posters: ReportPoster[];
  publicUrl: string;
  log?: (msg: string, err: unknown) => void;
}

const targetOf = (platform: ChatPlatform, channelId: string) => `${platform}:${channelId}`;

/**
 * Posts a stored report in every managers' channel (R8) once: a delivery row is created before the
 * post and only its creator posts, so a re-run or a second instance finds it and skips. A failed
 * post stays due and `retryReportDeliveries` tries it again later with a growing delay.
 */
export async function deliverReport(d: Delivery, stored: StoredReport): Promise<DeliveryOutcome[]> {
  const out: DeliveryOutcome[] = [];
  for (const poster of d.posters) {
    for (const channel of await d.deps.uow.read.chat.bindingsFor(poster.platform, 'managers', null)) {
      const target = targetOf(poster.platform, channel.channelId);
      const mine = await d.deps.uow.transaction((s) => s.storedReports.claimDelivery(stored.id, target, d.deps.clock.now()));
      if (!mine) {
        out.push({ target, result: 'already' });
        continue;
      }
      const row = (await d.deps.uow.read.storedReports.deliveries(stored.id)).find((x) => x.target === target);
      out.push({ target, result: row ? await attempt(d, stored, poster, row) : 'failed' });
    }
  }
  return [...out, ...(await emailSubscribers(d, stored))];
}

/**
 * Managers who asked for e-mail get the report's key figures and links through the outbox; the
 * dedupe key makes a re-run write nothing, and the outbox retries an SMTP outage.
 */
async function emailSubscribers(d: Delivery, stored: StoredReport): Promise<DeliveryOutcome[]> {
  const ids = await d.deps.uow.read.storedReports.subscribers();
  if (!ids.length) return [];
  const people = (await d.deps.uow.read.people.many(ids)).filter((p) => p.active && p.email);
  const links = reportLinks(d.publicUrl, stored);
  const s = reportSummary(stored.report);
  // French typography puts a space before the colon.
  const colon = stored.locale === 'fr' ? ' : ' : ': ';
  const text = [s.title, s.scope, '', ...s.facts.map((f) => `${f.label}${colon}${f.value}`), '', `${s.fullLabel}${colon}${links.markdown}`, `${s.csvLabel}${colon}${links.csv}`].join('\n');
  const out: DeliveryOutcome[] = [];
  await d.deps.uow.transaction(async (store) => {
    for (const p of people) {
      // Remembered here rather than by notify(), to tell the caller which e-mails this run queued.
      if (!(await store.notifications.remember(`report_email:${stored.id}:${p.id}`, d.deps.clock.now()))) {
        out.push({ target: `email:${p.email}`, result: 'already' });
        continue;
      }
      await notify(store, d.deps.clock.now(), [{
        recipient: { kind: 'email', address: p.email!, locale: stored.locale }, event: 'report_ready', ticketId: null,
        params: { text, reportId: stored.id },
      }]);
      out.push({ target: `email:${p.email}`, result: 'queued' });
    }
  });
  return out;
}

/** The scheduler's sweep: deliveries that failed, or were left pending by a crash, and are due again. */
export async function retryReportDeliveries(d: Delivery): Promise<DeliveryOutcome[]> {
  const out: DeliveryOutcome[] = [];
  const due = await d.deps.uow.read.storedReports.dueDeliveries(d.deps.clock.now(), MAX_DELIVERY_ATTEMPTS, 50);
  for (const row of due) {
    const poster = d.posters.find((p) => p.platform === platformOf(row.target));
    const stored = await d.deps.uow.read.storedReports.get(row.reportId);
    if (!poster || !stored) continue;
    out.push({ target: row.target, result: await attempt(d, stored, poster, row) });
  }
  return out;
}

const platformOf = (target: string) => target.slice(0, target.indexOf(':'));
const channelOf = (target: string) => target.slice(target.indexOf(':') + 1);

async function attempt(d: Delivery, stored: StoredReport, poster: ReportPoster, row: ReportDelivery): Promise<'sent' | 'failed' | 'already'> {
  const now = d.deps.clock.now();
  // Taking the attempt first (a conditional update) keeps two sweeps from posting the same delivery.
  const taken = await d.deps.uow.transaction((s) => s.storedReports.startAttempt(row.id, row.attempts, new Date(now.getTime() + retryDelayMs(row.attempts + 1))));
  if (!taken) return 'already';
  try {
    const channel = await d.deps.uow.read.chat.binding(poster.platform, channelOf(row.target), 'managers');
    if (!channel) throw new Error('the managers channel is no longer bound');
    await poster.post(channel, stored, reportLinks(d.publicUrl, stored));
    await d.deps.uow.transaction((s) => s.storedReports.markSent(row.id, d.deps.clock.now()));
    return 'sent';
  } catch (err) {
    d.log?.('report delivery failed', err);
    const next = row.attempts + 1 >= MAX_DELIVERY_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(row.attempts + 1));
    await d.deps.uow.transaction((s) => s.storedReports.markFailed(row.id, err instanceof Error ? err.message : String(err), next));
    return 'failed';
  }
}
