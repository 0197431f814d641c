import { askHelpdesk, nextId, SLACK_MATRIX, startSlackServer, SlackTestServer } from '../../support/slack';
import { ADMIN, ALICE, queueWorld, SLACK_USERS } from '../../support/slack-world';

/**
 * The same words everywhere (CONTRACT.md): `sla` and `rules` (staff quick look, R7 R13),
 * `notifications [hourly]` (R4), and in a DM also `search` and `report weekly|monthly`.
 */
describe.each(SLACK_MATRIX)('Slack: sla, rules, notifications and the /helpdesk words in a DM on %s over %s', (db, mode) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS, mode });
  });
  afterAll(() => t.close());

  const ask = (user: string, text: string) => askHelpdesk(t, user, text);
  let ts = 1767001000;
  const dm = async (user: string, text: string) => {
    const before = t.fake.of('chat.postMessage', (b) => b.channel === `D${user}`).length;
    await t.event({ type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${++ts}.000100` }, { eventId: nextId('Ev') });
    return (await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${user}`, before + 1))[before].body;
  };

  it('sla and rules answer staff with the quick look and employees with a polite refusal', async () => {
    await queueWorld(t);
    const sla = await ask(ADMIN, 'sla');
    expect(sla.response_type).toBe('ephemeral');
    expect(sla.text).toMatch(/SLA/);
    expect(sla.text).toMatch(/P1/);
    const rules = await ask(ADMIN, 'rules');
    expect(rules.text).toMatch(/\d/);
    const refused = await ask(ALICE, 'sla');
    expect(refused.text).not.toMatch(/P1/);
    expect(refused.text).toBe((await dm(ALICE, 'sla')).text);
  });

  it('notifications hourly saves the choice, in the person\'s language, from the DM and from /helpdesk', async () => {
    await queueWorld(t);
    expect((await dm(ALICE, 'notifications hourly')).text).toBe('C’est noté. Notifications : par défaut (chat, sinon e-mail), un récapitulatif par heure.');
    const back = await ask(ALICE, 'notifications');
    expect(back.text).toMatch(/^C’est noté\. Notifications : /);
  });

  it('search and report work in a DM; "report: my screen…" stays a problem report', async () => {
    const { n } = await queueWorld(t);
    const found = await dm(ALICE, 'search imprimante');
    expect(JSON.stringify(found.blocks)).toContain(`#${n} Imprimante en panne`);
    const report = await dm(ADMIN, 'report weekly');
    expect(report.blocks[0].text.text).toMatch(/^Weekly report from /);
    const problem = await dm(ALICE, 'report my screen stays black since this morning');
    expect(problem.text).not.toMatch(/report from/i);
    expect(JSON.stringify(problem)).toMatch(/screen stays black/);
  });
});
