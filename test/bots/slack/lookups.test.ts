import { TEST_DATABASES } from '../../support/db';
import { askHelpdesk, startSlackServer, SlackTestServer } from '../../support/slack';
import { ADMIN, ALICE, queueWorld, SLACK_USERS, THEO } from '../../support/slack-world';
import { pruneInboundEvents } from '../../../core/chat/prune-inbound-events.service';
import { firstDelivery } from '../../../core/chat/chat-channels.service';

const DAY = 24 * 3600 * 1000;

/** Issue 3: `/helpdesk search` (R16 scope), `/helpdesk report` on demand (R8, managers only), inbound-event pruning (R9 retention). */
describe.each(TEST_DATABASES)('Slack: search, reports on demand and event pruning (R8 R9 R16) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS });
  });
  afterAll(() => t.close());

  const ask = (user: string, text: string) => askHelpdesk(t, user, text);

  it('/helpdesk search finds only the tickets the person may see; no match and no words are answered plainly', async () => {
    const { n } = await queueWorld(t);
    await t.command('/ticket', ADMIN, 'Imprimante couleur en panne aussi');
    await t.fake.waitFor('response_url', (b) => /filed/.test(b.text));
    const mine = await ask(ALICE, 'search imprimante');
    expect(mine.response_type).toBe('ephemeral');
    expect(mine.blocks[0].text.text).toBe('Tickets pour « imprimante » (1)');
    expect(JSON.stringify(mine.blocks)).toContain(`#${n} Imprimante en panne`);
    expect(JSON.stringify(mine.blocks)).not.toContain('couleur');
    const all = await ask(ADMIN, 'search imprimante');
    expect(all.blocks[0].text.text).toBe('Tickets for "imprimante" (2)');
    expect((await ask(ALICE, 'chercher licence')).text).toBe('Aucun ticket ne correspond à « licence ».');
    expect((await ask(ADMIN, 'search')).text).toBe('Usage: `/helpdesk search <words>`: searches the tickets you may see.');
    const help = JSON.stringify((await ask(ALICE, 'aide')).blocks);
    for (const words of ['/helpdesk kb &lt;', 'cherche dans la base de connaissances', '/helpdesk search &lt;', '/helpdesk report [weekly|monthly]']) expect(help).toContain(words);
  });

  it('/helpdesk report gives managers and admins the stored report card with its chart, as Teams does; others are refused politely', async () => {
    await queueWorld(t);
    const weekly = await ask(ADMIN, 'report');
    expect(weekly.response_type).toBe('ephemeral');
    expect(weekly.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Weekly report/) } });
    expect(weekly.blocks.find((b: any) => b.type === 'image').image_url).toMatch(/^https:\/\/helpdesk\.example\.test\/reports\/\d+\/[^/]+\/chart\.png$/);
    // One kind of report on every platform: it is kept like a scheduled one (stored, with its files).
    expect(await t.count('stored_reports')).toBeGreaterThanOrEqual(1);
    const monthly = await ask(ADMIN, 'report monthly support');
    expect(monthly.blocks[0].text.text).toMatch(/^Monthly report/);
    expect(JSON.stringify(monthly.blocks[1])).toContain('support');
    expect((await ask(ADMIN, 'report weekly nowhere')).text).toMatch(/nowhere/);
    const refusal = 'Les rapports sont réservés aux responsables et aux administrateurs. Pour suivre vos demandes : `/tickets`.';
    expect((await ask(ALICE, 'rapport mensuel')).text).toBe(refusal);
    expect((await ask(THEO, 'report weekly')).text).toBe(refusal);
  });

  it('pruneInboundEvents forgets event ids older than the cut-off, never ones younger than an hour', async () => {
    await t.s.t.reset();
    t.fake.reset();
    const deps = t.s.running.deps;
    // Platform deliveries are keyed by the inbox now; inbound_events keeps the other once-only records (a deflection counted once).
    for (const id of ['EvOld1', 'EvOld2', 'EvNew1']) await firstDelivery(deps, 'kb-solved', id);
    const old = new Date(deps.clock.now().getTime() - 10 * DAY);
    await t.s.t.db.sequelize.query("UPDATE inbound_events SET created_at = ? WHERE event_id IN ('EvOld1', 'EvOld2')", { replacements: [old] });
    const before = await t.count('inbound_events');
    expect(await pruneInboundEvents(deps, new Date(deps.clock.now().getTime() - 7 * DAY))).toBe(2);
    expect(await t.count('inbound_events')).toBe(before - 2);
    // A cut-off in the future is clipped: events Slack may still retry are kept.
    expect(await pruneInboundEvents(deps, new Date(deps.clock.now().getTime() + DAY))).toBe(0);
    expect(await t.count('inbound_events')).toBe(before - 2);
    await expect(pruneInboundEvents(deps, new Date('nope'))).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
