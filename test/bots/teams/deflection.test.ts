import { TEST_DATABASES } from '../../support/db';
import { executeActions } from '../../cards/adaptive-check';
import { ALICE, cardOf, personalChat, settle, startTeamsServer, TeamsTestServer, TINA } from '../../support/teams';
import type { ConnectorCall } from '../../support/fake-bot-connector';

const inChat = (c: ConnectorCall) => c.method === 'POST' && c.conversationId === personalChat(ALICE);

/** Issue 8 (Teams half): the knowledge base answers before a ticket is filed (R2, R7, R15). */
describe.each(TEST_DATABASES)('Teams: knowledge-base deflection in the personal chat (R2 R15) on %s', (db) => {
  let t: TeamsTestServer;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await startTeamsServer(db, { admins: ['admin@exemple.fr'] });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
    const token = await t.s.token('admin', { email: 'kb-admin@exemple.fr' });
    const article = async (title: string, body: string, extra: Record<string, unknown> = {}) => {
      const r = await t.s.call('POST', '/api/v1/kb/articles', token, { kind: 'faq', title, body, language: 'fr', publish: true, ...extra });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    ids = {
      vpn: await article('Le VPN ne se connecte pas', 'Redémarrez le client VPN puis reconnectez-vous avec votre mot de passe.'),
      vpnTech: await article('VPN : réinitialiser la passerelle', 'Procédure interne de redémarrage de la passerelle VPN.', { audience: 'technicians' }),
      vpnDraft: await article('VPN brouillon', 'Texte pas encore relu sur le VPN.', { publish: false }),
      printer: await article('Imprimante hors ligne', 'Vérifiez le câble réseau de l’imprimante.'),
    };
  });

  it('offers matching published articles only, with "This solved it" and "Still need help"', async () => {
    await t.personal(ALICE, 'mon vpn ne se connecte plus');
    const [offer] = await t.fake.waitFor(inChat);
    const card = cardOf(offer.body)!;
    const shown = JSON.stringify(card);
    expect(shown).toContain('Le VPN ne se connecte pas');
    expect(shown).not.toContain('passerelle');
    expect(shown).not.toContain('brouillon');
    expect(executeActions(card).map((a) => [a.verb, a.title])).toEqual([
      ['kb_solved', 'Ça a résolu mon problème'],
      ['kb_need_help', "J'ai encore besoin d'aide"],
    ]);
    expect(executeActions(card)[0].data.article).toBe(ids.vpn);
  });

  it('"This solved it" files nothing and counts the deflection, once per offer', async () => {
    await t.personal(ALICE, 'mon vpn ne se connecte plus');
    await t.fake.waitFor(inChat);
    const id = 'kb-press-1';
    const r = await t.execute(ALICE, 'kb_solved', { article: ids.vpn }, { conversationId: personalChat(ALICE), replyToId: 'offer', id });
    // The same sentence as on Slack and the web: one conversation service answers "This solved it".
    expect(r.body.value.body[1].text).toBe("Tant mieux ! Aucun ticket n'a été créé. Merci d'avoir indiqué que « Le VPN ne se connecte pas » vous a aidé.");
    await t.execute(ALICE, 'kb_solved', { article: ids.vpn }, { conversationId: personalChat(ALICE), replyToId: 'offer', id });
    await t.execute(ALICE, 'kb_solved', { article: ids.vpn }, { conversationId: personalChat(ALICE), replyToId: 'offer', id: 'kb-press-2' });
    expect((await t.s.t.uow.read.kb.get(ids.vpn))!.helpfulCount).toBe(1);
    // Another offer (another card) counts again.
    await t.execute(ALICE, 'kb_solved', { article: ids.vpn }, { conversationId: personalChat(ALICE), replyToId: 'offer-2', id: 'kb-press-3' });
    expect((await t.s.t.uow.read.kb.get(ids.vpn))!.helpfulCount).toBe(2);
    // A technician-only article cannot be counted by an employee, whatever the card says.
    const forged = await t.execute(ALICE, 'kb_solved', { article: ids.vpnTech }, { conversationId: personalChat(ALICE) });
    expect(forged.body.value.body[0].text).toBe('Rien n’a été modifié');
    expect((await t.s.t.uow.read.kb.get(ids.vpnTech))!.helpfulCount).toBe(0);
    await settle();
    expect(await t.count('tickets')).toBe(0);
  });

  it('"Still need help" answers with the form prefilled with what was written, which files the ticket', async () => {
    await t.personal(ALICE, 'mon vpn ne se connecte plus depuis ce matin');
    const [offer] = await t.fake.waitFor(inChat);
    const need = executeActions(cardOf(offer.body)!).find((a) => a.verb === 'kb_need_help')!;
    const r = await t.execute(ALICE, 'kb_need_help', need.data, { conversationId: personalChat(ALICE), replyToId: offer.id });
    const form = r.body.value;
    expect(form.body.find((b: any) => b.id === 'title').value).toBe('mon vpn ne se connecte plus depuis ce matin');
    expect(await t.count('tickets')).toBe(0);
    await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'mon vpn ne se connecte plus depuis ce matin', description: 'mon vpn ne se connecte plus depuis ce matin' }, replyToId: offer.id });
    await t.fake.waitFor((c) => inChat(c) && /^Ticket #\d+ créé : mon vpn/.test(c.body.text ?? ''));
    expect(await t.count('tickets')).toBe(1);
  });

  it('`kb <words>` runs the same search on demand; staff also find technician-only articles', async () => {
    await t.personal(ALICE, 'kb vpn');
    const [answer] = await t.fake.waitFor(inChat);
    expect(JSON.stringify(cardOf(answer.body))).toContain('Le VPN ne se connecte pas');
    expect(JSON.stringify(cardOf(answer.body))).not.toContain('passerelle');
    await t.personal(ALICE, 'kb fromage');
    const [none] = await t.fake.waitFor(inChat, 2).then((c) => c.slice(1));
    expect(none.body.text).toBe('Aucun article ne correspond à « fromage ».');
    await t.personal(ALICE, 'kb');
    expect((await t.fake.waitFor(inChat, 3))[2].body.text).toBe('Usage : `kb ‹mots›` : cherche dans la base de connaissances.');
    await t.s.token('technician', { email: 'tina@exemple.fr', name: 'Tina Tech' });
    await t.personal(TINA, 'kb passerelle vpn');
    const [staff] = await t.fake.waitFor((c) => c.conversationId === personalChat(TINA));
    expect(JSON.stringify(cardOf(staff.body))).toContain('passerelle');
    expect(await t.count('tickets')).toBe(0);
  });
});
