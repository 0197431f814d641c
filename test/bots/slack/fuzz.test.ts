import { TEST_DATABASES } from '../../support/db';
import { nextId, sign, startSlackServer, SlackTestServer } from '../../support/slack';
import { rawRequest } from '../../support/hostile';
import { prng, rowCounts } from '../../support/fuzz';
import { ALICE, queueWorld, QUEUE, SLACK_USERS, THEO } from '../../support/slack-world';
import { t as translate } from '../../../core/i18n/translate';

/** Every table a forged press could write to; inbound_events only remembers deliveries, so it is left out. */
const TABLES = ['tickets', 'comments', 'ticket_assignees', 'audit_entries', 'kb_articles', 'kb_ticket_articles', 'kb_article_versions', 'ticket_links', 'people', 'services', 'channel_bindings'];
const ACTION_IDS = ['ticket_claim', 'ticket_assign', 'ticket_status', 'ticket_resolve', 'ticket_edit', 'ticket_open', 'kb_solved', 'kb_read', 'kb_draft', 'ticket_note', 'ticket_unassign'];
const VIEWS = ['report_modal', 'resolve_modal', 'note_modal'];

/** Waits until Slack has received nothing new for a while: all the work after the acks is done. */
async function quiet(t: SlackTestServer, ms = 600): Promise<void> {
  let seen = -1;
  while (seen !== t.fake.calls.length) {
    seen = t.fake.calls.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

/**
 * Issue 3 "malformed payloads get a clean 4xx or an ephemeral error, never a 5xx, and write nothing",
 * for every button, select and modal of the bot (the knowledge-base and card-extra ones included).
 */
describe.each(TEST_DATABASES)('Slack: forged and malformed interactions write nothing (R9) on %s', (db) => {
  let t: SlackTestServer;
  beforeAll(async () => {
    t = await startSlackServer(db, { admins: ['admin@exemple.fr'], users: SLACK_USERS });
  });
  afterAll(() => t.close());

  it('180 random block_actions and view submissions by an employee and a technician: 200 or 400, a sentence at most, no row changed', async () => {
    const { n } = await queueWorld(t);
    const rnd = prng(20261124);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const junk = (): unknown =>
      pick([undefined, null, '', '0', '-1', String(n + 5000), '99999999999999', 'abc', `${n}:`, `${n}:${n}:x`, `${n}:99999`, `${n}:NOPE`, '<@U1>', 'é'.repeat(3000), 42, true, {}, [], { value: `${n}` }, [n]]);
    const before = await rowCounts(t.s, TABLES);
    t.fake.reset();
    const statuses: number[] = [];
    for (let i = 0; i < 180; i++) {
      const user = pick([ALICE, THEO]);
      const payload =
        i % 3 === 2
          ? {
              type: 'view_submission',
              user: { id: user },
              view: { id: nextId('V'), callback_id: pick(VIEWS), private_metadata: pick([junk(), '{"ticket":"x"}', '{"ticket":-4}', String(n + 5000)]), state: { values: pick([junk(), { note: { note: { value: junk() } } }, { resolution: { resolution: { value: junk() } } }, { title: { title: { value: '' } } }]) } },
            }
          : {
              type: 'block_actions',
              user: { id: user },
              trigger_id: nextId('TRG'),
              channel: { id: QUEUE },
              container: { type: 'message', channel_id: QUEUE, message_ts: pick([junk(), '1767000000.000001']) },
              actions: [{ action_id: pick(ACTION_IDS), type: pick(['button', 'static_select', 'multi_users_select']), block_id: pick([junk(), `ticket:${n + 5000}`, 'ticket:abc']), value: junk(), selected_option: pick([junk(), { value: junk() }]), selected_users: pick([junk(), ['UNOBODY01'], [ALICE]]), action_ts: '1' }],
            };
      // No junk value names the real ticket: every request here must be refused, whoever sends it.
      statuses.push((await t.interact(payload as Record<string, unknown>)).status);
    }
    await quiet(t);
    expect(statuses.filter((s) => s !== 200 && s !== 400)).toEqual([]);
    expect(await rowCounts(t.s, TABLES)).toEqual(before);
    const internal = [translate('fr', 'error.internal_error'), translate('en', 'error.internal_error')];
    const said = t.fake.calls.filter((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage').map((c) => String(c.body.text));
    expect(said.length).toBeGreaterThan(50);
    expect(said.filter((s) => internal.includes(s))).toEqual([]);
    expect(t.fake.of('chat.update')).toEqual([]);
  });

  it('R9 NUL bytes in every text field of commands, messages and forms, and cut or broken bodies: never a 5xx, nothing stored with a NUL, /healthz still answers', async () => {
    const { n } = await queueWorld(t);
    const NUL = 'écran\u0000noir';
    const statuses: number[] = [];
    for (const command of ['/ticket', '/tickets', '/helpdesk']) {
      for (const text of [NUL, `for ${NUL}`, `search ${NUL}`, `\u0000`, `role <@${ALICE}> \u0000`]) statuses.push((await t.command(command, ALICE, text)).status);
    }
    statuses.push((await t.command('/ticket', `U\u0000${ALICE}`, 'imprimante')).status);
    statuses.push((await t.command('/ticket', ALICE, 'imprimante', { channel: `D\u0000X` })).status);
    for (const text of [NUL, '\u0000', `#${n} ${NUL}`]) {
      statuses.push((await t.event({ type: 'message', channel_type: 'im', channel: `D${ALICE}`, user: ALICE, text, ts: `${Date.now() / 1000}` })).status);
      statuses.push((await t.event({ type: 'message', channel: QUEUE, user: THEO, text, ts: `${Date.now() / 1000}`, thread_ts: '1767000000.000001' })).status);
    }
    for (const value of [NUL, '\u0000']) {
      statuses.push((await t.interact({ type: 'view_submission', user: { id: ALICE }, view: { id: nextId('V'), callback_id: 'report_modal', private_metadata: '{}', state: { values: { title: { title: { value } }, description: { description: { value } }, urgency: { urgency: { selected_option: { value: 'medium' } } } } } } })).status);
      statuses.push((await t.interact({ type: 'view_submission', user: { id: THEO }, view: { id: nextId('V'), callback_id: 'note_modal', private_metadata: String(n), state: { values: { note: { note: { value } } } } } })).status);
    }
    // Correctly signed but broken bodies, then bodies cut in the middle (the socket closed).
    for (const [body, type] of [['payload=%7B%22type%22%3A%22block_act', 'application/x-www-form-urlencoded'], ['{"type":"event_callback","event":{"text":"\u0000', 'application/json'], ['command=%2Fticket&text=%00%00&user_id=', 'application/x-www-form-urlencoded'], ['\u0000\u0000', 'application/json']] as const) {
      statuses.push((await t.post(body, type)).status);
      const cut = await rawRequest(t.s.url, 'POST', '/slack/events', { 'content-type': type, ...sign(body) }, Buffer.from(body), { cut: true });
      if (cut.status !== null) statuses.push(cut.status);
    }
    await quiet(t);
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    expect((await fetch(`${t.s.url}/healthz`)).status).toBe(200);
    for (const table of ['tickets', 'comments', 'people']) {
      const [rows] = await t.s.t.db.sequelize.query(`SELECT * FROM ${table}`);
      expect([table, JSON.stringify(rows).includes('\\u0000')]).toEqual([table, false]);
    }
    const internal = [translate('fr', 'error.internal_error'), translate('en', 'error.internal_error')];
    expect(t.fake.calls.map((c) => String(c.body.text)).filter((x) => internal.includes(x))).toEqual([]);
  });
});
