import { TEST_DATABASES } from '../../support/db';
import { adaptiveProblems } from '../../cards/adaptive-check';
import { bigTicket, options } from '../../cards/fixtures';
import { kbSuggestionsAdaptive } from '../../../cards/kb-suggestions.adaptive';
import { noticeAdaptive, withNotice } from '../../../cards/notice.adaptive';
import { ticketCardAdaptive } from '../../../cards/ticket.adaptive';
import { ALICE, ADMIN, BOB, cardOf, personalChat, startTeamsServer, TeamsTestServer, THEO } from '../../support/teams';
import { queueWorld } from '../../support/teams-world';

const TEAMS_MAX_BYTES = 40 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');
const check = (card: Record<string, unknown>) => {
  expect(adaptiveProblems(card)).toEqual([]);
  expect(size(card)).toBeLessThan(TEAMS_MAX_BYTES);
};

/** Issue 4 "Done when": every card the bot sends parses with the adaptivecards library, and stays under Teams' 40 KB. */
describe.each(['fr', 'en'] as const)('the Teams-only cards parse cleanly and stay under 40 KB (%s)', (locale) => {
  const huge = 'Écran ' + 'très '.repeat(1000);
  it('the knowledge-base offer with three huge articles', () => {
    const articles = [1, 2, 3, 4].map((id) => ({ id, title: huge.slice(0, 200), excerpt: huge.slice(0, 240) }));
    const card = kbSuggestionsAdaptive(articles, huge.repeat(5), locale);
    check(card);
    expect(JSON.stringify(card)).not.toContain('"article":4');
  });
  it('a notice, and a refusal over a huge ticket card', () => {
    check(noticeAdaptive(huge, huge, 'good'));
    const card = ticketCardAdaptive(bigTicket(), options(locale, { technicians: Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `Technicien ${i} ${'Å'.repeat(40)}` })) }));
    check(withNotice(card, 'Nothing was changed', huge, 'refused'));
  });
  it('the check fails on a card Teams would refuse', () => {
    expect(adaptiveProblems(withNotice({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }, 'x', 'y', 'good')).length).toBeGreaterThan(0);
  });
});

describe.each(TEST_DATABASES)('every card the Teams bot sent or answered in a full flow with a huge ticket on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());

  it('parses with adaptivecards without a warning and is under 40 KB (4000-character description, 20 links)', async () => {
    await queueWorld(t);
    const admin = await t.s.token('admin', { email: 'api-admin@exemple.fr' });
    for (let i = 0; i < 3; i++) {
      const r = await t.s.call('POST', '/api/v1/kb/articles', admin, { title: `Imprimante ${'bloquée '.repeat(20)}${i}`.slice(0, 200), body: 'Imprimante '.repeat(3000), language: 'fr', publish: true });
      expect(r.status).toBe(201);
    }
    const description = ('L’imprimante <b>affiche</b> [erreur](x) & ' + 'é'.repeat(60) + '\n').repeat(40).slice(0, 4000);
    expect(description).toHaveLength(4000);
    await t.personal(ALICE, 'imprimante bloquée');
    await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE) && /bloquée/.test(JSON.stringify(cardOf(c.body) ?? {})));
    await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'T'.repeat(200), description, category: 'hardware', urgency: 'critical' }, replyToId: 'form-big' });
    const [card] = await t.fake.waitFor((c) => c.method === 'POST' && JSON.stringify(cardOf(c.body) ?? {}).includes('TTTT'));
    const n = Number(/#(\d+)/.exec(cardOf(card.body)!.body[0].text)![1]);
    for (let i = 0; i < 20; i++) {
      const r = await t.s.call('POST', `/api/v1/tickets/${n}/external-refs`, admin, { system: `Vendor ${i} ${'x'.repeat(28)}`, key: `KEY-${i}-${'k'.repeat(60)}`, url: `https://vendor.example.com/${'p'.repeat(200)}/${i}` });
      expect(r.status).toBe(201);
    }
    const answers: Array<Record<string, unknown>> = [];
    const press = async (u: typeof THEO, verb: string, data: Record<string, unknown>) => answers.push((await t.execute(u, verb, { ticket: n, ...data }, { replyToId: card.id })).body.value);
    await press(THEO, 'ticket_status', { status: 'in_progress' });
    await press(BOB, 'ticket_claim', {});
    await press(ADMIN, 'ticket_refresh', {});
    await press(THEO, 'ticket_resolve', { resolution: description });
    await t.fake.waitFor((c) => c.method === 'PUT' && c.activityId === card.id, 2);
    await t.personal(ALICE, 'mes tickets');
    await t.personal(ALICE, 'aide');
    await t.fake.waitFor((c) => c.conversationId === personalChat(ALICE) && /Helpdesk : aide/.test(JSON.stringify(cardOf(c.body) ?? {})));
    const sent = t.fake.sent().map((c) => cardOf(c.body)).filter((c): c is Record<string, any> => !!c);
    const all = [...sent, ...answers];
    const kinds = new Set(all.map((c) => String(c.body[0]?.text ?? c.body[0]?.items?.[0]?.text).slice(0, 12)));
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    for (const c of all) check(c);
    expect(Math.max(...all.map(size))).toBeGreaterThan(15 * 1024);
  });
});
