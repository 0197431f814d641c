import { PNG } from 'pngjs';
import { TEST_DATABASES } from '../../support/db';
import { ADMIN, ALICE, BOB, cardOf, personalChat, startTeamsServer, TeamsTestServer } from '../../support/teams';
import type { ConnectorCall } from '../../support/fake-bot-connector';
import { adaptiveProblems } from '../../cards/adaptive-check';

const inChat = (u: typeof ALICE) => (c: ConnectorCall) => c.method === 'POST' && c.conversationId === personalChat(u);

/** `search <words>` (R16) and `report [weekly|monthly]` on demand (R8) in the Teams personal chat. */
describe.each(TEST_DATABASES)('Teams: search and reports on demand on %s', (db) => {
  let t: TeamsTestServer;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
  });

  const file = async (u: typeof ALICE, title: string) => {
    await t.personal(u, '', { value: { verb: 'file_ticket', title }, replyToId: `form-${title}` });
    await t.fake.waitFor((c) => inChat(u)(c) && c.body.text?.includes(title));
  };

  it('search lists only the tickets the person may see; without words it says how to use it', async () => {
    await file(ALICE, 'Imprimante bloquée');
    await file(BOB, 'Imprimante du 3e étage');
    t.fake.reset();
    await t.personal(ALICE, 'search imprimante');
    const [found] = await t.fake.waitFor(inChat(ALICE));
    const card = cardOf(found.body)!;
    expect(adaptiveProblems(card)).toEqual([]);
    expect(card.body[0].text).toMatch(/imprimante/);
    expect(JSON.stringify(card)).toContain('Imprimante bloquée');
    expect(JSON.stringify(card)).not.toContain('3e étage');
    await t.personal(ALICE, 'search');
    const [usage] = await t.fake.waitFor((c) => inChat(ALICE)(c) && c !== found);
    expect(usage.body.text).toBe('Usage : `search ‹mots›` : cherche parmi les tickets que vous pouvez voir.');
    await t.personal(ALICE, 'chercher clavier');
    const [none] = await t.fake.waitFor((c) => inChat(ALICE)(c) && c !== found && c !== usage);
    expect(none.body.text).toMatch(/clavier/);
  });

  it('report weekly: a card with the figures and the chart for an admin; a polite refusal for an employee', async () => {
    await file(ALICE, 'Écran noir');
    t.fake.reset();
    await t.personal(ALICE, 'report weekly');
    const [refused] = await t.fake.waitFor(inChat(ALICE));
    expect(refused.body.text).not.toMatch(/Rapport hebdomadaire/);
    expect(cardOf(refused.body)).toBeUndefined();
    await t.personal(ADMIN, 'report monthly');
    const [answer] = await t.fake.waitFor((c) => inChat(ADMIN)(c) && !!cardOf(c.body));
    const card = cardOf(answer.body)!;
    expect(adaptiveProblems(card)).toEqual([]);
    expect(card.body[0].text).toMatch(/^Monthly report from 1 [A-Z][a-z]{2} \d{4} to /);
    const image = card.body.find((b: any) => b.type === 'Image');
    const { pathname } = new URL(image.url);
    const png = PNG.sync.read(Buffer.from(await (await fetch(t.url + pathname)).arrayBuffer()));
    expect(png.width).toBeGreaterThan(100);
  });
  it('sla, rules and notifications: the same words as on Slack, answered in the personal chat', async () => {
    await t.personal(ADMIN, 'sla');
    const [sla] = await t.fake.waitFor(inChat(ADMIN));
    expect(sla.body.text).toMatch(/P1/);
    await t.personal(ALICE, 'sla');
    const [refused] = await t.fake.waitFor(inChat(ALICE));
    expect(refused.body.text).not.toMatch(/P1/);
    await t.personal(ALICE, 'notifications hourly');
    const [saved] = await t.fake.waitFor((c) => inChat(ALICE)(c) && c !== refused);
    expect(saved.body.text).toBe('C’est noté. Notifications : par défaut (chat, sinon e-mail), un récapitulatif par heure.');
    expect(await t.count('tickets')).toBe(0);
  });
});
