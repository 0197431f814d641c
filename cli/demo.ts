/**
 * `npx helpdesk demo`: loads "Société Exemple", a French company with ten weeks of helpdesk life.
 * Everything goes through the core use cases on a clock this loader moves forward, so every row has
 * the audit trail, SLA dates and timestamps it would have had if people had really done it.
 */
import { DateTime } from 'luxon';
import { Actor, Channel, systemActor } from '../core/shared/actor';
import type { CoreDeps } from '../core/shared/deps';
import type { Clock } from '../core/shared/clock.port';
import type { Person } from '../core/people/person.entity';
import type { Level, Status } from '../core/tickets/ticket.entity';
import { STATUSES } from '../core/tickets/ticket.entity';
import type { CreateTicketInput } from '../core/tickets/ticket.schemas';
import { t as translate } from '../core/i18n/translate';
import { BusinessCalendar } from '../core/sla/business-calendar';
import { DEFAULT_PRIORITY_MATRIX, priorityOf } from '../core/sla/priority-matrix';
import { actorForPerson } from '../core/people/actor-for-person';
import { createPerson } from '../core/people/manage-people.service';
import { createService, setRole, setServiceMember } from '../core/people/manage-services.service';
import { saveCategory } from '../core/people/manage-categories.service';
import { createTicket } from '../core/tickets/create-ticket.service';
import { claimTicket } from '../core/tickets/claim-ticket.service';
import { assignTicket } from '../core/tickets/assign-ticket.service';
import { addComment } from '../core/tickets/add-comment.service';
import { changeStatus } from '../core/tickets/change-status.service';
import { reopenTicket } from '../core/tickets/reopen-ticket.service';
import { transferTicket } from '../core/tickets/transfer-ticket.service';
import { linkTickets } from '../core/tickets/link-tickets.service';
import { addExternalRef } from '../core/tickets/external-refs.service';
import { setWatcher } from '../core/tickets/watch-ticket.service';
import { updateTicket } from '../core/tickets/update-ticket.service';
import {
  ADMIN_SEED, CATEGORY_ROUTES, COMPANY, DEMO_ADMIN_EMAIL, DEPARTMENTS, DOMAIN, EMPLOYEE_CHANNELS, ENGLISH_SPEAKERS, Episode,
  FAMILIES, Family, FIRST_NAMES, LAST_NAMES, NEW_CATEGORIES, OFFICE_UPDATE, ONBOARDING, ONBOARDING_TEXT, OUTAGE, routeOf,
  SERVICES, ServiceSlug, STAFF, TEXTS, VARS, VPN_CERT,
} from './demo-data';
import { loadDemoArticles } from './demo-articles';

const ZONE = 'Europe/Paris';
const DAY_MS = 86_400_000;
const WINDOW_DAYS = 70;
const TOTAL_TICKETS = 300;
/** Business minutes before someone takes a ticket, by priority. */
const OWN_DELAY: Record<number, [number, number]> = { 1: [3, 20], 2: [5, 60], 3: [15, 300], 4: [30, 500] };
const AUTO_CLOSE_MINUTES = 5 * 570;

// ---------------------------------------------------------------- randomness and time

/** mulberry32: tiny, fast and the same on every machine, so a seed always gives the same company. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(private readonly next: () => number) {}
  float = () => this.next();
  range = (a: number, b: number) => a + (b - a) * this.next();
  int = (a: number, b: number) => a + Math.floor(this.next() * (b - a + 1));
  chance = (p: number) => this.next() < p;
  pick = <T>(xs: readonly T[]): T => xs[Math.floor(this.next() * xs.length)];
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
    let u = this.next() * xs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of xs) if ((u -= w) < 0) return v;
    return xs[xs.length - 1][0];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

interface DemoClock extends Clock {
  set(ms: number): void;
}
function demoClock(ms: number): DemoClock {
  let current = ms;
  return { now: () => new Date(current), set: (v) => (current = v) };
}

type Run = () => Promise<unknown>;

/** Every action of the ten weeks, replayed in time order; what would happen after "now" never does. */
class Timeline {
  private readonly steps: Array<{ at: number; seq: number; label: string; run: Run }> = [];
  add(at: number, label: string, run: Run): void {
    this.steps.push({ at, seq: this.steps.length, label, run });
  }
  async play(clock: DemoClock, end: number): Promise<void> {
    this.steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const s of this.steps) {
      if (s.at > end) continue;
      clock.set(s.at);
      try {
        await s.run();
      } catch (e) {
        throw new Error(`demo: "${s.label}" at ${new Date(s.at).toISOString()} failed: ${(e as Error).message}`);
      }
    }
  }
}

// ---------------------------------------------------------------- people

