import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector';
import { startTestServer, type TestServer } from '../support/server';
import { Sql } from '../../adapters/sequelize/sql';

const FROM = 'Helpdesk <helpdesk@corp.example>';

function mail(o: { from: string; subject: string; body: string; id: string; headers?: string; to?: string }): string {
  return [
    `From: ${o.from}`,
    `To: ${o.to ?? 'helpdesk@corp.example'}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${o.id}`,
    'MIME-Version: 1.0',
    ...(o.headers ? [o.headers] : []),
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    o.body,
    '',
  ].join('\r\n');
}

function withAttachment(o: { from: string; subject: string; id: string; body: string; file: Buffer }): string {
  const b = 'BOUNDARY-h15';
  const data = o.file.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${o.from}`, 'To: helpdesk@corp.example', `Subject: ${o.subject}`, `Message-ID: ${o.id}`, 'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`, '', `--${b}`, 'Content-Type: text/plain; charset=utf-8', '', o.body, `--${b}`,
    'Content-Type: application/octet-stream; name="dump.bin"', 'Content-Disposition: attachment; filename="dump.bin"', 'Content-Transfer-Encoding: base64', '',
    data, `--${b}--`, '',
  ].join('\r\n');
}

describe('mail intake over IMAP, against Dovecot (R1, R4, R12)', () => {
  let dovecot: Dovecot;
  let smtp: SmtpPeer;
  let slack: FakeSlack;
  let teams: FakeBotConnector;
  let s: TestServer;
  let imap: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpPeer();
    slack = await startFakeSlack();
    teams = await startFakeBotConnector();
    s = await startTestServer('sqlite', { env: { MAIL_INBOUND_URL: dovecot.url, SMTP_URL: smtp.url, MAIL_FROM: FROM, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'slack-secret', SLACK_API_URL: slack.apiUrl } });
    imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
  });
  afterAll(async () => {
    await imap.logout();
    await s.close();
    await slack.close();
    await teams.close();
    await smtp.close();
    await dovecot.stop();
  });

  const sql = () => new Sql(s.t.db.sequelize, s.t.db.dialect, null);
  const count = async (q: string) => Number((await sql().one<{ n: unknown }>(q))!.n);
  async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const handled = (n: number) => until(`${n} mails handled`, async () => (await count('SELECT COUNT(*) AS n FROM inbound_mails')) >= n);

  test('R1 R4: a new mail files #N and is answered in French; the same mail twice files once', async () => {
    const raw = mail({ from: 'Marie Dupont <marie@corp.example>', subject: 'Mon imprimante ne marche plus', body: "Bonjour,\nl'imprimante du 2e étage ne marche pas.\n\n-- \nMarie Dupont\nCompta", id: '<m1@corp.example>' });
    await imap.append('INBOX', raw);
    await imap.append('INBOX', raw);
    await handled(1);
    const [ack] = await smtp.waitFor(1);
    const t = await sql().one<{ id: number; title: string; description: string; source_channel: string }>('SELECT id, title, description, source_channel FROM tickets');
    expect(t).toMatchObject({ title: 'Mon imprimante ne marche plus', description: "Bonjour,\nl'imprimante du 2e étage ne marche pas.", source_channel: 'email' });
    expect(ack.to && JSON.stringify(ack.to)).toContain('marie@corp.example');
    expect(ack.text).toContain(`#${t!.id}`);
    expect(ack.text).toContain('Merci, votre demande est enregistrée');
    expect(ack.headers.get('auto-submitted')).toBe('auto-generated');
    // The second copy (another UID, the same Message-ID) is read and counted once.
    await until('both copies read', async () => s.running.mail!.state.read >= 2);
    expect(await count('SELECT COUNT(*) AS n FROM tickets')).toBe(1);
    expect(smtp.mails.length).toBe(1);
  });

  test('R1 R12: a reply becomes a public comment, quoted history cut, and reaches the Slack and Teams card threads', async () => {
    const ticket = Number((await sql().one<{ id: number }>('SELECT MAX(id) AS id FROM tickets'))!.id);
    const ack = smtp.mails[0];
    await s.t.uow.transaction(async (st) => {
      await st.chat.recordMessage({ ticketId: ticket, platform: 'slack', channelId: 'CTECH', messageTs: '111.222', threadTs: '111.222', kind: 'card' }, new Date());
      await st.chat.recordMessage({ ticketId: ticket, platform: 'teams', channelId: '19:tech@thread.tacv2', messageTs: 'card-1', threadTs: 'card-1', kind: 'card' }, new Date());
      await st.conversationRefs.save({ platform: 'teams', conversationId: '19:tech@thread.tacv2', conversationType: 'channel', serviceUrl: teams.serviceUrl, tenantId: 'tenant-1', botId: '28:helpdesk-bot', userId: null, teamId: '19:team@thread.tacv2', channelId: '19:tech@thread.tacv2' }, new Date());
    });
    const reply = mail({
      from: 'marie@corp.example', to: `helpdesk+${ticket}@corp.example`, subject: `Re: ${ack.subject}`, id: '<m2@corp.example>',
      headers: `In-Reply-To: ${ack.messageId}\r\nReferences: ${ack.messageId}`,
      body: `Toujours en panne ce matin.\n\nLe 4 déc. 2026 à 10:00, Helpdesk <helpdesk@corp.example> a écrit :\n> Merci, votre demande est enregistrée`,
    });
    await imap.append('INBOX', reply);
    await handled(2);
    const c = await sql().one<{ body: string; internal: unknown; channel: string }>('SELECT body, internal, channel FROM comments WHERE ticket_id = ?', [ticket]);
    expect(c).toMatchObject({ body: 'Toujours en panne ce matin.', channel: 'email' });
    expect(Number(c!.internal)).toBe(0);
    const posted = await slack.waitFor('chat.postMessage', (b) => b.thread_ts === '111.222');
    expect(posted[0].body.text).toContain('Toujours en panne ce matin.');
    const [inThread] = await teams.waitFor((c) => c.method === 'POST' && c.conversationId === '19:tech@thread.tacv2' && c.activityId === 'card-1');
    expect(inThread.body.text).toContain('Toujours en panne ce matin.');
    expect(await count('SELECT COUNT(*) AS n FROM tickets')).toBe(1);
  });

  test('R4: an auto-reply and a bounce file nothing and send nothing (no mail loops)', async () => {
    const sent = smtp.mails.length;
    const tickets = await count('SELECT COUNT(*) AS n FROM tickets');
    const before = await count('SELECT COUNT(*) AS n FROM inbound_mails');
    await imap.append('INBOX', mail({ from: 'paul@corp.example', subject: 'Absence du bureau', body: 'Je suis absent.', id: '<auto1@corp.example>', headers: 'Auto-Submitted: auto-replied' }));
    await imap.append('INBOX', mail({ from: 'MAILER-DAEMON@mx.corp.example', subject: 'Undelivered Mail Returned to Sender', body: 'This is the mail system.', id: '<bounce1@mx.corp.example>' }));
    await handled(before + 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('SELECT COUNT(*) AS n FROM tickets')).toBe(tickets);
    expect(smtp.mails.length).toBe(sent);
    expect(await count("SELECT COUNT(*) AS n FROM inbound_mails WHERE outcome = 'ignored'")).toBe(2);
  });

  test('R1: an English mail with a 10 MB attachment keeps the file and is answered in English; a stranger domain is refused politely', async () => {
    const file = Buffer.alloc(10_000_000, 7);
    file.write('helpdesk-attachment-check', 0);
    const before = await count('SELECT COUNT(*) AS n FROM inbound_mails');
    await imap.append('INBOX', withAttachment({ from: 'John Smith <john@corp.example>', subject: 'My screen is broken', id: '<e1@corp.example>', body: 'Hello, my screen is broken, please help.', file }));
    await handled(before + 1, );
    const t = await sql().one<{ id: number }>("SELECT id FROM tickets WHERE title = 'My screen is broken'");
    const a = await sql().one<{ size: unknown; data: Buffer }>('SELECT size, data FROM attachments WHERE ticket_id = ?', [t!.id]);
    expect(Number(a!.size)).toBe(10_000_000);
    expect(Buffer.from(a!.data).equals(file)).toBe(true);
    const acks = await smtp.waitFor(2, 20000);
    const en = acks.find((m) => JSON.stringify(m.to).includes('john@corp.example'))!;
    expect(en.text).toContain(`Thank you, your request is recorded as #${t!.id}`);
    await imap.append('INBOX', mail({ from: 'eve@elsewhere.example', subject: 'Hello', body: 'Please reset my password', id: '<x1@elsewhere.example>' }));
    const refused = await until('refusal', async () => smtp.mails.find((m) => JSON.stringify(m.to).includes('eve@elsewhere.example')));
    expect(refused.text).toContain('only takes requests from company addresses');
    expect(await count("SELECT COUNT(*) AS n FROM people WHERE email = 'eve@elsewhere.example'")).toBe(0);
  });
});
