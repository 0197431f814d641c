import { helpAdaptive } from '../../cards/help.adaptive';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { STATUSES } from '../../core/tickets/ticket.entity';
import { adaptiveProblems } from './adaptive-check';
import { bigTicket, categories, options, smallTicket, technicians } from './fixtures';

const TEAMS_MAX_BYTES = 40 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card), 'utf8');

describe('the Adaptive Card check finds broken cards', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown element', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }, 'UnknownElementType'],
    ['an invalid value', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', size: 'Huge' }] }, 'InvalidPropertyValue'],
    ['a duplicate input id', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }, 'DuplicateId'],
    ['a required input without label', { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a', isRequired: true }] }, 'RequiredInputsShouldHaveLabel'],
    ['another version', { type: 'AdaptiveCard', version: '1.2', body: [] }, 'not 1.5'],
  ])('%s', (_, card, expected) => {
    expect(adaptiveProblems(card).join('\n')).toContain(expected);
  });
});

describe.each(['fr', 'en'] as const)('every Adaptive card parses cleanly, is 1.5 and under 40 KB with a huge ticket (%s)', (locale) => {
  const check = (card: Record<string, unknown>) => {
    expect(adaptiveProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(size(card)).toBeLessThan(TEAMS_MAX_BYTES);
  };
  const manyTechnicians = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, name: `Technicien·ne ${i} ${'Ångström'.repeat(6)}` }));

  it.each(STATUSES)('the technician card, status %s', (status) => {
    for (const withActions of [true, false]) {
      for (const v of [bigTicket({ status }), bigTicket({ status, assignees: [] }), smallTicket({ status })]) {
        check(ticketCardAdaptive(v, options(locale, { withActions, technicians })));
        check(ticketCardAdaptive(v, options(locale, { withActions, technicians: manyTechnicians })));
        check(ticketCardAdaptive(v, options(locale, { withActions })));
      }
    }
  });

  it('the list of my tickets, with 25 huge tickets and with none', () => {
    check(myTicketsAdaptive(Array.from({ length: 25 }, (_, i) => bigTicket({ number: i + 1 })), options(locale)));
    check(myTicketsAdaptive([], options(locale)));
  });

  it('the report form, prefilled and empty', () => {
    const big = bigTicket();
    check(reportFormAdaptive({ locale, categories, prefill: { title: big.title, description: big.description, category: 'network', urgency: 'high' } }));
    check(reportFormAdaptive({ locale, categories: [], prefill: {} }));
  });

  it('the help', () => {
    check(helpAdaptive(locale));
  });
});
