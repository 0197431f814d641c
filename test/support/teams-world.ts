import { ADMIN, ALICE, GENERAL, QUEUE, TEAM, TeamsTestServer, THEO, TINA, activityBase, BOT, cardOf, personalChat } from './teams';
import type { ConnectorCall } from './fake-bot-connector';

/** The app installed in the IT team: the bot is added, Teams tells it, it records the team's channels. */
export async function installInTeam(t: TeamsTestServer): Promise<void> {
  t.fake.setTeamChannels(TEAM, [
    { id: QUEUE, name: 'Support' },
    { id: GENERAL, name: 'General' },
  ]);
  const r = await t.send({
    ...activityBase(t.fake, ADMIN, { id: GENERAL, conversationType: 'channel', isGroup: true }, { team: { id: TEAM, name: 'IT' }, channel: { id: GENERAL }, eventType: 'teamMemberAdded' }),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  });
  if (r.status !== 200) throw new Error(`install answered ${r.status}`);
}

/**
 * Everything through Teams itself: installed in the IT team, QUEUE bound to "support" by an admin,
 * Théo (by @mention) and Tina (by e-mail) made its technicians, hardware routed to support, and Alice
 * files "Imprimante en panne" from the form in her personal chat. Returns the ticket and its card.
 */
export async function queueWorld(t: TeamsTestServer): Promise<{ n: number; card: ConnectorCall }> {
  await t.s.t.reset();
  t.fake.reset();
  await installInTeam(t);
  // Tina has spoken to the bot once (so she is known by e-mail); Théo never has (met through the @mention).
  await t.personal(TINA, 'help');
  await t.fake.waitFor((c) => c.conversationId === personalChat(TINA));
  const commands: Array<[string, typeof THEO[]]> = [
    ['setup technicians support', []],
    [`role <at>${THEO.name}</at> technician support`, [THEO]],
    [`role ${TINA.email} technician support`, []],
  ];
  for (const [i, [text, mentions]] of commands.entries()) {
    await t.channel(ADMIN, text, { mentions });
    const answers = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId?.startsWith(QUEUE) === true, i + 1);
    if (!/queue|role/.test(answers[i].body.text)) throw new Error(`"${text}" answered: ${answers[i].body.text}`);
  }
  const svc = await t.s.t.uow.read.services.findBySlug('support');
  if (!svc) throw new Error('setup technicians did not create the service');
  await t.s.t.uow.transaction(async (s) => s.categories.update((await s.categories.findBySlug('hardware'))!.id, { defaultServiceId: svc.id }));
  t.fake.reset();
  await t.personal(ALICE, '', { value: { verb: 'file_ticket', title: 'Imprimante en panne', category: 'hardware', urgency: 'high' }, replyToId: 'form-1' });
  const [card] = await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === QUEUE && !!cardOf(c.body));
  // The requester's line in her personal chat follows the card: wait for it so no test sees it late.
  await t.fake.waitFor((c) => c.method === 'POST' && c.conversationId === personalChat(ALICE) && /Ticket #\d+/.test(c.body.text ?? ''));
  const n = Number(/#(\d+)/.exec(cardOf(card.body)!.body[0].text)![1]);
  return { n, card };
}
