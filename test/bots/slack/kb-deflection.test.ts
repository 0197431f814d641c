import { nextId, SLACK_MATRIX, startSlackServer, SlackTestServer, settle } from '../../support/slack';
import { BOT_USER, SlackCall } from '../../support/fake-slack';
import { ADMIN, ALICE, SLACK_USERS, THEO, TINA } from '../../support/slack-world';
import { createArticle } from '../../../core/kb/create-article.service';
import { systemActor } from '../../../core/shared/actor';

const elements = (c: SlackCall) => (c.body.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
const shownArticles = (c: SlackCall) => (c.body.blocks ?? []).filter((b: any) => /^kb:\d+$/.test(b.block_id ?? '')).map((b: any) => Number(b.block_id.slice(3)));
const dm = (user: string, text: string) => ({ type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${Date.now() / 1000}` });

/**
 * Issue 8 item 3 on Slack (R2, R7, R15): answers before a ticket. "This solved it" files nothing and
 * counts once per offer; "Still need help" goes on to the form prefilled with the words; `kb <words>`.
 */
describe.each(SLACK_MATRIX)('Slack: knowledge-base deflection in chat (R2 R7 R15) on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  let ids: { printer: number; spooler: number; draft: number; english: number; vpn: number };
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS, mode });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.s.t.reset();
    t.fake.reset();
    const add = async (o: Record<string, unknown>) =>
      (await createArticle(t.s.running.deps, systemActor('fr'), { kind: 'faq', language: 'fr', publish: true, ...o } as never)).id;
    ids = {
      printer: await add({ title: 'Imprimante qui ne marche plus', body: "Éteignez l'imprimante, attendez dix secondes et rallumez-la. Vérifiez le câble réseau." }),
      spooler: await add({ title: 'Imprimante : redémarrer le spouleur du serveur', body: 'Sur PRINT01, redémarrer le service Spooler.', audience: 'technicians' }),
      draft: await add({ title: 'Imprimante du 3e étage', body: 'Brouillon en cours.', publish: false }),
      english: await add({ title: 'Printer does not work', body: 'Turn the printer off and on again.', language: 'en' }),
      vpn: await add({ title: 'VPN : se reconnecter', body: 'Relancez le client VPN.' }),
    };
  });
  const helpful = async (id: number) => (await t.s.t.uow.read.kb.get(id))!.helpfulCount;

  it('a DM describing a problem gets the matching published articles for everyone in French; "This solved it" files nothing and counts once', async () => {
    await t.event(dm(ALICE, 'mon imprimante ne marche plus'));
    const [offer] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(offer.body.text).toMatch(/^Avant de créer un ticket, ces articles répondent peut-être à « mon imprimante ne marche plus » :/);
    // Technician-only, draft and English articles stay out of an employee's French answer.
    expect(shownArticles(offer)).toEqual([ids.printer]);
    const buttons = elements(offer);
    expect(buttons.map((e: any) => [e.action_id, e.text.text, e.value])).toEqual([
      ['kb_solved', 'Ça a résolu mon problème', String(ids.printer)],
      ['kb_read', 'Lire', String(ids.printer)],
      ['report_issue', "J'ai encore besoin d'aide", 'mon imprimante ne marche plus'],
    ]);

    const solved = (n: number) => ({
      type: 'block_actions', user: { id: ALICE }, trigger_id: nextId('TRG'), channel: { id: `D${ALICE}` },
      container: { type: 'message', channel_id: `D${ALICE}`, message_ts: offer.result!.ts },
      actions: [{ ...buttons[0], type: 'button', block_id: `kb_actions:${ids.printer}`, action_ts: `${n}` }],
    });
    await t.interact(solved(1));
    const [thanks] = await t.fake.waitFor('chat.postEphemeral');
    expect(thanks.body).toMatchObject({ channel: `D${ALICE}`, user: ALICE, text: "Tant mieux ! Aucun ticket n'a été créé. Merci d'avoir indiqué que « Imprimante qui ne marche plus » vous a aidé." });
    // A double click on the same offer is one deflection.
    await t.interact(solved(2));
    const answers = await t.fake.waitFor('chat.postEphemeral', undefined, 2);
    expect(answers[1].body.text).toBe("C'est noté : « Imprimante qui ne marche plus » vous a déjà aidé. Aucun ticket n'a été créé.");
    expect(await helpful(ids.printer)).toBe(1);
    expect(await t.count('tickets')).toBe(0);
    expect(t.fake.of('views.open')).toEqual([]);
  });

  it('"Still need help" opens the form prefilled with the words and files one ticket with them', async () => {
    const words = 'mon imprimante ne marche plus depuis ce matin, le voyant clignote en orange';
    await t.event(dm(ALICE, words));
    const [offer] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    const more = elements(offer).find((e: any) => e.action_id === 'report_issue');
    await t.interact({ type: 'block_actions', user: { id: ALICE }, trigger_id: nextId('TRG'), channel: { id: `D${ALICE}` }, actions: [{ ...more, type: 'button', block_id: 'kb_more', action_ts: '1' }] });
    const [open] = await t.fake.waitFor('views.open');
    const inputs = Object.fromEntries(open.body.view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element.initial_value]));
    expect(inputs.title).toBe(words);
    expect(inputs.description).toBe(words);
    const values = { title: { title: { value: inputs.title } }, description: { description: { value: inputs.description } } };
    await t.interact({ type: 'view_submission', user: { id: ALICE }, view: { id: nextId('V'), callback_id: 'report_modal', private_metadata: '{}', state: { values } } });
    const [filed] = await t.fake.waitFor('chat.postMessage', (b) => /^Ticket #\d+ créé/.test(b.text));
    const n = Number(/#(\d+)/.exec(filed.body.text)![1]);
    expect(await t.s.t.uow.read.tickets.get(n)).toMatchObject({ title: inputs.title, description: inputs.description, sourceChannel: 'slack' });
    expect(await t.count('tickets')).toBe(1);
    expect(await helpful(ids.printer)).toBe(0);
  });

  it('no matching article: the prefilled form comes at once; an English Slack gets English articles and buttons', async () => {
    await t.event(dm(ALICE, 'le badge de la cantine est refusé'));
    const [offer] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(offer.body.text).toBe('Je peux ouvrir un ticket pour : « le badge de la cantine est refusé ». Vérifiez le formulaire et envoyez-le.');
    expect(elements(offer).map((e: any) => e.action_id)).toEqual(['report_issue']);

    await t.event(dm(TINA, 'my printer does not work'));
    const [en] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${TINA}`);
    expect(en.body.text).toMatch(/^Before filing a ticket, these articles may answer "my printer does not work":/);
    expect(shownArticles(en)).toEqual([ids.english]);
    expect(elements(en).map((e: any) => e.text.text)).toEqual(['This solved it', 'Read', 'Still need help']);
  });

  it('an @mention answers privately with the articles; Read shows the whole article and counts a view', async () => {
    await t.event({ type: 'app_mention', channel: 'CGENERAL1', user: ALICE, text: `<@${BOT_USER}> le VPN coupe sans arrêt`, ts: '1767000300.000100' });
    const [offer] = await t.fake.waitFor('chat.postEphemeral');
    expect(offer.body).toMatchObject({ channel: 'CGENERAL1', user: ALICE });
    expect(shownArticles(offer)).toEqual([ids.vpn]);
    const read = elements(offer).find((e: any) => e.action_id === 'kb_read');
    await t.interact({ type: 'block_actions', user: { id: ALICE }, trigger_id: nextId('TRG'), channel: { id: 'CGENERAL1' }, container: { type: 'ephemeral', channel_id: 'CGENERAL1', message_ts: '1' }, actions: [{ ...read, type: 'button', block_id: 'x', action_ts: '1' }] });
    const [article] = await t.fake.waitFor('chat.postEphemeral', undefined, 2).then((c) => c.slice(1));
    expect(article.body.blocks[0].text.text).toBe('VPN : se reconnecter');
    expect(JSON.stringify(article.body.blocks)).toContain('Relancez le client VPN.');
    expect((await t.s.t.uow.read.kb.get(ids.vpn))!.viewCount).toBe(1);
    expect(await t.count('tickets')).toBe(0);
  });

  it('`/helpdesk kb <words>` and `kb <words>` in a DM answer with the same search; staff also see internal articles', async () => {
    await t.command('/helpdesk', ALICE, 'kb imprimante');
    const [mine] = await t.fake.waitFor('response_url');
    expect(mine.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Articles pour « imprimante » :/) });
    expect(shownArticles(mine)).toEqual([ids.printer]);

    await t.command('/helpdesk', ADMIN, `role <@${THEO}> technician support`);
    await t.fake.waitFor('response_url', (b) => /role/.test(b.text));
    await t.command('/helpdesk', THEO, 'kb imprimante');
    const [staff] = await t.fake.waitFor('response_url', (b) => /^Articles pour/.test(b.text), 2).then((c) => c.slice(1));
    expect(shownArticles(staff).sort()).toEqual([ids.printer, ids.spooler].sort());

    await t.event(dm(ALICE, 'kb vpn'));
    const [inDm] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
    expect(shownArticles(inDm)).toEqual([ids.vpn]);
    await t.event(dm(ALICE, 'kb cafetière'));
    await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}` && b.text === 'Aucun article ne correspond à « cafetière ».');
    await t.command('/helpdesk', TINA, 'kb');
    await t.fake.waitFor('response_url', (b) => b.text === 'Usage: `/helpdesk kb <words>` (or `kb <words>` in a direct message).');
    expect(await t.count('tickets')).toBe(0);
  });

  it('forged presses on articles an employee may not read answer "not found" privately and count nothing', async () => {
    const press = (action_id: string, value: string) => ({
      type: 'block_actions', user: { id: ALICE }, trigger_id: nextId('TRG'), channel: { id: `D${ALICE}` },
      container: { type: 'message', channel_id: `D${ALICE}`, message_ts: '1767000000.000001' },
      actions: [{ action_id, type: 'button', value, block_id: 'x', action_ts: '1' }],
    });
    await t.interact(press('kb_solved', String(ids.spooler)));
    await t.interact(press('kb_read', String(ids.draft)));
    await t.interact(press('kb_solved', 'DROP TABLE'));
    const refusals = await t.fake.waitFor('chat.postEphemeral', undefined, 3);
    expect(refusals.map((r) => r.body.text).sort()).toEqual(
      [`L'article ${ids.spooler} est introuvable.`, `L'article ${ids.draft} est introuvable.`, expect.stringMatching(/^La demande est invalide/)].sort(),
    );
    await settle();
    expect(await helpful(ids.spooler)).toBe(0);
    expect((await t.s.t.uow.read.kb.get(ids.draft))!.viewCount).toBe(0);
    expect(t.fake.of('chat.postMessage')).toEqual([]);
  });
});
