import { ACTIONS } from '../../cards/actions';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { executeActions } from './adaptive-check';
import { options, PUBLIC_URL, smallTicket } from './fixtures';
import { allText, ofType } from './texts';

const mine = [
  smallTicket({ number: 1, title: 'Écran noir', status: 'new' }),
  smallTicket({
    number: 2,
    title: 'VPN <lent> & instable',
    status: 'in_progress',
    ownedAt: new Date('2026-11-24T09:00:00Z'),
    assignees: [{ id: 100, name: 'Thomas Tech' }],
    overdue: true,
  }),
  smallTicket({ number: 3, title: 'Badge', status: 'resolved', resolvedAt: new Date('2026-11-20T10:30:00Z') }),
];
const many = Array.from({ length: 23 }, (_, i) => smallTicket({ number: i + 1, title: `Ticket ${i + 1}` }));

describe.each([
  ['fr', ['Nouveau', 'En cours', 'Résolu'], 'personne', 'Résolution avant le 26 nov. 2026, 16:00', 'Résolu le 20 nov. 2026, 11:30', 'En retard', 'Vous n’avez aucun ticket', '… et 3 de plus'],
  ['en', ['New', 'In progress', 'Resolved'], 'nobody', 'Resolve by 26 Nov 2026, 16:00', 'Resolved on 20 Nov 2026, 11:30', 'Overdue', 'You have no tickets', '… and 3 more'],
] as const)('my tickets in %s', (locale, statuses, nobody, due, resolvedOn, overdue, empty, more) => {
  const renderings = (items = mine, extra = {}) => [allText(myTicketsBlocks(items, options(locale, extra))), allText(myTicketsAdaptive(items, options(locale, extra)))];

  it('lists status, assignees, deadline and the overdue flag of each, with its link', () => {
    for (const text of renderings()) {
      for (const s of statuses) expect(text).toContain(s);
      expect(text).toContain('Thomas Tech');
      expect(text).toContain(nobody);
      expect(text).toContain(due);
      expect(text).toContain(resolvedOn);
      expect(text).toContain(overdue);
      expect(text).toContain(`${PUBLIC_URL}/tickets/2`);
    }
  });

  it('says so when there is none', () => {
    for (const text of renderings([])) expect(text).toContain(empty);
  });

  it('shows 20 and counts the rest', () => {
    for (const text of renderings(many)) {
      expect(text).toContain('Ticket 20');
      expect(text).not.toContain('Ticket 21');
      expect(text).toContain(more);
    }
  });
});

describe('my tickets actions', () => {
  it('Slack: an Open button carrying the number, only with actions; titles escaped', () => {
    const { blocks } = myTicketsBlocks(mine, options('fr'));
    expect(ofType(blocks, 'button').map((b) => [b.action_id, b.value])).toEqual([
      [ACTIONS.openTicket, '1'],
      [ACTIONS.openTicket, '2'],
      [ACTIONS.openTicket, '3'],
    ]);
    expect(allText(blocks)).toContain('VPN &lt;lent&gt; &amp; instable');
    expect(ofType(myTicketsBlocks(mine, options('fr', { withActions: false })).blocks, 'button')).toEqual([]);
  });

  it('Teams: each row opens its ticket, only with actions', () => {
    expect(executeActions(myTicketsAdaptive(mine, options('en'))).map((a) => [a.verb, a.data.ticket])).toEqual([
      [ACTIONS.openTicket, 1],
      [ACTIONS.openTicket, 2],
      [ACTIONS.openTicket, 3],
    ]);
    expect(executeActions(myTicketsAdaptive(mine, options('en', { withActions: false })))).toEqual([]);
  });
});
