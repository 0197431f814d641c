/**
 * Content (issue 5 §5, R4): each message carries the number, title, status, technician, next
 * deadline and link in the reader's language; SMS stay within two segments, French accents kept
 * in GSM-7 where it has them and folded where it does not.
 */
import { fitSms, isGsm7, smsLength, smsSegments } from '../../core/notifications/sms-text';
import { renderMessage } from '../../core/notifications/render';
import type { OutboxEntry } from '../../core/notifications/outbox.port';

const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  id: 1, channel: 'email', address: 'a@example.com', personId: 1, locale: 'fr', event: 'status_changed', ticketId: 42, urgent: false,
  params: { number: 42, title: 'Wi-Fi coupé', status: 'in_progress', priority: 2, tech: ['Zoé Ménard'], due: '2026-01-14T16:00:00.000Z' },
  dedupeKey: null, state: 'sending', attempts: 0, notBefore: new Date(), digestAt: null, lastError: null, sentAt: null, createdAt: new Date(), ...over,
});
const opts = { defaultLocale: 'en' as const, publicUrl: 'https://hd.example.com/', timeZone: 'Europe/Paris' };

describe('SMS length', () => {
  it('keeps é è à ù in GSM-7, folds ê ç œ « » and counts extension characters twice', () => {
    expect(isGsm7('Réparé à l’étage où')).toBe(false); // the curly apostrophe
    expect(fitSms('Réparé à l’étage où « fenêtre » ça')).toBe('Réparé à l\'étage où "fenetre" ca');
    expect(smsLength('€[]').units).toBe(6);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('語'.repeat(70))).toBe(1);
    expect(smsSegments('語'.repeat(71))).toBe(2);
  });

  it('cuts a long text to two segments with "..." in GSM-7 (306) and in UCS-2 (134)', () => {
    const long = fitSms('Le serveur de fichiers ne répond plus. '.repeat(20));
    expect(long.endsWith('...')).toBe(true);
    expect(smsLength(long)).toEqual({ encoding: 'GSM-7', units: expect.any(Number) });
    expect(smsLength(long).units).toBeLessThanOrEqual(306);
    expect(smsSegments(long)).toBe(2);
    const cjk = fitSms('東京オフィスのプリンター'.repeat(20));
    expect(smsLength(cjk).encoding).toBe('UCS-2');
    expect(smsLength(cjk).units).toBeLessThanOrEqual(134);
    expect(smsSegments(cjk)).toBe(2);
  });
});

describe('rendering', () => {
  it('French: subject, status, technician, deadline in Paris time, link, reply hint, HTML escaped', () => {
    const m = renderMessage(entry({ params: { ...entry({}).params, title: 'Wi-Fi <coupé>' } }), opts);
    expect(m.subject).toBe('[Ticket #42] Wi-Fi <coupé>');
    expect(m.text.split('\n')).toEqual([
      'Ticket #42 « Wi-Fi <coupé> » : En cours.',
      'Statut : En cours. Technicien : Zoé Ménard. Prochaine échéance : 14 janv. 2026, 17:00.',
      'Voir le ticket : https://hd.example.com/tickets/42',
      '',
      'Répondez à ce message pour ajouter un commentaire au ticket.',
    ]);
    expect(m.html).toContain('Wi-Fi &lt;coupé&gt;');
    expect(m.html).not.toContain('<coupé>');
    expect(m.chat).toBe('Ticket #42 « Wi-Fi <coupé> » : En cours. Technicien : Zoé Ménard. Échéance : 14 janv. 2026, 17:00.');
    expect(m.ticketNumber).toBe(42);
  });

  it('English when the person has no language of their own and the deployment says en', () => {
    const m = renderMessage(entry({ locale: null, params: { ...entry({}).params, tech: [] } }), opts);
    expect(m.locale).toBe('en');
    expect(m.text).toContain('Status: In progress. Technician: nobody. Next deadline: 14 Jan 2026, 17:00.');
  });

  it('a digest lists each change with its link', () => {
    const items = [entry({}), entry({ event: 'comment_added', params: { ...entry({}).params, author: 'Zoé', body: 'Redémarrez' } })].map((e) => ({ event: e.event, ticketId: e.ticketId, params: e.params }));
    const m = renderMessage(entry({ event: 'digest', ticketId: null, params: { items, from: '2026-01-13T09:00:00.000Z', to: '2026-01-13T10:00:00.000Z' } }), opts);
    expect(m.subject).toBe('Vos tickets : 2 changement(s) de 13 janv. 2026, 10:00 à 13 janv. 2026, 11:00');
    expect(m.text.split('\n')).toHaveLength(3);
    expect(m.text).toContain('- Ticket #42 « Wi-Fi coupé » : nouvelle réponse de Zoé : Redémarrez Statut : En cours.');
  });
});