interface Member {
  person: Person;
  channel: Channel;
  first: string;
  dept: string;
  en: boolean;
}
interface Cast {
  employees: Member[];
  byDept: Map<string, Member[]>;
  team: Record<ServiceSlug, Member[]>;
  lead: Record<ServiceSlug, Member>;
  staff: Map<string, Member>;
  phoneDesk: Member[];
  sophie: Member;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const emailFor = (name: string) => `${fold(name).replace(/[^a-z]+/g, '.')}@${DOMAIN}`;
const hex = (r: Rng, n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('');
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const slackId = (r: Rng) => 'U0' + Array.from({ length: 9 }, () => r.pick('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''))).join('');
const mobile = (r: Rng, prefix: string) => `${prefix} ${Array.from({ length: 4 }, () => String(r.int(10, 99))).join(' ')}`;

async function castPeople(d: CoreDeps, op: Actor, r: Rng, tick: () => void): Promise<Cast> {
  const members = new Map<string, Member>();
  const add = (person: Person, channel: Channel, dept: string) =>
    members.set(person.email!, { person, channel, first: person.displayName.split(' ')[0], dept, en: person.locale === 'en' });

  for (const s of STAFF) {
    tick();
    const p = await createPerson(d, op, {
      displayName: s.name, email: emailFor(s.name), phone: s.phone, locale: 'fr', role: s.promoted ? 'employee' : s.role,
      department: s.department, aadObjectId: uuid(r), slackUserId: s.channel === 'slack' ? slackId(r) : undefined,
    });
    add(p, s.channel, s.department);
  }
  for (const svc of SERVICES) {
    tick();
    const lead = STAFF.find((s) => s.service === svc.slug && s.lead)!;
    if (!(await d.uow.read.services.findBySlug(svc.slug))) await createService(d, op, { name: svc.name, slug: svc.slug, lead: emailFor(lead.name) });
    for (const s of STAFF.filter((x) => x.service === svc.slug && !x.promoted)) {
      tick();
      await setServiceMember(d, op, svc.slug, { person: emailFor(s.name) }, true);
    }
  }
  for (const s of STAFF.filter((x) => x.promoted)) {
    tick();
    await setRole(d, op, { person: emailFor(s.name), role: 'technician', service: s.service });
  }
  for (const [slug, svc] of Object.entries(CATEGORY_ROUTES)) {
    tick();
    await saveCategory(d, op, { defaultService: svc }, slug);
  }
  for (const c of NEW_CATEGORIES) {
    tick();
    if (await d.uow.read.categories.findBySlug(c.slug)) await saveCategory(d, op, { defaultService: c.defaultService }, c.slug);
    else await saveCategory(d, op, c);
  }

  const firsts = r.shuffle([...FIRST_NAMES]);
  const lasts = r.shuffle([...LAST_NAMES]);
  const depts = r.shuffle(DEPARTMENTS.flatMap(([dept, n]) => Array<string>(n).fill(dept)));
  const people = [
    ...depts.map((dept, i) => ({ name: `${firsts[i % firsts.length]} ${lasts[i]}`, dept, en: false })),
    ...ENGLISH_SPEAKERS.map((e) => ({ name: e.name, dept: e.department, en: true })),
  ];
  const phones = new Set<string>();
  for (const e of people) {
    tick();
    const channel = r.weighted(EMPLOYEE_CHANNELS);
    let phone: string | undefined;
    if (r.chance(0.45) || channel === 'sms') {
      do phone = mobile(r, r.pick(['06', '07']));
      while (phones.has(phone));
      phones.add(phone);
    }
    const p = await createPerson(d, op, {
      displayName: e.name, email: emailFor(e.name), phone, locale: e.en ? 'en' : r.chance(0.85) ? 'fr' : undefined, department: e.dept,
      aadObjectId: r.chance(0.8) ? uuid(r) : undefined, slackUserId: channel === 'slack' ? slackId(r) : undefined,
    });
    add(p, channel, e.dept);
  }

  // Roles changed after creation (promotion): read everyone back once.
  for (const m of members.values()) m.person = (await d.uow.read.people.get(m.person.id))!;
  const all = [...members.values()];
  const staff = new Map(STAFF.map((s) => [s.name, members.get(emailFor(s.name))!]));
  const team = {} as Record<ServiceSlug, Member[]>;
  const lead = {} as Record<ServiceSlug, Member>;
  for (const svc of SERVICES) {
    team[svc.slug] = STAFF.filter((s) => s.service === svc.slug).map((s) => staff.get(s.name)!);
    lead[svc.slug] = staff.get(STAFF.find((s) => s.service === svc.slug && s.lead)!.name)!;
  }
  const employees = all.filter((m) => m.person.role === 'employee');
  const byDept = new Map<string, Member[]>();
  for (const m of employees) byDept.set(m.dept, [...(byDept.get(m.dept) ?? []), m]);
  const phoneDesk = STAFF.filter((s) => s.phoneSupport).map((s) => staff.get(s.name)!);
  return { employees, byDept, team, lead, staff, phoneDesk, sophie: staff.get('Sophie Bernard')! };
}

// ---------------------------------------------------------------- tickets

type Fate = 'done' | 'cancel' | 'stuck-new' | 'stuck-assigned' | 'stuck-progress' | 'stuck-pending';

interface Plan {
  at: number;
  input: CreateTicketInput;
  channel: Channel;
  /** Phone support or the technician who opened it; null when the requester filed it. */
  creator: Member | null;
  /** Null until an unknown caller's record is created with the ticket. */
  requester: Member | null;
  service: ServiceSlug;
  en: boolean;
  family: Family | null;
  number: number;
  dupOf?: Plan;
  transferTo?: ServiceSlug;
  relatedTo?: Plan;
  multi?: boolean;
  reopen?: boolean;
  raise?: boolean;
  watcher?: Member;
  fate?: Fate;
}

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));

class Engine {
  readonly tl = new Timeline();
  readonly cal = new BusinessCalendar();
  readonly plans: Plan[] = [];
  readonly system: Actor;
  private readonly actors = new Map<string, Actor>();

  constructor(
    readonly d: CoreDeps,
    readonly cast: Cast,
    readonly content: Rng,
    readonly life: Rng,
    readonly end: number,
  ) {
    this.system = { ...systemActor('fr'), name: 'clôture automatique' };
  }

  /** Adds business minutes: what happens at night waits for the next morning. */
  after(t: number, minutes: number): number {
    return this.cal.addBusinessMinutes(new Date(t), Math.max(minutes, 0.5)).getTime();
  }

  async as(m: Member, channel: Channel = m.channel): Promise<Actor> {
    const key = `${m.person.id}/${channel}`;
    let a = this.actors.get(key);
    if (!a) this.actors.set(key, (a = await actorForPerson(this.d, this.d.uow.read, m.person, channel)));
    return a;
  }

  pickTech(svc: ServiceSlug, not?: Member): Member {
    const pool = this.cast.team[svc].filter((m) => m !== not);
    return this.life.weighted(pool.map((m) => [m, m === this.cast.lead[svc] ? 1 : 2] as const));
  }

  say(p: Plan, key: keyof typeof TEXTS.fr, vars: Record<string, string | number> = {}): string {
    const en = TEXTS.en as Record<string, string[] | undefined>;
    const pool = (p.en && en[key]) || (TEXTS.fr[key] as string[]);
    return fill(this.life.pick(pool), { prenom: p.requester?.first ?? '', ...vars });
  }

  /** The creation itself: the requester, or phone support for a caller, files the ticket. */
  schedule(p: Plan, label: string): void {
    this.plans.push(p);
    this.tl.add(p.at, `create ${label}`, async () => {
      const { ticket } = await createTicket(this.d, await this.as(p.creator ?? p.requester!, p.channel), p.input);
      p.number = ticket.id;
      if (!p.requester) {
        const person = (await this.d.uow.read.people.get(ticket.requesterId))!;
        p.requester = { person, channel: 'phone', first: person.displayName.split(' ')[0], dept: '', en: false };
      }
    });
  }
}

/** A stepper over one ticket's story: each step comes some business minutes after the previous one. */
function story(x: Engine, p: Plan, from = p.at) {
  let t = from;
  return {
    get t() {
      return t;
    },
    step(min: number, max: number, label: string, run: Run): void {
      t = x.after(t, x.life.range(min, max));
      x.tl.add(t, `#${label} (${p.input.title})`, run);
    },
  };
}

function ordinaryLife(x: Engine, p: Plan): void {
  const r = x.life;
  const f = p.family!;
  const s = story(x, p);
  const n = () => p.number;
  const req = () => x.as(p.requester!, p.requester!.channel === 'phone' ? 'phone' : p.channel === 'phone' ? p.requester!.channel : p.channel);
  const own = OWN_DELAY[priorityOf(DEFAULT_PRIORITY_MATRIX, p.input.urgency ?? 'medium', p.input.impact ?? 'medium')];
  let svc = p.service;

  if (p.dupOf) {
    const tech = x.pickTech(svc);
    const body = r.pick(TEXTS.fr.duplicate);
    s.step(own[0], own[1], 'duplicate', async () =>
      changeStatus(x.d, await x.as(tech), n(), { status: 'closed', duplicateOf: p.dupOf!.number, comment: fill(body, { original: p.dupOf!.number }) }),
    );
    return;
  }
  if (p.watcher) {
    const w = p.watcher;
    s.step(2, 60, 'watch', async () => setWatcher(x.d, await req(), n(), w.person.email!, true));
  }
  if (p.fate === 'cancel') {
    if (r.chance(0.4)) {
      const tech = x.pickTech(svc);
      const body = x.say(p, 'replies');
      s.step(own[0], own[1], 'reply', async () => addComment(x.d, await x.as(tech), n(), { body }));
    }
    const comment = x.say(p, 'cancel');
    s.step(10, 240, 'cancel', async () => changeStatus(x.d, await req(), n(), { status: 'cancelled', comment }));
    return;
  }
  if (p.fate === 'stuck-new') {
    const body = x.say(p, 'nudge');
    s.step(570, 1200, 'nudge', async () => addComment(x.d, await req(), n(), { body }));
    return;
  }
  if (p.transferTo) {
    const first = x.pickTech(svc);
    const to = p.transferTo;
    s.step(own[0], own[1], 'claim', async () => claimTicket(x.d, await x.as(first), n()));
    s.step(10, 90, 'transfer', async () => transferTicket(x.d, await x.as(first), n(), { service: to, comment: f.transfer!.note }));
    svc = to;
  }

  const owner = x.pickTech(svc);
  const lead = x.cast.lead[svc];
  if (p.multi) {
    const others = SERVICES.map((v) => v.slug).filter((v) => v !== svc);
    const helper = r.chance(0.3) ? x.pickTech(r.pick(others)) : x.pickTech(svc, owner);
    s.step(own[0], own[1], 'assign two', async () => assignTicket(x.d, await x.as(lead), n(), { add: [owner.person.email!, helper.person.email!] }));
  } else if (r.chance(0.25)) {
    s.step(own[0], own[1], 'assign', async () => assignTicket(x.d, await x.as(lead), n(), { add: [owner.person.email!] }));
  } else {
    s.step(own[0], own[1], 'claim', async () => claimTicket(x.d, await x.as(owner), n()));
  }
  if (p.fate === 'stuck-assigned') {
    if (r.chance(0.5)) {
      const body = x.say(p, 'nudge');
      s.step(900, 1500, 'nudge', async () => addComment(x.d, await req(), n(), { body }));
    }
    return;
  }
  if (p.relatedTo) {
    const other = p.relatedTo;
    s.step(1, 15, 'related', async () => {
      await linkTickets(x.d, await x.as(owner), n(), { type: 'related_to', ticket: other.number });
      await addComment(x.d, await x.as(owner), n(), { body: fill(TEXTS.fr.related, { other: other.number }), internal: true });
    });
  }
  if (p.raise) {
    s.step(5, 30, 'impact', async () => {
      await updateTicket(x.d, await x.as(owner), n(), { impact: 'high' });
      await addComment(x.d, await x.as(owner), n(), { body: TEXTS.fr.raisedImpact, internal: true });
    });
  }
  if (r.chance(0.65)) {
    const body = fill(f.replies && r.chance(0.4) ? r.pick(f.replies) : x.say(p, 'replies'), { prenom: p.requester?.first ?? '' });
    s.step(3, 90, 'reply', async () => addComment(x.d, await x.as(owner), n(), { body }));
    if (r.chance(0.5)) {
      const answer = x.say(p, 'userReplies');
      s.step(10, 240, 'answer', async () => addComment(x.d, await req(), n(), { body: answer }));
    }
  }
  if (r.chance(0.85) || p.fate === 'stuck-progress') {
    s.step(5, 120, 'start', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'in_progress' }));
  }
  if (r.chance(0.35)) {
    const body = fill(f.notes && r.chance(0.5) ? r.pick(f.notes) : r.pick(TEXTS.fr.notes), { imprimante: p.input.title.match(/IMP-[\w-]+/)?.[0] ?? 'cette imprimante' });
    s.step(10, 200, 'note', async () => addComment(x.d, await x.as(owner), n(), { body, internal: true }));
  }
  if (!p.multi && r.chance(0.05)) {
    const helper = x.pickTech(svc, owner);
    s.step(20, 200, 'add helper', async () => {
      await assignTicket(x.d, await x.as(owner), n(), { add: [helper.person.email!] });
      await addComment(x.d, await x.as(owner), n(), { body: fill(TEXTS.fr.multi, { who: helper.person.displayName }), internal: true });
    });
  }
  if (f.ref && r.chance(f.ref.share)) {
    const ref = f.ref;
    s.step(10, 120, 'external ref', async () => {
      const key = ref.key(n());
      await addExternalRef(x.d, await x.as(owner), n(), { system: ref.system, key, url: ref.url?.(key) });
    });
  }
  if (p.fate === 'stuck-progress') return;
  if (p.fate === 'stuck-pending' || r.chance(0.15)) {
    const comment = r.pick(TEXTS.fr.pending);
    const until = r.chance(0.5) ? new Date(x.after(s.t, r.range(900, 2000))).toISOString() : undefined;
    s.step(10, 200, 'pending', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'pending', comment, pendingUntil: until }));
    if (p.fate === 'stuck-pending') return;
    const resumed = r.pick(TEXTS.fr.resumed);
    s.step(300, 1500, 'resume', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'in_progress', comment: resumed }));
  }
  const resolution = p.en ? f.en.resolution : r.pick(f.resolutions);
  s.step(f.work[0], f.work[1], 'resolve', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'resolved', resolution }));
  if (p.reopen) {
    const comment = x.say(p, 'reopen');
    s.step(60, 900, 'reopen', async () => reopenTicket(x.d, await req(), n(), { comment }));
    s.step(10, 120, 'restart', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'in_progress' }));
    const again = `Cause racine traitée cette fois : ${fill(r.pick(f.resolutions), {})}`;
    s.step(30, 400, 'resolve again', async () => changeStatus(x.d, await x.as(owner), n(), { status: 'resolved', resolution: again }));
  }
  closeLater(x, p, s);
}

