import { renderMessage } from '../../core/notifications/render';
import type { OutboxEntry } from '../../core/notifications/outbox.port';

/**
 * Messages of the SLA engine and the automation rules (issue 6) read in the recipient's language,
 * whatever the deployment's: the catalogue sentence, the clock named, the deadline written as a date.
 */
const entry = (o: Partial<OutboxEntry>): OutboxEntry => ({
  id: 1, channel: 'email', address: 'x@example.test', personId: 7, locale: 'en', event: 'sla_escalation', ticketId: 42, urgent: true,
  params: {}, dedupeKey: null, state: 'pending', notBefore: new Date(), digestAt: null, attempts: 0, lastError: null, sentAt: null, createdAt: new Date(), ...o,
});
const options = { defaultLocale: 'fr' as const, publicUrl: 'https://helpdesk.example.com', timeZone: 'Europe/Paris' };
// What the SLA sweep writes: the numbers, and a finished French sentence for renderers that know nothing better.
const params = { number: 42, title: 'VPN coupé', clock: 'resolve', level: 'escalation', dueAt: '2026-11-19T09:00:00.000Z', text: 'Escalade : ticket #42 « VPN coupé », échéance (résolution) dépassée depuis 2026-11-19T09:00:00.000Z.' };

describe('rendering SLA and automation events (R4, R10)', () => {
  it('an English reader gets the English sentence with the clock named and the deadline as a date', () => {
    const m = renderMessage(entry({ params }), options);
    expect(m.locale).toBe('en');
    expect(m.text.split('\n')[0]).toBe('Escalation: ticket #42 "VPN coupé", time to resolve deadline passed since 19 Nov 2026, 10:00.');
    expect(m.subject).toContain('#42');
    expect(m.html).toContain('https://helpdesk.example.com/tickets/42');
  });

  it('a French reader gets the French sentence; an event nobody wrote a sentence for keeps the one it brought', () => {
    expect(renderMessage(entry({ locale: 'fr', params }), options).text.split('\n')[0]).toBe('Escalade : ticket #42 « VPN coupé », échéance (résolution) dépassée depuis 19 nov. 2026, 10:00.');
    const custom = renderMessage(entry({ event: 'report_ready', ticketId: null, params: { text: 'Weekly report ready' } }), options);
    expect(custom.text.split('\n')[0]).toBe('Weekly report ready');
  });
});
