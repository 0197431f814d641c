import { parseDirectMessage, parseHelpdeskCommand, parseTicketCommand, personRefOf, relayRule, stripBotMention, titleFrom } from '../../../core/chat/chat-command';

/** The chat words of CONTRACT.md, French and English, the same for Slack and Teams (R1, R2). */
describe('chat command parser (R1 R2)', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['aide', { kind: 'help' }],
    ['my tickets', { kind: 'my_tickets' }],
    ['Mes  tickets', { kind: 'my_tickets' }],
    ['setup technicians Support poste', { kind: 'setup', purpose: 'technicians', service: 'Support poste' }],
    ['setup techniciens réseau', { kind: 'setup', purpose: 'technicians', service: 'réseau' }],
    ['setup managers', { kind: 'setup', purpose: 'managers' }],
    ['setup responsables', { kind: 'setup', purpose: 'managers' }],
    ['setup technicians', { kind: 'usage', command: 'setup' }],
    ['setup nothing', { kind: 'usage', command: 'setup' }],
    ['role <@U123ABC|theo> technician Support', { kind: 'role', person: '<@U123ABC|theo>', role: 'technician', service: 'Support' }],
    ['rôle theo@exemple.fr technicien réseau', { kind: 'role', person: 'theo@exemple.fr', role: 'technician', service: 'réseau' }],
    ['role bob@exemple.fr manager', { kind: 'role', person: 'bob@exemple.fr', role: 'manager' }],
    ['role bob@exemple.fr responsable', { kind: 'role', person: 'bob@exemple.fr', role: 'manager' }],
    ['role bob@exemple.fr admin', { kind: 'role', person: 'bob@exemple.fr', role: 'admin' }],
    ['role bob@exemple.fr employé', { kind: 'role', person: 'bob@exemple.fr', role: 'employee' }],
    ['role bob@exemple.fr employee Support', { kind: 'role', person: 'bob@exemple.fr', role: 'employee' }],
    ['role bob@exemple.fr king', { kind: 'usage', command: 'role' }],
    ['role', { kind: 'usage', command: 'role' }],
    ['what is this', { kind: 'help' }],
  ])('/helpdesk %j', (text, intent) => {
    expect(parseHelpdeskCommand(text)).toEqual(intent);
  });

  it.each([
    ['', { kind: 'report', text: '' }],
    ['mon imprimante ne marche plus', { kind: 'report', text: 'mon imprimante ne marche plus' }],
    ['for <@U0ALICE1|alice> son PC ne démarre plus', { kind: 'report_for', person: '<@U0ALICE1|alice>', text: 'son PC ne démarre plus' }],
    ['pour alice@exemple.fr badge refusé', { kind: 'report_for', person: 'alice@exemple.fr', text: 'badge refusé' }],
    ['for +33612345678 téléphone muet', { kind: 'report_for', person: '+33612345678', text: 'téléphone muet' }],
    ['for <@U0ALICE1>', { kind: 'usage', command: 'for' }],
    ['for', { kind: 'usage', command: 'for' }],
    // "for" followed by an ordinary word is a description, not a caller.
    ['for some reason the VPN drops', { kind: 'report', text: 'for some reason the VPN drops' }],
    ['pour info le wifi est lent', { kind: 'report', text: 'pour info le wifi est lent' }],
  ])('/ticket %j', (text, intent) => {
    expect(parseTicketCommand(text)).toEqual(intent);
  });

  it.each([
    ['my tickets', { kind: 'my_tickets' }],
    ['mes tickets', { kind: 'my_tickets' }],
    ['aide', { kind: 'help' }],
    ['  ', { kind: 'help' }],
    ['le wifi est lent', { kind: 'report', text: 'le wifi est lent' }],
    ['setup managers', { kind: 'setup', purpose: 'managers' }],
  ])('direct message %j', (text, intent) => {
    expect(parseDirectMessage(text)).toEqual(intent);
  });

  it.each([
    ['<@UBOT123> le wifi est lent', 'UBOT123', 'le wifi est lent'],
    ['<@UBOT123|helpdesk>   mes tickets', 'UBOT123', 'mes tickets'],
    ['<at>Helpdesk</at> my tickets', undefined, 'my tickets'],
    ['ask <@UOTHER1> about it', 'UBOT123', 'ask <@UOTHER1> about it'],
  ])('strips the bot mention from %j', (text, bot, expected) => {
    expect(stripBotMention(text, bot)).toBe(expected);
  });

  it.each([
    ['[internal] toner HS', { internal: true, body: 'toner HS' }],
    ['[Interne] à commander', { internal: true, body: 'à commander' }],
    ['[note] rappel', { internal: true, body: 'rappel' }],
    ['Je passe à 14h [internal]', { internal: false, body: 'Je passe à 14h [internal]' }],
    ['  bonjour  ', { internal: false, body: 'bonjour' }],
  ])('relay rule for %j', (text, rule) => {
    expect(relayRule(text)).toEqual(rule);
  });

  it.each([
    ['<@U0ALICE1|alice>', 'U0ALICE1'],
    ['<@U0ALICE1>', 'U0ALICE1'],
    ['alice@exemple.fr', 'alice@exemple.fr'],
    ['0612345678', '0612345678'],
  ])('person reference %j', (ref, expected) => {
    expect(personRefOf(ref)).toBe(expected);
  });

  it('titles take the first line, cut at 120 characters with an ellipsis', () => {
    expect(titleFrom('Écran noir\ndepuis ce matin')).toBe('Écran noir');
    const long = 'x'.repeat(300);
    expect(titleFrom(long)).toHaveLength(120);
    expect(titleFrom(long).endsWith('…')).toBe(true);
  });
});
