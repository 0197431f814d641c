import { nextId, SlackTestServer } from './slack';
import type { SlackCall, FakeUser } from './fake-slack';

/** The people of the Slack conversation tests, as Slack's directory (users.info) knows them. */
export const ALICE = 'UALICE001';
export const THEO = 'UTHEO0001';
export const TINA = 'UTINA0001';
export const ADMIN = 'UADMIN001';
export const QUEUE = 'CSUPPORT1';
export const SLACK_USERS: FakeUser[] = [
  { id: ALICE, name: 'Alice Martin', email: 'alice@exemple.fr', locale: 'fr-FR' },
  { id: THEO, name: 'Théo Technicien', email: 'theo@exemple.fr', locale: 'fr-FR' },
  { id: TINA, name: 'Tina Tech', email: 'tina@exemple.fr', locale: 'en-GB' },
  { id: ADMIN, name: 'Ada Admin', email: 'admin@exemple.fr', locale: 'en-GB' },
];

/**
 * Everything through Slack itself: an admin binds QUEUE to "support" and makes Théo and Tina its
 * technicians; hardware goes to support; Alice files "Imprimante en panne" from the modal.
 * Returns the ticket number and the card Slack received.
 */
export async function queueWorld(t: SlackTestServer): Promise<{ n: number; card: SlackCall }> {
  await t.s.t.reset();
  t.fake.reset();
  // One after the other: each command is worked on after its ack, and all three would create "support".
  const commands = ['setup technicians support', `role <@${THEO}> technician support`, `role <@${TINA}> technician support`];
  for (const [i, text] of commands.entries()) {
    await t.command('/helpdesk', ADMIN, text, { channel: QUEUE });
    const answer = (await t.fake.waitFor('response_url', undefined, i + 1))[i];
    if (!/queue|role/.test(answer.body.text)) throw new Error(`"/helpdesk ${text}" answered: ${answer.body.text}`);
  }
  const svc = await t.s.t.uow.read.services.findBySlug('support');
  if (!svc) throw new Error('setup technicians did not create the service');
  await t.s.t.uow.transaction(async (s) => s.categories.update((await s.categories.findBySlug('hardware'))!.id, { defaultServiceId: svc.id }));
  t.fake.reset();
  await t.interact({
    type: 'view_submission',
    user: { id: ALICE },
    view: {
      id: nextId('V'),
      callback_id: 'report_modal',
      private_metadata: '{}',
      state: { values: { title: { title: { value: 'Imprimante en panne' } }, category: { category: { selected_option: { value: 'hardware' } } } } },
    },
  });
  const [card] = await t.fake.waitFor('chat.postMessage', (b) => b.channel === QUEUE);
  // The requester's DM thread is opened right after the card: wait for it so no test sees it late.
  await t.fake.waitFor('chat.postMessage', (b) => b.channel === `D${ALICE}`);
  const n = Number(/#(\d+)/.exec(card.body.blocks[0].text.text)![1]);
  return { n, card };
}

/** A block_actions press on a card in QUEUE. */
export const press = (user: string, n: number, action: Record<string, unknown>) => ({
  type: 'block_actions',
  user: { id: user },
  trigger_id: nextId('TRG'),
  channel: { id: QUEUE },
  container: { type: 'message', channel_id: QUEUE, message_ts: '1' },
  actions: [{ block_id: `ticket:${n}`, action_ts: String(Date.now() / 1000), ...action }],
});
