import { TEST_DATABASES, type TestDbName } from '../support/db';
import { ConversationWorld, startConversationWorld, TEAMS_CHANNEL } from '../support/conversation-world';
import { createArticle } from '../../core/kb/create-article.service';
import { actorForPerson } from '../../core/people/actor-for-person';
import { converse } from '../../core/chat/conversation.service';
import { helpLines } from '../../core/chat/conversation.words';
import { TALK_PLATFORMS } from '../../core/chat/chat-reply';
import { helpSections } from '../../cards/help.content';

/**
 * The drifts the three copies of the conversation had, each gone and held by a test (R1 R2 R8 R15):
 * the same deflection rule, the same report, a help card that lists only what works, `ticket for` on
 * every platform where staff type, and greetings answered as such.
 */
describe.each(TEST_DATABASES)('conversation drifts, gone (R1 R2 R8 R15) on %s', (db: TestDbName) => {
  let w: ConversationWorld;
  beforeAll(async () => {
    w = await startConversationWorld(db);
  });
  afterAll(() => w?.close());
  const count = async (sql: string, ...replacements: unknown[]) => Number(((await w.s.t.db.sequelize.query(sql, { replacements, plain: true })) as { n: number | string }).n);

  it('deflection is the articlesForProblem rule on Teams too: a technician-only article is never offered before filing, on any platform', async () => {
    const deps = w.s.running.deps;
    const admin = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(w.who('admin', 'fr').id))!, 'api');
    await createArticle(deps, admin, { title: 'Onduleur en alarme : procédure interne', body: 'Couper la baie, basculer sur le secours.', language: 'fr', audience: 'technicians', publish: true });
    const tech = w.who('technician', 'fr');
    // searchArticles would show this article to a technician; the deflection rule never does.
    for (const said of [await w.onSlack(tech, 'dm', 'onduleur en alarme'), await w.onTeams(tech, 'personal', 'onduleur en alarme'), await w.onWeb(tech, 'onduleur en alarme')]) {
      expect(said).not.toContain('Onduleur en alarme : procédure interne');
      expect(said).toMatch(/file_ticket|report_issue/);
    }
    // Asked for by name (`kb`), staff do find it: the search rule, not the deflection one.
    expect(await w.onTeams(tech, 'personal', 'kb onduleur')).toContain('Onduleur en alarme : procédure interne');
  });

  it('`report` is the stored report with its chart on Slack, Teams and the web alike', async () => {
    const manager = w.who('manager', 'en');
    const before = await count('SELECT COUNT(*) AS n FROM stored_reports');
    for (const said of [await w.onSlack(manager, 'helpdesk', 'report monthly'), await w.onTeams(manager, 'personal', 'report monthly'), await w.onWeb(manager, 'report monthly')]) {
      expect(said).toMatch(/\/reports\/\d+\/[^/"]+\/chart\.png/);
      expect(said).toMatch(/Monthly report/);
    }
    // Kept once, like a scheduled one: three asks for the same period and scope are one stored report.
    expect(await count('SELECT COUNT(*) AS n FROM stored_reports')).toBe(before + 1);
  });

  it('`ticket <text>` works on Teams as its help card says: the ticket is titled with the words, not "ticket …"', async () => {
    const alice = w.who('employee', 'fr');
    const said = await w.onTeams(alice, 'personal', 'ticket écran noir au réveil');
    const n = Number(/Ticket #(\d+) créé/.exec(said)![1]);
    expect(await count('SELECT COUNT(*) AS n FROM tickets WHERE id = ? AND title = ?', n, 'écran noir au réveil')).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM tickets WHERE title LIKE 'ticket %'")).toBe(0);
  });

  it('the web bot files `ticket for …` for the caller, and answers search and report, as its help card says', async () => {
    const tech = w.who('technician', 'en');
    const said = await w.onWeb(tech, 'ticket for appelant@exemple.fr badge refused at the door');
    const n = Number(/Ticket #(\d+) filed for/.exec(said)![1]);
    const row = (await w.s.t.db.sequelize.query('SELECT requester_id, created_by_id FROM tickets WHERE id = ?', { replacements: [n], plain: true })) as { requester_id: number; created_by_id: number };
    const caller = await w.s.t.uow.read.people.find({ by: 'email', value: 'appelant@exemple.fr' });
    expect(row).toEqual({ requester_id: caller!.id, created_by_id: tech.id });
    expect(await w.onWeb(tech, 'search badge')).toContain(`#${n}`);
    expect(await w.onWeb(w.who('admin', 'en'), 'report weekly')).toContain('chart.png');
    const help = await w.onWeb(tech, 'help');
    for (const words of ['ticket for', 'search', 'report [weekly|monthly]']) expect(help).toContain(words);
    // A browser tab is no channel: `setup` is neither listed nor answered as if it worked.
    expect(help).not.toContain('setup technicians');
    expect(await w.onWeb(w.who('admin', 'en'), 'setup managers')).toContain('typed in a Teams or Slack channel');
  });

  it('"bonjour" and "merci" are answered as such on every platform, never offered as a ticket', async () => {
    const alice = w.who('employee', 'fr');
    const before = await count('SELECT COUNT(*) AS n FROM tickets');
    for (const text of ['bonjour', 'Bonjour !', 'salut', 'merci', 'merci beaucoup !']) {
      for (const said of [await w.onSlack(alice, 'dm', text), await w.onTeams(alice, 'personal', text), await w.onWeb(alice, text)]) {
        expect(said).not.toMatch(/file_ticket|report_issue|Je peux ouvrir un ticket/);
        expect(said).toMatch(/Bonjour employee|Avec plaisir/);
      }
    }
    // In a Teams channel, an @mention greeting too.
    expect(await w.onTeams(alice, 'channel', 'bonjour')).toContain('Bonjour employee');
    expect(await count('SELECT COUNT(*) AS n FROM tickets')).toBe(before);
  });

  it('each help card lists exactly the words that work on its platform: every listed word is answered there', async () => {
    const deps = w.s.running.deps;
    const admin = await actorForPerson(deps, deps.uow.read, (await deps.uow.read.people.get(w.who('admin', 'en').id))!, 'api');
    let groups = 0;
    const fill = (syntax: string) =>
      syntax
        .replace(/^\/helpdesk\s*/, '')
        .replace(/^\/tickets$/, 'tickets')
        .replace(/^\/ticket/, 'ticket')
        .replace('[weekly|monthly] [<service>]', 'weekly')
        .replace('[hourly] [email|sms|chat] [quiet]', 'hourly')
        .replace(/<@person\|e-mail>/, 'appelant@exemple.fr')
        .replace(/<@person\|e-mail\|phone>/, 'appelant@exemple.fr')
        .replace('manager|admin|employee', 'employee')
        .replace('manager|admin', 'manager')
        .replace('<group>', () => `IT-Group-${++groups}`)
        .replace('<service>', 'support')
        .replace(/\[text\]|<text>|text$/, 'printer')
        .replace('<describe the problem in a few words>', 'my printer is stuck');
    for (const platform of TALK_PLATFORMS) {
      const channel = platform === 'web' ? null : { teamId: null, channelId: platform === 'slack' ? 'CHELP0001' : TEAMS_CHANNEL };
      const listed = helpLines(platform).flatMap((h) => h.syntax(platform, 'en'));
      expect(helpSections('en', platform).flatMap((s) => s.entries.flatMap((e) => e.syntax)).sort()).toEqual([...listed].sort());
      for (const syntax of listed) {
        const text = fill(syntax);
        const via = syntax.startsWith('/ticket ') || syntax === '/ticket [text]' ? 'ticket' : syntax.startsWith('/helpdesk') ? 'helpdesk' : 'direct';
        const replies = await converse(deps, admin, via === 'ticket' ? text.replace(/^ticket\s*/, '') : text, { platform, via, channel }, { publicUrl: 'https://helpdesk.example.test', timeZone: 'Europe/Paris' });
        const kinds = replies.map((r) => (r.kind === 'say' ? r.text.slice(0, 40) : r.kind));
        // Listed words are understood: never the help card by default (but `help` itself), never "not here", never a usage line.
        if (!/^(help|\/helpdesk)$/.test(syntax)) expect({ syntax, kinds }).not.toEqual({ syntax, kinds: ['help'] });
        expect({ syntax, kinds }).not.toEqual({ syntax, kinds: [expect.stringMatching(/^(Usage|This command is typed)/)] });
      }
    }
    // And what a platform does not answer is not on its card.
    expect(helpLines('web').flatMap((h) => h.syntax('web', 'en'))).not.toContain('setup managers');
  });
});
