import type { CoreDeps } from '../shared/deps';
import type { ChatPlatform } from '../chat/chat.port';
import type { Person } from '../people/person.entity';
import { t } from '../i18n/translate';
import type { ReportMailer, ReportPoster } from './report-poster.port';
import { reportLinks } from './report-poster.port';
import type { ReportDelivery, ReportVia, StoredReport } from './stored-report.port';

export const MAX_DELIVERY_ATTEMPTS = 6;
/** 1, 2, 4, 8, 16 minutes: a Slack or Teams outage of half an hour delays the report, loses nothing. */
export const retryDelayMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

export interface DeliveryOutcome {
  target: string;
  /** `queued` is kept for callers of older versions; `not_reached`: nobody could be reached for this manager. */
  result: 'sent' | 'failed' | 'already' | 'queued' | 'not_reached';
  /** For a manager's own delivery (or their coverage by a managers' channel). */
  personId?: number;
  name?: string;
  via?: ReportVia;
  reason?: string;
}

export interface Delivery {
  deps: CoreDeps;
  posters: ReportPoster[];
  /** Present when SMTP is configured. */
  mailer?: ReportMailer;
  publicUrl: string;
  log?: (msg: string, err: unknown) => void;
}

const targetOf = (platform: ChatPlatform, channelId: string) => `${platform}:${channelId}`;
/** Each manager's order of ways when their first choice is not possible. */
const ORDER: Record<Exclude<ReportVia, 'none'>, Array<Exclude<ReportVia, 'none'>>> = {
  channel: ['channel', 'email', 'chat'],
  email: ['email', 'chat', 'channel'],
  chat: ['chat', 'email', 'channel'],
};

/**
 * Sends a stored report to every manager (R8) once: in each bound managers' channel, and to each
 * manager the way they chose (default: the managers' channel; else mail; else their Teams or Slack
 * chat). A delivery row is created before each post and only its creator posts, so a re-run or a
 * second instance finds it and skips. A manager nothing can reach is recorded as not reached, with why.
 */
export async function deliverReport(d: Delivery, stored: StoredReport): Promise<DeliveryOutcome[]> {
  const out: DeliveryOutcome[] = [];
  const channelTargets: string[] = [];
  for (const poster of d.posters) {
    for (const channel of await d.deps.uow.read.chat.bindingsFor(poster.platform, 'managers', null)) {
      const target = targetOf(poster.platform, channel.channelId);
      channelTargets.push(target);
      out.push({ target, result: await claimAndSend(d, stored, target, null) });
    }
  }
  const vias = await d.deps.uow.read.storedReports.vias();
  for (const m of await managers(d)) {
    const via = vias.get(m.id) ?? 'channel';
    const who = { personId: m.id, name: m.displayName };
    if (via === 'none') {
      out.push(await notReached(d, stored, m, t(stored.locale, 'reports.delivery.reason.chose_none')));
      continue;
    }
    const way = ORDER[via].map((w) => personalTarget(d, m, w, channelTargets)).find((x) => x !== null);
    if (!way) {
      out.push(await notReached(d, stored, m, t(stored.locale, 'reports.delivery.reason.no_channel')));
      continue;
    }
    if (way.via === 'channel') out.push({ ...who, via: 'channel', target: way.target, result: out.find((o) => o.target === way.target)?.result ?? 'already' });
    else out.push({ ...who, via: way.via, target: way.target, result: await claimAndSend(d, stored, way.target, m.id) });
  }
  return out;
}

async function managers(d: Delivery): Promise<Person[]> {
  const all: Person[] = [];
  for (let afterId: number | undefined; ; ) {
    const page = await d.deps.uow.read.people.list({ role: 'manager', limit: 200, afterId });
    all.push(...page.filter((p) => p.active));
    if (page.length < 200) return all;
    afterId = page[page.length - 1].id;
  }
}

