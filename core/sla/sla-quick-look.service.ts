import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { t } from '../i18n/translate';
import { getSlaSettings } from './manage-sla-settings.service';
import { getRouting } from '../routing/manage-routing.service';
import { listRules } from '../automation/manage-rules.service';

/** What the REST API's GET /sla/overview returns: live counts, targets and each service's routing. */
export async function slaOverview(deps: CoreDeps, actor: Actor) {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  const [settings, routing, counts] = await Promise.all([getSlaSettings(deps, actor), getRouting(deps, actor), deps.uow.read.sla.levelCounts()]);
  return { counts, policies: settings.policies, services: routing.services, calendar: settings.calendar };
}

/** Business minutes as a person reads them: "9 h 30 ouvrées", "8 h of business time" (no "570 min bus."). */
export const hours = (minutes: number, locale: 'fr' | 'en') => {
  const h = Math.floor(minutes / 60);
  const m = String(minutes % 60).padStart(2, '0');
  if (h === 0) return t(locale, 'dayone.duration.m', { m: minutes });
  return minutes % 60 === 0 ? t(locale, 'dayone.duration.h', { h }) : t(locale, 'dayone.duration.hm', { h, m });
};

/** `/helpdesk sla`: the quick look in chat (R13, R14), in the reader's language; employees are told it is for staff. */
export async function slaQuickLook(deps: CoreDeps, actor: Actor): Promise<string> {
  const l = actor.locale;
  if (actor.role === 'employee') return t(l, 'sla.look.forbidden');
  const o = await slaOverview(deps, actor);
  const names = new Map(o.services.map((s) => [s.service.id, s.service.name]));
  const lines = [`*${t(l, 'sla.look.title')}*`, t(l, 'sla.look.counts', o.counts)];
  for (const p of o.policies) {
    const service = p.serviceId === null ? '' : ` (${names.get(p.serviceId) ?? p.serviceId})`;
    lines.push(`• ${t(l, 'sla.look.policy', { priority: p.priority, own: hours(p.ownMinutes, l), resolve: hours(p.resolveMinutes, l), service })}`);
  }
  for (const s of o.services) {
    const accept = s.acceptMinutes === null ? t(l, 'dayone.no_limit') : hours(s.acceptMinutes, l);
    lines.push(`• ${t(l, 'sla.look.service', { service: s.service.name, mode: t(l, `dayone.mode.${s.mode}`), accept, warn: s.warnPercent })}`);
  }
  return lines.join('\n');
}

/** `/helpdesk rules`: the automation rules, on or off, with their trigger. */
export async function rulesQuickLook(deps: CoreDeps, actor: Actor): Promise<string> {
  const l = actor.locale;
  if (actor.role === 'employee') return t(l, 'sla.look.forbidden');
  const rules = await listRules(deps, actor);
  return [
    `*${t(l, 'sla.look.rules_title', { count: rules.length })}*`,
    ...rules.map((r) => t(l, 'sla.look.rule', { state: t(l, r.active ? 'sla.look.rule_on' : 'sla.look.rule_off'), id: r.id, name: r.name, when: t(l, `dayone.when.${r.when}`) })),
  ].join('\n');
}
