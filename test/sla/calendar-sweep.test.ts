import { TEST_DATABASES } from '../support/db';
import { useWorld, Who } from '../support/fixtures';
import { BusinessCalendar } from '../../core/sla/business-calendar';
import { runSlaSweep } from '../../core/sla/sla-sweep';
import { outbox } from './outbox';

const cal = new BusinessCalendar();
/** Paris wall-clock time with its offset written out, so DST is explicit in each case. */
const at = (iso: string) => new Date(iso);

describe('R10/R13 business time backwards (the sweep bounds its query with it)', () => {
  it.each([
    ['across a night', '2026-01-14T08:45:00+01:00', 60, '2026-01-13T17:15:00+01:00'],
    ['across a weekend', '2026-01-19T09:00:00+01:00', 60, '2026-01-16T17:30:00+01:00'],
    ['across Easter Monday 2026', '2026-04-07T09:00:00+02:00', 60, '2026-04-03T17:30:00+02:00'],
    ['across Ascension 2026 (Thursday 14 May)', '2026-05-15T09:00:00+02:00', 60, '2026-05-13T17:30:00+02:00'],
    ['across Whit Monday 2026 (25 May)', '2026-05-26T09:00:00+02:00', 60, '2026-05-22T17:30:00+02:00'],
    ['across the spring DST change', '2026-03-30T09:00:00+02:00', 60, '2026-03-27T17:30:00+01:00'],
    ['across the autumn DST change', '2026-10-26T09:00:00+01:00', 60, '2026-10-23T17:30:00+02:00'],
  ])('%s', (_case, end, minutes, expected) => {
    expect(cal.subtractBusinessMinutes(at(end), minutes).toISOString()).toBe(at(expected).toISOString());
    expect(cal.businessMinutesBetween(at(expected), at(end))).toBe(minutes);
  });

  it('is the inverse of addBusinessMinutes from any instant inside business hours', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const start = cal.nextOpening(new Date(Date.UTC(2026, 0, 1) + rnd() * 365 * 86_400_000));
      const minutes = Math.floor(rnd() * 5000) + 1;
      expect(cal.subtractBusinessMinutes(cal.addBusinessMinutes(start, minutes), minutes).toISOString()).toBe(start.toISOString());
    }
  });
});

describe.each(TEST_DATABASES)('R10/R13 SLA sweep on holidays and DST (%s)', (dbName) => {
  const world = useWorld(dbName, at('2026-04-03T16:00:00+02:00'));
  let rita: Who;

  beforeEach(async () => {
    rita = await world().employee('Rita');
  });

  it('Easter Monday does not count: a P3 filed Friday 16:00 is warned Tuesday 13:38, not Monday', async () => {
    const w = world();
    const t = await w.ticket(rita.actor, { title: 'Écran' });
    // 570 business minutes: 120 on Friday, Monday 6 April is Easter Monday, 450 on Tuesday -> 16:00.
    expect(t.ownDueAt.toISOString()).toBe(at('2026-04-07T16:00:00+02:00').toISOString());
    await runSlaSweep(w.deps, at('2026-04-06T17:00:00+02:00'));
    await runSlaSweep(w.deps, at('2026-04-07T13:37:00+02:00'));
    expect(await outbox(w.db, 'sla_warning')).toEqual([]);
    await w.db.uow.transaction((s) => s.chat.bind({ platform: 'teams', teamId: null, channelId: 'queue', purpose: 'technicians', serviceId: null }, new Date()));
    await runSlaSweep(w.deps, at('2026-04-07T13:38:00+02:00'));
    expect((await outbox(w.db, 'sla_warning')).map((m) => [m.ticketId, m.address, m.params.clock])).toEqual([[t.id, 'queue', 'own']]);
  });

  it('the spring DST change: a P3 filed Friday 27 March 17:00 CET escalates Monday 17:00 CEST (15:00 UTC)', async () => {
    const w = world();
    w.clock.set(at('2026-03-27T17:00:00+01:00'));
    const t = await w.ticket(rita.actor, { title: 'Clavier' });
    expect(t.ownDueAt.toISOString()).toBe('2026-03-30T15:00:00.000Z');
    await runSlaSweep(w.deps, at('2026-03-30T14:59:00Z'));
    expect((await w.db.uow.read.sla.state(t.id))?.ownLevel).toBe(1);
    await runSlaSweep(w.deps, at('2026-03-30T15:00:00Z'));
    expect(await w.db.uow.read.sla.state(t.id)).toMatchObject({ ownLevel: 2, ownMet: false });
  });
});
