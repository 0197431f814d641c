import { isAutomatic, languageOf, ownWords, ticketNumberOf } from '../../core/mail/mail-reading';
import type { InboundMail } from '../../core/mail/mail.port';
import { loadSettings } from '../../adapters/config/settings';

const OWN = ['helpdesk@corp.example'];
const m = (o: Partial<InboundMail>): InboundMail => ({
  mailbox: 'imap://x', uid: '1:1', messageId: '<a@b>', inReplyTo: null, references: [], from: { address: 'marie@corp.example', name: 'Marie' },
  to: ['helpdesk@corp.example'], subject: 'Hello', text: 'body', headers: {}, attachments: [], language: null, ...o,
});

describe('reading an inbound mail (R1, R4: no mail loops)', () => {
  test.each([
    ['Auto-Submitted: auto-replied', { headers: { 'auto-submitted': 'auto-replied' } }],
    ['Precedence: bulk', { headers: { precedence: 'bulk' } }],
    ['Precedence: list', { headers: { precedence: 'list' } }],
    ['Precedence: junk', { headers: { precedence: 'junk' } }],
    ['X-Autoreply', { headers: { 'x-autoreply': 'yes' } }],
    ['a mailing list (List-Id)', { headers: { 'list-id': '<it.corp.example>' } }],
    ['a delivery report', { headers: { 'content-type': 'multipart/report; report-type=delivery-status' } }],
    ['mailer-daemon', { from: { address: 'MAILER-DAEMON@mx.corp.example', name: null } }],
    ['postmaster', { from: { address: 'postmaster@corp.example', name: null } }],
    ['our own From', { from: { address: 'helpdesk@corp.example', name: 'Helpdesk' } }],
    ['our own From with a ticket tag', { from: { address: 'helpdesk+12@corp.example', name: null } }],
  ] as Array<[string, Partial<InboundMail>]>)('R4: %s is a machine’s mail', (_name, over) => {
    expect(isAutomatic(m(over), OWN)).toBe(true);
  });

  test('R1: a person’s mail (Auto-Submitted: no) is not', () => {
    expect(isAutomatic(m({ headers: { 'auto-submitted': 'no' } }), OWN)).toBe(false);
  });

  test('R1: the ticket comes from helpdesk+N@, then In-Reply-To/References of our mails, then [#N] in the subject', () => {
    expect(ticketNumberOf(m({ to: ['helpdesk+42@corp.example'] }), OWN)).toBe(42);
    expect(ticketNumberOf(m({ to: ['helpdesk+42@other.example'] }), OWN)).toBeNull();
    expect(ticketNumberOf(m({ inReplyTo: '<ticket-7.1b2c@corp.example>' }), OWN)).toBe(7);
    expect(ticketNumberOf(m({ references: ['<x@y>', '<ticket-8.zz@corp.example>'] }), OWN)).toBe(8);
    expect(ticketNumberOf(m({ subject: 'RE: [Ticket #9] Imprimante' }), OWN)).toBe(9);
    expect(ticketNumberOf(m({ subject: 'Re: suite [#10]' }), OWN)).toBe(10);
    expect(ticketNumberOf(m({ subject: 'Commande #11 livrée' }), OWN)).toBeNull();
  });

  test('R1: quoted history and signatures are cut, in French and English', () => {
    expect(ownWords('Toujours en panne.\n\nLe lun. 4 déc. 2026 à 10:00, Helpdesk <h@x> a écrit :\n> avant')).toBe('Toujours en panne.');
    expect(ownWords('Still broken.\r\n\r\nOn Mon, Dec 4, 2026 at 10:00 AM Helpdesk <h@x> wrote:\r\n> before')).toBe('Still broken.');
    expect(ownWords('Fixed, thanks.\n-- \nJohn Smith\nAccounting')).toBe('Fixed, thanks.');
    expect(ownWords('Ok\n-----Original Message-----\nFrom: x')).toBe('Ok');
    expect(ownWords('> quoted only\nmine')).toBe('mine');
  });

  test('R1: a stranger is answered in the language of their mail', () => {
    expect(languageOf(m({ subject: 'Mon imprimante ne marche pas', text: 'Bonjour, merci' }))).toBe('fr');
    expect(languageOf(m({ subject: 'My printer is broken', text: 'Hello, thanks' }))).toBe('en');
    expect(languageOf(m({ language: 'en-GB', text: 'Bonjour' }))).toBe('en');
  });
});

describe('mail and Graph settings, validated at start (R6)', () => {
  test.each([
    [{ MAIL_INBOUND_URL: 'pop3://u:p@h/INBOX' }, 'MAIL_INBOUND_URL'],
    [{ MAIL_INBOUND_URL: 'graph:not-an-address' }, 'MAIL_INBOUND_URL'],
    [{ MAIL_INBOUND_URL: 'graph:helpdesk@corp.example' }, 'MAIL_INBOUND_URL'],
    [{ GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' }, 'GRAPH_CLIENT_SECRET'],
    [{ GRAPH_API_URL: 'graph.microsoft.com' }, 'GRAPH_API_URL'],
  ])('%j stops the start naming %s', (env, named) => {
    expect(() => loadSettings(env)).toThrow(new RegExp(`^Invalid setting ${named}: `));
  });

  test('imap, imaps and graph mailboxes are accepted', () => {
    expect(loadSettings({ MAIL_INBOUND_URL: 'imap://u:p@127.0.0.1:143/INBOX' }).MAIL_INBOUND_URL).toContain('imap://');
    expect(loadSettings({ MAIL_INBOUND_URL: 'imaps://u%40x.fr:p@mail.x.fr:993/INBOX' }).MAIL_INBOUND_URL).toContain('imaps://');
    expect(loadSettings({ MAIL_INBOUND_URL: 'graph:helpdesk@corp.example', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' }).MAIL_INBOUND_URL).toBe('graph:helpdesk@corp.example');
  });
});