function closeLater(x: Engine, p: Plan, s: ReturnType<typeof story>, by?: Member): void {
  const r = x.life;
  const u = r.float();
  if (by) {
    s.step(400, 1200, 'close', async () => changeStatus(x.d, await x.as(by), p.number, { status: 'closed' }));
  } else if (u < 0.5) {
    const comment = r.chance(0.5) ? x.say(p, 'thanks') : undefined;
    s.step(30, 1200, 'confirm', async () => changeStatus(x.d, await x.as(p.requester!), p.number, { status: 'closed', comment }));
  } else if (u < 0.92) {
    const comment = 'Clôture automatique : aucune remarque dans les 5 jours ouvrés suivant la résolution.';
    s.step(AUTO_CLOSE_MINUTES, AUTO_CLOSE_MINUTES + 30, 'auto-close', async () => changeStatus(x.d, x.system, p.number, { status: 'closed', comment }));
  }
}

// ---------------------------------------------------------------- when tickets arrive

function localDay(end: number, daysBack: number): DateTime {
  return DateTime.fromMillis(end, { zone: ZONE }).startOf('day').minus({ days: daysBack });
}

/** The latest day at or before `daysBack` that falls on one of these weekdays and is worked. */
function dayNear(x: Engine, daysBack: number, weekdays: number[]): DateTime {
  for (let back = daysBack; ; back++) {
    const day = localDay(x.end, back);
    if (weekdays.includes(day.weekday) && !x.cal.isHoliday(day.toISODate()!)) return day;
  }
}

