import { TEST_DATABASES } from '../../support/db';
import { nextId, startSlackServer, SlackTestServer } from '../../support/slack';
import { press, queueWorld, SLACK_USERS, THEO } from '../../support/slack-world';
import { actorForPerson } from '../../../core/people/actor-for-person';
import { createTicket } from '../../../core/tickets/create-ticket.service';
import { linkTickets } from '../../../core/tickets/link-tickets.service';
import { updateTicket } from '../../../core/tickets/update-ticket.service';

/** Every text object of a Block Kit message, wherever it sits. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

/** Issue 3 "Done when": every card sent passes Block Kit's limits even with a 4000-character description and 20 links (R12, R19). */
describe.each(TEST_DATABASES)('Slack: cards within Block Kit limits, and "Edit details" (R12 R19) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS });
  });
  afterAll(() => t.close());

  it('a card updated with a 4000-character description and 20 links stays under 50 blocks and 3000 characters per text', async () => {
    const { n } = await queueWorld(t);
    const deps = t.s.running.deps;
    const theo = (await deps.uow.read.people.find({ by: 'slackUserId', value: THEO }))!;
    const actor = await actorForPerson(deps, deps.uow.read, theo, 'slack');
    await updateTicket(deps, actor, n, { description: 'Le toner <fuit> & tache '.repeat(200).slice(0, 4000) });
    for (let i = 0; i < 20; i++) {
      const other = await createTicket(deps, actor, { title: `Lié ${i} `.padEnd(200, 'x') });
      await linkTickets(deps, actor, n, { type: 'related_to', ticket: other.ticket.id });
    }
    t.fake.reset();
    await t.interact(press(THEO, n, { action_id: 'ticket_claim', value: String(n), type: 'button' }));
    const [update] = await t.fake.waitFor('chat.update');
    const blocks = update.body.blocks as unknown[];
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.length).toBeLessThanOrEqual(50);
    const all = texts(blocks);
    expect(all.some((s) => s.includes('Le toner &lt;fuit&gt; &amp; tache'))).toBe(true);
    for (const s of all) expect(s.length).toBeLessThanOrEqual(3000);
    expect(String(update.body.text).length).toBeLessThanOrEqual(4000);
  });

  it('"Edit details" opens the form with the ticket as it is, and saving updates the card in place', async () => {
    const { n } = await queueWorld(t);
    t.fake.reset();
    const editPress = { ...press('UALICE001', n, { action_id: 'ticket_edit', value: String(n), type: 'button' }), channel: { id: 'DUALICE001' } };
    await t.interact(editPress);
    const [open] = await t.fake.waitFor('views.open');
    expect(open.body.trigger_id).toBe(editPress.trigger_id);
    expect(JSON.stringify(open.body.view.blocks)).toContain('"initial_value":"Imprimante en panne"');
    expect(JSON.parse(open.body.view.private_metadata)).toEqual({ ticket: n });
    await t.interact({
      type: 'view_submission',
      user: { id: 'UALICE001' },
      view: { id: nextId('V'), callback_id: 'report_modal', private_metadata: open.body.view.private_metadata, state: { values: { title: { title: { value: 'Imprimante HS au 2e' } }, urgency: { urgency: { selected_option: { value: 'high' } } } } } },
    });
    const [update] = await t.fake.waitFor('chat.update');
    expect(update.body.blocks[0].text.text).toBe(`#${n} Imprimante HS au 2e`);
    expect(await t.s.t.uow.read.tickets.get(n)).toMatchObject({ title: 'Imprimante HS au 2e', urgency: 'high' });
    expect(await t.count('tickets')).toBe(1);
  });
});
