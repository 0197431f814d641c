import type { Report } from '../../core/reports/report.entity';
import { reportSummaryBlocks } from '../../cards/report-summary.blocks';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { messageProblems } from './block-kit-limits';
import { adaptiveProblems } from './adaptive-check';

/**
 * The report card (issue 7) stays within Block Kit's limits and parses as Adaptive Card 1.5 under
 * 40 KB, however large the company: 40 services, 60 technicians, long names with mrkdwn specials.
 */
const long = (s: string, n: number) => (s + ' ').repeat(Math.ceil(n / (s.length + 1))).slice(0, n);
const links = { chartPng: 'https://helpdesk.example.com/reports/1/k/chart.png', csv: 'https://helpdesk.example.com/reports/1/k/report.csv', markdown: 'https://helpdesk.example.com/reports/1/k/report.md', pdf: 'https://helpdesk.example.com/reports/1/k/report.pdf', html: 'https://helpdesk.example.com/reports/1/k/report.html', tickets: 'https://helpdesk.example.com/tickets/' };

function bigReport(locale: 'fr' | 'en'): Report {
  const dur = { count: 10, meanMinutes: 123.4, medianMinutes: 60 };
  return {
    locale,
    period: { kind: 'monthly', from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z', previousFrom: '2026-09-30T22:00:00.000Z', timeZone: 'Europe/Paris', firstDay: '2026-11-01', lastDay: '2026-11-30' },
    scope: { kind: 'service', id: 1, slug: 'x', name: long('Service <b> & *gras* `code`', 200) },
    generatedAt: '2026-12-01T09:00:00.000Z',
    volumes: { opened: 12000, resolved: 11000, closed: 10000, backlogStart: 300, backlogEnd: 400, overdueNow: 25 },
    durations: { firstResponse: dur, resolution: dur },
    sla: { own: { met: 9, total: 10, percent: 90 }, resolve: { met: 0, total: 0, percent: null } },
    byService: Array.from({ length: 40 }, (_, i) => ({ key: String(i), label: long(`Service ${i} <&>`, 200), opened: i, resolved: i, meanResolutionMinutes: i ? i * 10 : null, overdueNow: i })),
    byCategory: [], byPriority: [], byChannel: [],
    technicians: Array.from({ length: 60 }, (_, i) => ({ id: i, name: long(`Tech ${i} _x_`, 120), handled: i, medianResolutionMinutes: i * 7, overdueNow: 0 })),
    recurring: {
      categories: Array.from({ length: 20 }, (_, i) => ({ key: `c${i}`, label: long('Catégorie', 80), current: 3, previous: 1, trend: 'up' as const })),
      titles: Array.from({ length: 20 }, (_, i) => ({ key: `t${i}`, label: long('imprimante <hp> & co', 300), current: 5, previous: 0, trend: 'new' as const })),
    },
    previous: { opened: 11000, resolved: 10500 },
    slaCompliance: { own: { met: 9, missed: 1, atRisk: 2, percent: 90 }, resolve: { met: 0, missed: 0, atRisk: 0, percent: null } },
    overdueTickets: Array.from({ length: 20 }, (_, i) => ({ id: 100 + i, title: long('Écran [noir] <b> *x*', 200), service: 'Réseau', status: 'new', dueAt: '2026-11-20T10:00:00.000Z', path: `/tickets/${100 + i}` })),
    incidents: [{ id: 7, title: 'VPN', reports: 12, path: '/tickets/7' }],
    truncated: true,
  };
}

describe.each(['fr', 'en'] as const)('report card in %s (R8)', (locale) => {
  it('Block Kit: within Slack limits, with the chart image and both file links', () => {
    const msg = reportSummaryBlocks(bigReport(locale), links);
    expect(messageProblems(msg)).toEqual([]);
    expect(msg.blocks.find((b) => b.type === 'image')).toMatchObject({ image_url: links.chartPng });
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain(`<${links.csv}|`);
    expect(all).toContain(`<${links.html}|`);
    expect(all).toContain(`<${links.pdf}|`);
    expect(all).toContain(`<${links.tickets}100|`);
    // Names are escaped, never markup: "<b>" would otherwise open a link.
    expect(all).not.toContain('<b>');
    expect(all).toContain('&lt;b&gt;');
  });

  it('Adaptive Card: parses without warnings, under 40 KB, with the image and OpenUrl actions', () => {
    const card = reportSummaryAdaptive(bigReport(locale), links);
    expect(adaptiveProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(40 * 1024);
    expect(JSON.stringify(card)).toContain(links.chartPng);
    expect((card.actions as Array<{ url: string }>).map((a) => a.url)).toEqual([links.csv, links.html, links.pdf]);
    expect(JSON.stringify(card)).toContain(`(${links.tickets}100)`);
  });
});
