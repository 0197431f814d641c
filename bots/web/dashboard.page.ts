import type { Locale } from '../../core/i18n/catalogue';
import { t } from '../../core/i18n/translate';
import type { Report } from '../../core/reports/report.entity';
import type { ReportDelivery } from '../../core/reports/stored-report.port';
import { html, Html, raw } from './html';
import { formatDay, formatPercent, labelled } from '../../core/i18n/locale-format';

export interface Bar {
  label: string;
  values: number[];
}

/**
 * A horizontal bar chart as inline SVG: no script, prints, scales to a phone, and carries a table
 * alternative (the figures are in the <title> of each bar and in the table that follows).
 */
export function barChart(title: string, series: string[], bars: Bar[], l: Locale = 'en'): Html {
  if (!bars.length) return html``;
  const max = Math.max(1, ...bars.flatMap((b) => b.values));
  const rowH = 14 * series.length + 10;
  const h = bars.length * rowH + 24;
  const x0 = 130;
  const w = 300;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${x0 + w + 40} ${h}" role="img" aria-label="${title}" preserveAspectRatio="xMinYMin meet">
${bars.map((b, i) => html`<text x="${x0 - 6}" y="${i * rowH + 14}" text-anchor="end" class="label">${b.label.length > 20 ? b.label.slice(0, 19) + '…' : b.label}</text>
${b.values.map((v, k) => html`<rect class="s${k}" x="${x0}" y="${i * rowH + 4 + k * 14}" width="${Math.round((v / max) * w)}" height="12"><title>${b.label} · ${labelled(l, series[k], v)}</title></rect><text x="${x0 + Math.round((v / max) * w) + 4}" y="${i * rowH + 14 + k * 14}" class="value">${v}</text>`)}`)}
</svg>
<p class="legend">${series.map((s, k) => html`<span class="key s${k}"></span>${s} `)}</p></figure>`;
}

const minutes = (l: Locale, m: number | null) => {
  if (m === null) return '—';
  const h = Math.floor(m / 60);
  return h ? `${h} h ${String(Math.round(m % 60)).padStart(2, '0')}` : `${Math.round(m)} min`;
};
const pct = (l: Locale, p: number | null) => formatPercent(l, p);

/** Managers' dashboard (R8, R12, R14): the report's figures and charts for the chosen period. */
export function dashboard(l: Locale, r: Report, period: { kind: string; from: string; service?: string }, services: Array<{ slug: string; name: string }>): Html {
  const tr = (k: Parameters<typeof t>[1], p: Record<string, unknown> = {}) => t(l, k, p);
  const tile = (id: string, label: string, value: string | number) => html`<div class="tile" data-figure="${id}"><span class="value">${value}</span><span class="label">${label}</span></div>`;
  const opened = tr('web.dash.opened');
  const resolved = tr('web.dash.resolved');
  return html`<form method="get" action="/dashboard" class="filters">
<label>${tr('web.dash.period')} <select name="period"><option value="weekly"${period.kind === 'weekly' ? html` selected` : ''}>${tr('web.dash.weekly')}</option><option value="monthly"${period.kind === 'monthly' ? html` selected` : ''}>${tr('web.dash.monthly')}</option></select></label>
<label>${tr('web.dash.from')} <input type="date" name="from" value="${period.from}"></label>
<label>${tr('web.dash.service')} <select name="service"><option value="">${tr('web.dash.all_services')}</option>${services.map((x) => html`<option value="${x.slug}"${period.service === x.slug ? html` selected` : ''}>${x.name}</option>`)}</select></label>
<button type="submit">${tr('web.queue.apply')}</button></form>
<p class="hint">${tr('web.dash.range', { from: formatDay(l, r.period.firstDay), to: formatDay(l, r.period.lastDay) })}${r.scope.kind === 'technician' ? ` · ${r.scope.name}` : r.scope.kind === 'service' ? ` · ${r.scope.name}` : ''}</p>
<div class="tiles">
${tile('opened', opened, r.volumes.opened)}${tile('resolved', resolved, r.volumes.resolved)}${tile('backlog', tr('web.dash.backlog'), r.volumes.backlogEnd)}${tile('overdue', tr('web.dash.overdue'), r.volumes.overdueNow)}
${tile('first_response', tr('web.dash.first_response'), minutes(l, r.durations.firstResponse.meanMinutes))}${tile('resolution', tr('web.dash.resolution'), minutes(l, r.durations.resolution.medianMinutes))}
${tile('sla_own', tr('web.dash.sla_own'), pct(l, r.sla.own.percent))}${tile('sla_resolve', tr('web.dash.sla_resolve'), pct(l, r.sla.resolve.percent))}
</div>
<div class="charts">
${barChart(tr('web.dash.by_service'), [opened, resolved], r.byService.map((s) => ({ label: s.label, values: [s.opened, s.resolved] })), l)}
${barChart(tr('web.dash.by_category'), [opened, resolved], r.byCategory.map((s) => ({ label: s.label, values: [s.opened, s.resolved] })), l)}
${barChart(tr('web.dash.by_technician'), [tr('web.dash.handled'), tr('web.dash.overdue')], r.technicians.map((s) => ({ label: s.name, values: [s.handled, s.overdueNow] })), l)}
</div>
<h2>${tr('web.dash.by_service')}</h2>
<table class="figures"><thead><tr><th scope="col">${tr('cards.ticket.service')}</th><th scope="col">${opened}</th><th scope="col">${resolved}</th><th scope="col">${tr('web.dash.resolution_mean')}</th><th scope="col">${tr('web.dash.overdue')}</th></tr></thead>
<tbody>${r.byService.map((s) => html`<tr><th scope="row">${s.label}</th><td>${s.opened}</td><td>${s.resolved}</td><td>${minutes(l, s.meanResolutionMinutes)}</td><td>${s.overdueNow}</td></tr>`)}</tbody></table>
${r.recurring.titles.length || r.recurring.categories.length ? html`<h2>${tr('web.dash.recurring')}</h2><ul>${[...r.recurring.categories, ...r.recurring.titles].map((x) => html`<li>${labelled(l, x.label, x.current)} (${x.previous})</li>`)}</ul>` : html``}`;
}

/**
 * The report's chart as inline SVG, from the same chart description as the PNG of cards and mail:
 * a light and a dark drawing, the reader's colour scheme shows one.
 */
export function reportChartFigure(light: string, dark: string, alt: string): Html {
  return html`<style>.rc-dark{display:none}@media (prefers-color-scheme: dark){.rc-light{display:none}.rc-dark{display:block}}.report-chart svg{width:100%;height:auto}</style>
<figure class="report-chart" role="img" aria-label="${alt}"><div class="rc-light">${raw(light)}</div><div class="rc-dark">${raw(dark)}</div></figure>`;
}

/** SLA compliance as the SLA engine judged it, and the overdue tickets by name with their links. */
export function slaAndOverdue(l: Locale, r: Report): Html {
  const m = (k: string) => t(l, `reports.metric.${k}` as never);
  const row = (label: string, c: Report['slaCompliance']['own']) =>
    html`<tr><th scope="row">${label}</th><td>${c.met}</td><td>${c.missed}</td><td>${c.atRisk}</td><td>${c.percent === null ? '—' : `${c.percent} %`}</td></tr>`;
  return html`<h2>${t(l, 'reports.section.sla_compliance')}</h2>
<table class="figures" data-table="sla-compliance"><thead><tr><th></th><th scope="col">${m('met')}</th><th scope="col">${m('missed')}</th><th scope="col">${m('at_risk')}</th><th scope="col">%</th></tr></thead>
<tbody>${row(m('sla_own'), r.slaCompliance.own)}${row(m('sla_resolve'), r.slaCompliance.resolve)}</tbody></table>
<h2>${t(l, 'reports.section.overdue_tickets')}</h2>
${r.overdueTickets.length ? html`<ul data-list="overdue">${r.overdueTickets.map((o) => html`<li><a href="${o.path}">#${o.id} ${o.title}</a> · ${o.service}</li>`)}</ul>` : html`<p class="hint">${t(l, 'reports.none')}</p>`}
${r.incidents.length ? html`<h2>${t(l, 'reports.section.incidents')}</h2><ul>${r.incidents.map((i) => html`<li><a href="${i.path}">#${i.id} ${i.title}</a> · ${i.reports}</li>`)}</ul>` : html``}`;
}

/** Stored reports with who received each and who was not reached, and why; "nobody" said plainly. */
export function storedDeliveries(l: Locale, reports: Array<{ id: number; periodKind: string; firstDay: string; deliveries: ReportDelivery[] }>, names: Map<number, string>): Html {
  if (!reports.length) return html``;
  const line = (d: ReportDelivery) => {
    const who = d.personId !== null ? names.get(d.personId) ?? `#${d.personId}` : d.target;
    if (d.status === 'not_reached') return html`<li class="refused">${who} : ${t(l, 'web.dashboard.not_reached')} (${d.lastError ?? ''})</li>`;
    return html`<li>${who} · ${d.personId !== null ? d.target : ''} · ${d.status}</li>`;
  };
  return html`<h2>${t(l, 'web.dash.stored')}</h2>
${reports.map((s) => {
    const reached = s.deliveries.some((d) => d.status === 'sent' || d.status === 'pending');
    return html`<section class="stored" data-report="${s.id}"><h3>${t(l, s.periodKind === 'monthly' ? 'web.dash.monthly' : 'web.dash.weekly')} · ${formatDay(l, s.firstDay)}</h3>
${reached ? html`` : html`<p class="notice refused" role="alert">${t(l, 'web.dashboard.nobody')} <span class="hint">${t(l, 'dayone.report.fix')}</span></p>`}
<ul>${s.deliveries.map(line)}</ul></section>`;
  })}`;
}
