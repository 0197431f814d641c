import { helpAdaptive } from '../../cards/help.adaptive';
import { helpBlocks } from '../../cards/help.blocks';
import { allText } from './texts';

describe('the chat help uses the words of CONTRACT.md in the person’s language', () => {
  it.each([
    ['fr', 'mes tickets', 'Administrateurs', 'signaler un problème'],
    ['en', 'my tickets', 'Administrators', 'report a problem'],
  ] as const)('%s', (locale, myTickets, admins, report) => {
    const slack = allText(helpBlocks(locale));
    const teams = allText(helpAdaptive(locale));
    for (const words of [myTickets, admins, report]) {
      expect(slack).toContain(words);
      expect(teams).toContain(words);
    }
    for (const command of ['`/ticket [', '`/ticket for &lt;@', '`/tickets`', '`/helpdesk setup technicians &lt;service&gt;`', '`/helpdesk setup managers`', '`/helpdesk role &lt;@']) {
      expect(slack).toContain(command);
    }
    for (const words of ['**ticket [', '**ticket for ‹@', '**tickets**', '**setup technicians ‹service›**', '**setup managers**', '**role ‹@', 'manager|admin|employee']) {
      expect(teams).toContain(words);
    }
    expect(teams).not.toContain('/helpdesk');
  });
});