const DAY_WEIGHT: Record<number, number> = { 1: 10, 2: 6.5, 3: 5.5, 4: 5.5, 5: 4.5, 6: 0.3, 7: 0.15 };

/** Minutes after local midnight: Monday mornings are the rush (R20), evenings and weekends rare. */
function minuteOfDay(r: Rng, weekday: number, worked: boolean): number {
  if (!worked) return r.range(9 * 60, 19 * 60);
  const segments: Array<readonly [[number, number], number]> =
    weekday === 1
      ? [[[8 * 60 + 15, 10 * 60 + 30], 55], [[10 * 60 + 30, 12 * 60], 20], [[13 * 60 + 30, 17 * 60 + 30], 22], [[18 * 60, 20 * 60], 3]]
      : [[[8 * 60 + 15, 12 * 60], 55], [[13 * 60 + 30, 17 * 60 + 45], 40], [[7 * 60, 8 * 60], 2], [[18 * 60, 20 * 60 + 30], 3]];
  const [a, b] = r.weighted(segments);
  return r.range(a, b);
}

/** Creation instants of the ordinary tickets, oldest first; today's may still lie after "now" (see squeezeToday). */
function arrivals(x: Engine, count: number): number[] {
  const r = x.content;
  const days = Array.from({ length: WINDOW_DAYS }, (_, back) => {
    const day = localDay(x.end, back);
    const worked = !x.cal.isHoliday(day.toISODate()!) && day.weekday <= 5;
    return { back, day, worked, weight: worked ? DAY_WEIGHT[day.weekday] : day.weekday <= 5 ? 0.3 : DAY_WEIGHT[day.weekday] };
  });
  const first = days.filter((dd) => dd.worked).pop()!;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const dd = i === 0 ? first : r.weighted(days.map((v) => [v, v.weight] as const));
    out.push(Math.round(dd.day.plus({ minutes: minuteOfDay(r, dd.day.weekday, dd.worked) }).toMillis()));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Tickets drawn for later today arrive in the hour before "now" instead, in the same order (a
 * morning rush). Done after every content decision, so that the same seed gives the same tickets
 * in the same order whatever the hour the demo is loaded at.
 */
function squeezeToday(x: Engine, plans: Plan[]): void {
  const cutoff = x.end - 120_000;
  const late = plans.filter((p) => p.at > cutoff);
  if (!late.length) return;
  const last = Math.max(cutoff - 3_600_000, ...plans.filter((p) => p.at <= cutoff).map((p) => p.at));
  late.forEach((p, i) => (p.at = Math.round(last + ((cutoff - last) * (i + 1)) / (late.length + 1))));
}

// ---------------------------------------------------------------- ordinary tickets

function ordinaryPlans(x: Engine, count: number): Plan[] {
  const r = x.content;
  const { cast } = x;
  const plans: Plan[] = [];
  const half = Math.floor(count / 2);
  const callers = new Set([r.int(20, half), r.int(half, count - 20)]);
  for (const [i, at] of arrivals(x, count).entries()) {
    const f = r.weighted(FAMILIES.map((v) => [v, v.weight] as const));
    const pool = f.departments && r.chance(0.6) ? cast.byDept.get(r.pick(f.departments)) ?? cast.employees : cast.employees;
    let requester: Member | null = r.pick(pool);
    const en = requester.en;
    const vars: Record<string, string> = { prenom: requester.first, service_rh: requester.dept };
    for (const [k, vs] of Object.entries(VARS)) vars[k] = r.pick(vs);
    const texts = en ? f.en : f;
    const k = r.int(0, texts.titles.length - 1);
    const title = fill(texts.titles[k], vars);
    const description = fill(texts.descriptions[k], vars);
    const urgency: Level = r.pick(f.urgency);
    const input: CreateTicketInput = { title, description, type: f.type, category: f.category, urgency };
    let creator: Member | null = null;
    let channel = r.chance(0.85) ? requester.channel : r.pick<Channel>(['web', 'email', 'teams']);
    if (callers.has(i)) {
      // Someone not in the directory yet calls the desk: the ticket creates their record.
      creator = r.pick(cast.phoneDesk);
      input.requester = mobile(r, '07 68');
      input.requesterName = `${r.pick(['Kevin', 'Jessica', 'Dylan', 'Anaïs'])} ${r.pick(['Morel', 'Lefort', 'Hamon'])} (intérimaire)`;
      input.impact = r.pick<Level>(['medium', 'high']);
      requester = null;
      channel = 'phone';
    } else if (r.chance(0.06)) {
      creator = r.pick(cast.phoneDesk);
      input.requester = requester.person.phone ?? requester.person.email!;
      input.impact = r.pick<Level>(['low', 'medium', 'medium', 'high']);
      channel = 'phone';
    }
    if (requester && r.chance(0.04)) {
      const mates = (cast.byDept.get(requester.dept) ?? []).filter((m) => m !== requester);
      if (mates.length) input.watchers = [r.pick(mates).person.email!];
    }
    const p: Plan = { at, input, channel, creator, requester, service: routeOf(f.category), en, family: f, number: 0 };

    const recent = plans.filter((q) => q.family === f && !q.dupOf && !q.transferTo && q.requester && at - q.at < 21 * DAY_MS);
    const dupCandidates = recent.filter((q) => at - q.at < 2 * DAY_MS);
    if (requester && !creator && dupCandidates.length && r.chance(0.1)) {
      const orig = r.pick(dupCandidates);
      p.dupOf = orig;
      if (r.chance(0.5)) {
        p.requester = orig.requester;
        p.en = orig.en;
        p.channel = 'email';
        p.input.title = `${orig.en ? 'Follow-up: ' : TEXTS.fr.resendPrefix}${orig.input.title}`;
      } else {
        p.input.title = orig.input.title;
        p.input.description = TEXTS.fr.colleagueDescription;
      }
    } else {
      if (f.transfer && r.chance(f.transfer.share)) p.transferTo = f.transfer.to;
      else if (recent.length && r.chance(0.08)) p.relatedTo = r.pick(recent);
      p.multi = r.chance(0.07);
      p.reopen = r.chance(0.05);
      p.raise = !creator && urgency !== 'low' && r.chance(0.05);
      if (requester && r.chance(0.05)) p.watcher = r.pick((cast.byDept.get(requester.dept) ?? [requester]).filter((m) => m !== requester).concat(x.cast.sophie));
    }
    plans.push(p);
  }
  squeezeToday(x, plans);
  return plans;
}

/** Which ordinary tickets stay open past their deadlines or get cancelled: the rest run to the end. */
function assignFates(x: Engine, plans: Plan[]): void {
  const r = x.life;
  const eligible = plans.filter((p) => !p.dupOf && !p.transferTo && p.requester && !p.reopen && (x.end - p.at) / DAY_MS > 7 && (x.end - p.at) / DAY_MS < 40);
  const stuck: Array<[Fate, number]> = [['stuck-new', 2], ['stuck-assigned', 3], ['stuck-progress', 3], ['stuck-pending', 3]];
  const picked = r.shuffle(eligible);
  for (const [fate, k] of stuck) for (let i = 0; i < k && picked.length; i++) picked.pop()!.fate = fate;
  for (const p of plans) p.fate ??= !p.dupOf && p.requester && r.chance(0.03) ? 'cancel' : 'done';
}

// ---------------------------------------------------------------- scripted episodes

interface EpisodeCast {
  ep: Episode;
  day: DateTime;
  startMinute: number;
  parentAfter: number;
  creator: Member;
  creatorChannel: Channel;
  worker: Member;
  category: string;
  requesters: Member[];
  fixAfter: number;
}

/** A general incident: colleagues report symptoms, a technician opens the parent and links them as children. */
function planEpisode(x: Engine, c: EpisodeCast): { parent: Plan; children: Plan[] } {
  const r = x.content;
  const start = c.day.plus({ minutes: c.startMinute }).toMillis();
  let t = start;
  const svc = routeOf(c.category);
  const children = c.ep.children.map((title, i) => {
    t += r.range(2, 12) * 60_000;
    const m = c.requesters[i];
    const input: CreateTicketInput = { title, description: c.ep.childDescription, type: 'incident', category: c.category, urgency: r.pick<Level>(['high', 'high', 'critical']) };
    return { at: Math.round(t), input, channel: m.channel, creator: null, requester: m, service: svc, en: false, family: null, number: 0 } as Plan;
  });
  const parent: Plan = {
    at: start + c.parentAfter * 60_000,
    input: { ...c.ep.parent, type: 'incident', category: c.category, urgency: 'critical', impact: 'high' },
    channel: c.creatorChannel, creator: c.creator, requester: c.creator, service: svc, en: false, family: null, number: 0,
  };
  return { parent, children };
}

function episodeLife(x: Engine, c: EpisodeCast, parent: Plan, children: Plan[]): void {
  const r = x.life;
  const ep = c.ep;
  const s = story(x, parent);
  const boss = c.creator;
  s.step(2, 4, 'take parent', async () => changeStatus(x.d, await x.as(boss, c.creatorChannel === 'api' ? boss.channel : c.creatorChannel), parent.number, { status: 'in_progress' }));
  s.step(2, 6, 'note', async () => addComment(x.d, await x.as(boss), parent.number, { body: ep.note, internal: true }));
  s.step(1, 3, 'manager watches', async () => setWatcher(x.d, await x.as(boss), parent.number, x.cast.sophie.person.email!, true));
  for (const child of children) {
    const cs = story(x, child, Math.max(child.at, s.t));
    cs.step(2, 8, 'claim child', async () => claimTicket(x.d, await x.as(c.worker), child.number));
    cs.step(1, 2, 'link child', async () => linkTickets(x.d, await x.as(c.worker), child.number, { type: 'child_of', ticket: parent.number }));
    cs.step(1, 2, 'ack child', async () => addComment(x.d, await x.as(c.worker), child.number, { body: fill(ep.ack, { parent: parent.number }) }));
  }
  const fix = x.after(parent.at, c.fixAfter);
  const refAt = x.after(parent.at, c.fixAfter * 0.6);
  x.tl.add(refAt, 'episode ref', async () => addExternalRef(x.d, await x.as(boss), parent.number, ep.ref));
  for (const [i, child] of children.entries()) {
    const cs = story(x, child, x.after(fix, i * 1.5));
    cs.step(0.5, 1, 'resolve child', async () => changeStatus(x.d, await x.as(c.worker), child.number, { status: 'resolved', resolution: fill(ep.childResolution, { parent: parent.number }) }));
    closeLater(x, child, cs);
  }
  const ps = story(x, parent, x.after(fix, children.length * 1.5 + 10));
  ps.step(2, 8, 'resolve parent', async () => changeStatus(x.d, await x.as(boss), parent.number, { status: 'resolved', resolution: ep.resolution }));
  if (r.chance(0.9)) closeLater(x, parent, ps, x.cast.sophie);
}

/** A newcomer's three requests: the laptop waits for the account, the business access for both. */
function onboarding(x: Engine, o: (typeof ONBOARDING)[number], day: DateTime): void {
  const r = x.content;
  const hr = r.pick(x.cast.byDept.get('Ressources humaines')!);
  const vars = { newcomer: o.newcomer, dept: o.dept, n: r.int(100, 999) };
  const at = day.plus({ minutes: r.range(9 * 60 + 30, 10 * 60 + 30) }).toMillis();
  const mk = (offset: number, title: string, description: string, category: string): Plan => ({
    at: Math.round(at + offset * 60_000),
    input: { title: fill(title, vars), description: fill(description, vars), type: 'request', category, urgency: 'medium' },
    channel: 'web', creator: null, requester: hr, service: routeOf(category), en: false, family: null, number: 0,
  });
  const T = ONBOARDING_TEXT;
  const account = mk(0, T.account.title, T.account.description, 'access');
  const laptop = mk(r.range(2, 5), T.laptop.title, T.laptop.description, 'hardware');
  const software = mk(r.range(6, 10), o.software, T.software.description, 'metier');
  for (const p of [account, laptop, software]) x.schedule(p, p.input.title);

  const sophie = x.cast.sophie;
  const cs = story(x, software);
  cs.step(15, 40, 'depends', async () => {
    const a = await x.as(sophie);
    await linkTickets(x.d, a, laptop.number, { type: 'depends_on', ticket: account.number });
    await linkTickets(x.d, a, software.number, { type: 'depends_on', ticket: account.number });
    await linkTickets(x.d, a, laptop.number, { type: 'blocks', ticket: software.number });
    await addComment(x.d, a, software.number, { body: T.coordination, internal: true });
  });
  const acc = x.pickTech('acces');
  const accS = story(x, account, cs.t);
  accS.step(10, 60, 'claim', async () => claimTicket(x.d, await x.as(acc), account.number));
  accS.step(5, 30, 'start', async () => changeStatus(x.d, await x.as(acc), account.number, { status: 'in_progress' }));
  accS.step(60, 300, 'resolve', async () => changeStatus(x.d, await x.as(acc), account.number, { status: 'resolved', resolution: T.account.resolution }));
  const tech = x.pickTech('support');
  const ls = story(x, laptop, cs.t);
  ls.step(20, 90, 'claim', async () => claimTicket(x.d, await x.as(tech), laptop.number));
  ls.step(10, 60, 'pending', async () => changeStatus(x.d, await x.as(tech), laptop.number, { status: 'pending', comment: fill(T.laptop.pending, vars) }));
  ls.step(900, 1400, 'delivered', async () => changeStatus(x.d, await x.as(tech), laptop.number, { status: 'in_progress' }));
  const lr = story(x, laptop, Math.max(ls.t, accS.t));
  lr.step(60, 240, 'resolve', async () => changeStatus(x.d, await x.as(tech), laptop.number, { status: 'resolved', resolution: T.laptop.resolution }));
  const app = x.pickTech('applications');
  const ss = story(x, software, cs.t);
  ss.step(30, 200, 'claim', async () => claimTicket(x.d, await x.as(app), software.number));
  const sr = story(x, software, Math.max(ss.t, lr.t));
  sr.step(30, 120, 'resolve', async () => changeStatus(x.d, await x.as(app), software.number, { status: 'resolved', resolution: fill(T.software.resolution, vars) }));
  for (const [p, st] of [[account, accS], [laptop, lr], [software, sr]] as const) closeLater(x, p, story(x, p, st.t));
}

// ---------------------------------------------------------------- summary

async function summarize(x: Engine, people: number, seconds: number, locale: 'fr' | 'en'): Promise<string> {
  const read = x.d.uow.read;
  const ids = x.plans.map((p) => p.number).filter((n) => n > 0);
  const briefs = await read.tickets.brief(ids);
  const byStatus = new Map<Status, number>();
  for (const b of briefs) byStatus.set(b.status, (byStatus.get(b.status) ?? 0) + 1);
  const overdue = (await read.tickets.list({ scope: { kind: 'all' }, overdueAt: new Date(x.end), sort: 'newest', limit: 1000 })).filter((t) => ids.includes(t.id)).length;
  let comments = 0;
  let internal = 0;
  let refs = 0;
  const links = new Map<number, string>();
  for (const id of ids) {
    const cs = await read.comments.list(id, true);
    comments += cs.length;
    internal += cs.filter((c) => c.internal).length;
    refs += (await read.externalRefs.list(id)).length;
    for (const l of await read.links.listFor(id)) links.set(l.id, l.type);
  }
  const linkTypes = new Map<string, number>();
  for (const type of links.values()) linkTypes.set(type, (linkTypes.get(type) ?? 0) + 1);
  const first = Math.min(...x.plans.map((p) => p.at));
  const fmt = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).setLocale(locale).toFormat('d LLLL');
  const statuses = STATUSES.filter((s) => byStatus.get(s)).map((s) => `${translate(locale, `status.${s}`)}${locale === 'fr' ? ' :' : ':'} ${byStatus.get(s)}`).join(', ');
  const types = [...linkTypes].map(([k, v]) => `${v} ${k}`).join(', ');
  const techs = STAFF.filter((s) => s.role === 'technician').length;
  if (locale === 'en') {
    return `Demo loaded for ${COMPANY} in ${seconds} s: ${people} people (${x.cast.employees.length} employees, ${techs} technicians, 2 managers, 1 admin), ${SERVICES.length} services with their category routes; ${briefs.length} tickets from ${fmt(first)} to ${fmt(x.end)} (${statuses}), ${overdue} overdue; ${comments} comments of which ${internal} internal notes; ${links.size} links (${types}) and ${refs} external references. The admin is ${DEMO_ADMIN_EMAIL}.`;
  }
  return `Démo chargée pour ${COMPANY} en ${seconds} s : ${people} personnes (${x.cast.employees.length} employés, ${techs} techniciens, 2 managers, 1 administratrice), ${SERVICES.length} services et le routage de leurs catégories ; ${briefs.length} tickets du ${fmt(first)} au ${fmt(x.end)} (${statuses}), dont ${overdue} en retard ; ${comments} commentaires dont ${internal} notes internes ; ${links.size} liens (${types}) et ${refs} références externes. L’administratrice est ${DEMO_ADMIN_EMAIL}.`;
}

