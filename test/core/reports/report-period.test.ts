import { reportPeriod } from '../../../core/reports/report-period';
import { clusterTitles, titleKey } from '../../../core/reports/title-clusters';
import { median, trend } from '../../../core/reports/report-stats';

const iso = (p: ReturnType<typeof reportPeriod>) => [p.previousFrom, p.from, p.to].map((d) => d.toISOString());

/** Report periods are local calendar periods (R8: weekly on Monday, monthly on the 1st). */
describe('report periods in HELPDESK_TIMEZONE (R8 reports)', () => {
  it('runs a week from Monday 00:00 to Monday 00:00 local, the last complete one by default', () => {
    // Monday 23 November 2026, 10:00 in Paris: the Monday report covers 16-22 November.
    const now = new Date('2026-11-23T09:00:00Z');
    expect(iso(reportPeriod('weekly', now, 'Europe/Paris'))).toEqual(['2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z', '2026-11-22T23:00:00.000Z']);
    // A date inside a week selects that week.
    expect(iso(reportPeriod('weekly', now, 'Europe/Paris', '2026-11-19'))[1]).toBe('2026-11-15T23:00:00.000Z');
    expect(iso(reportPeriod('weekly', now, 'America/New_York', '2026-11-16'))[1]).toBe('2026-11-16T05:00:00.000Z');
  });

  it('keeps local midnight across a DST change: the week of 26 October 2026 lasts 169 hours', () => {
    const p = reportPeriod('weekly', new Date(), 'Europe/Paris', '2026-10-26');
    expect(iso(p).slice(1)).toEqual(['2026-10-25T23:00:00.000Z', '2026-11-01T23:00:00.000Z']);
    const q = reportPeriod('weekly', new Date(), 'Europe/Paris', '2026-10-21');
    expect((q.to.getTime() - q.from.getTime()) / 3600000).toBe(169);
  });

  it('runs a month from the 1st to the 1st, the previous month by default', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    expect(iso(reportPeriod('monthly', now, 'Europe/Paris'))).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    expect(iso(reportPeriod('monthly', now, 'Europe/Paris', '2026-03-15'))).toEqual(['2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });
});

describe('recurring problems: title clusters and trends (R8 reports)', () => {
  it.each([
    ['Imprimante HP en panne', 'imprimante hp'],
    ['MON IMPRIMANTE HP NE MARCHE PLUS !!', 'imprimante hp'],
    ['Écran noir au démarrage', 'ecran noir'],
    ['VPN coupé 3 fois par jour', 'vpn coupe'],
    ['Outlook: error 0x800CCC0E', 'outlook'],
    ["Can't open the shared drive", 'open shared'],
    ['Ne marche pas !', null],
    ['42', null],
  ])('%s -> %s', (title, key) => {
    expect(titleKey(title)).toBe(key);
  });

  it('adds counts of titles that share a key and shows the most frequent exact title', () => {
    const clusters = clusterTitles([
      { title: 'VPN coupé', current: 1, previous: 2 },
      { title: 'vpn coupé le matin', current: 4, previous: 0 },
      { title: 'Écran noir', current: 1, previous: 0 },
      { title: '!!!', current: 5, previous: 5 },
    ]);
    expect(clusters).toEqual([
      { key: 'vpn coupe', example: 'vpn coupé le matin', current: 5, previous: 2 },
      { key: 'ecran noir', example: 'Écran noir', current: 1, previous: 0 },
    ]);
  });

  it('takes the middle of an even count and names trends', () => {
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect([trend(2, 0), trend(3, 2), trend(1, 2), trend(2, 2), trend(0, 0)]).toEqual(['new', 'up', 'down', 'stable', 'stable']);
  });
});