function personalTarget(d: Delivery, m: Person, via: Exclude<ReportVia, 'none'>, channels: string[]): { via: ReportVia; target: string } | null {
  if (via === 'channel') return channels.length ? { via, target: channels[0] } : null;
  if (via === 'email') return d.mailer && m.email ? { via, target: `email:${m.email}` } : null;
  for (const p of d.posters) {
    const id = p.platform === 'slack' ? m.slackUserId : m.aadObjectId;
    if (id) return { via, target: `dm:${p.platform}:${id}` };
  }
  return null;
}

async function notReached(d: Delivery, stored: StoredReport, m: Person, reason: string): Promise<DeliveryOutcome> {
  await d.deps.uow.transaction((s) => s.storedReports.recordNotReached(stored.id, m.id, reason, d.deps.clock.now()));
  return { target: `none:${m.id}`, result: 'not_reached', personId: m.id, name: m.displayName, reason };
}

async function claimAndSend(d: Delivery, stored: StoredReport, target: string, personId: number | null): Promise<DeliveryOutcome['result']> {
  const mine = await d.deps.uow.transaction((s) => s.storedReports.claimDelivery(stored.id, target, d.deps.clock.now(), personId));
  if (!mine) return 'already';
  const row = (await d.deps.uow.read.storedReports.deliveries(stored.id)).find((x) => x.target === target);
  return row ? attempt(d, stored, row) : 'failed';
}

/** The scheduler's sweep: deliveries that failed, or were left pending by a crash, and are due again. */
export async function retryReportDeliveries(d: Delivery): Promise<DeliveryOutcome[]> {
  const out: DeliveryOutcome[] = [];
  const due = await d.deps.uow.read.storedReports.dueDeliveries(d.deps.clock.now(), MAX_DELIVERY_ATTEMPTS, 50);
  for (const row of due) {
    const stored = await d.deps.uow.read.storedReports.get(row.reportId);
    if (!stored) continue;
    out.push({ target: row.target, result: await attempt(d, stored, row) });
  }
  return out;
}

/** Posts one delivery row: `slack:C1` / `teams:19:..` a channel, `dm:<platform>:<user>` a chat, `email:<address>` a mail. */
async function send(d: Delivery, stored: StoredReport, row: ReportDelivery): Promise<void> {
  const links = reportLinks(d.publicUrl, stored);
  const [kind, ...rest] = row.target.split(':');
  if (kind === 'email') {
    if (!d.mailer) throw new Error('e-mail is off (SMTP_URL is not set)');
    const person = row.personId === null ? null : await d.deps.uow.read.people.get(row.personId);
    return d.mailer.mail({ address: rest.join(':'), name: person?.displayName ?? '' }, stored, links);
  }
  if (kind === 'dm') {
    const poster = d.posters.find((p) => p.platform === rest[0]);
    if (!poster) throw new Error(`${rest[0]} is not configured`);
    return poster.postToPerson(rest.slice(1).join(':'), stored, links);
  }
  const poster = d.posters.find((p) => p.platform === kind);
  if (!poster) throw new Error(`${kind} is not configured`);
  const channel = await d.deps.uow.read.chat.binding(poster.platform, rest.join(':'), 'managers');
  if (!channel) throw new Error('the managers channel is no longer bound');
  return poster.post(channel, stored, links);
}

async function attempt(d: Delivery, stored: StoredReport, row: ReportDelivery): Promise<'sent' | 'failed' | 'already'> {
  const now = d.deps.clock.now();
  // Taking the attempt first (a conditional update) keeps two sweeps from posting the same delivery.
  const taken = await d.deps.uow.transaction((s) => s.storedReports.startAttempt(row.id, row.attempts, new Date(now.getTime() + retryDelayMs(row.attempts + 1))));
  if (!taken) return 'already';
  try {
    await send(d, stored, row);
    await d.deps.uow.transaction((s) => s.storedReports.markSent(row.id, d.deps.clock.now()));
    return 'sent';
  } catch (err) {
    d.log?.('report delivery failed', err);
    const next = row.attempts + 1 >= MAX_DELIVERY_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(row.attempts + 1));
    await d.deps.uow.transaction((s) => s.storedReports.markFailed(row.id, err instanceof Error ? err.message : String(err), next));
    return 'failed';
  }
}