// ---------------------------------------------------------------- entry point

export async function loadDemo(deps: CoreDeps, operator: Actor, opts: { seed: number }): Promise<string> {
  const en = operator.locale === 'en';
  if (!Number.isSafeInteger(opts.seed)) throw new Error(en ? 'demo: --seed must be an integer' : 'demo : --seed doit être un entier');
  const read = deps.uow.read;
  if (await read.people.find({ by: 'email', value: DEMO_ADMIN_EMAIL })) {
    return en
      ? `The demo company (${COMPANY}) is already loaded (${DEMO_ADMIN_EMAIL} exists): nothing was changed.`
      : `La démo (${COMPANY}) est déjà chargée (${DEMO_ADMIN_EMAIL} existe) : rien n’a été modifié.`;
  }
  if (await read.people.find({ by: 'email', value: emailFor(STAFF[0].name) })) {
    throw new Error(
      en
        ? 'demo: part of the demo data exists but not its admin (an interrupted load?): load the demo into an empty database.'
        : 'demo : une partie des données de démo existe déjà, sans son administratrice (chargement interrompu ?) : chargez la démo dans une base vide.',
    );
  }
  const started = Date.now();
  const end = deps.clock.now().getTime();
  const setupAt = localDay(end, WINDOW_DAYS).plus({ hours: 8 }).toMillis();
  const clock = demoClock(setupAt);
  const d: CoreDeps = { ...deps, clock };
  const content = new Rng(mulberry32(opts.seed));
  const life = new Rng(mulberry32(opts.seed ^ 0x5bd1e995));
  let at = setupAt;
  const cast = await castPeople(d, operator, content, () => clock.set((at += content.int(20, 90) * 1000)));
  const x = new Engine(d, cast, content, life, end);

  const staff = (name: string) => cast.staff.get(name)!;
  const some = (pool: Member[], k: number) => content.shuffle([...pool]).slice(0, k);
  const floor2 = [...(cast.byDept.get('Comptabilité') ?? []), ...(cast.byDept.get('Ventes') ?? [])];
  const episodes: EpisodeCast[] = [
    { ep: OUTAGE, day: dayNear(x, 47, [2, 3, 4]), startMinute: 9 * 60 + 8, parentAfter: 1, creator: staff('Thomas Mercier'), creatorChannel: 'api', worker: staff('Hugo Lambert'), category: 'network', requesters: some(floor2, OUTAGE.children.length), fixAfter: 150 },
    { ep: OFFICE_UPDATE, day: dayNear(x, 30, [2]), startMinute: 8 * 60 + 32, parentAfter: 25, creator: staff('Nicolas Girard'), creatorChannel: 'teams', worker: staff('Camille Roux'), category: 'software', requesters: some(cast.employees, OFFICE_UPDATE.children.length), fixAfter: 690 },
    { ep: VPN_CERT, day: dayNear(x, 18, [1]), startMinute: 8 * 60 + 20, parentAfter: 30, creator: staff('Thomas Mercier'), creatorChannel: 'slack', worker: staff('Hugo Lambert'), category: 'network', requesters: some(cast.employees, VPN_CERT.children.length), fixAfter: 110 },
  ];
  const scripted = episodes.map((c) => ({ c, ...planEpisode(x, c) }));
  const onboardingDays = [dayNear(x, 56, [1, 2]), dayNear(x, 34, [1, 2]), dayNear(x, 10, [1, 2])];
  ONBOARDING.forEach((o, i) => onboarding(x, o, onboardingDays[i]));
  const scriptedCount = scripted.reduce((n, e) => n + 1 + e.children.length, 0) + ONBOARDING.length * 3;
  const ordinary = ordinaryPlans(x, TOTAL_TICKETS - scriptedCount);

  for (const { c, parent, children } of scripted) {
    x.schedule(parent, parent.input.title);
    for (const child of children) x.schedule(child, child.input.title);
    episodeLife(x, c, parent, children);
  }
  assignFates(x, ordinary);
  for (const p of ordinary) {
    x.schedule(p, p.input.title);
    ordinaryLife(x, p);
    // Some tickets migrated from the old GLPI keep their reference.
    if ((end - p.at) / DAY_MS > 60 && life.chance(0.1) && !p.dupOf && p.fate === 'done') {
      const owner = cast.lead[p.service];
      const key = String(24000 + life.int(100, 999));
      x.tl.add(p.at + 60_000, 'glpi ref', async () =>
        addExternalRef(d, await x.as(owner), p.number, { system: 'GLPI', key, url: `https://glpi.${DOMAIN}/front/ticket.form.php?id=${key}` }),
      );
    }
  }
  await x.tl.play(clock, end);

  // The knowledge base the team leads wrote over the period (issue 8), before the admin marks the load complete.
  clock.set(end - 7 * DAY_MS);
  const leads = cast.lead;
  const articles = await loadDemoArticles(d, { support: await x.as(leads.support), reseau: await x.as(leads.reseau), applications: await x.as(leads.applications), acces: await x.as(leads.acces) });
  // Last, so that its presence means the whole load went through.
  clock.set(setupAt - 5 * 60_000);
  await createPerson(d, operator, { displayName: ADMIN_SEED.name, email: DEMO_ADMIN_EMAIL, phone: ADMIN_SEED.phone, locale: 'fr', role: 'admin', department: ADMIN_SEED.department });
  const callers = x.plans.filter((p) => p.requester?.channel === 'phone' && p.requester.dept === '').length;
  const people = STAFF.length + cast.employees.length + 1 + callers;
  const summary = await summarize(x, people, Math.round((Date.now() - started) / 1000), en ? 'en' : 'fr');
  return `${summary} ${en ? `${articles} knowledge-base articles.` : `${articles} articles dans la base de connaissances.`}`;
}
