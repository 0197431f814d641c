import { ACTIONS } from '../../cards/actions';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { ticketCardBlocks } from '../../cards/ticket.blocks';
import { KB_ACTIONS, TICKET_EXTRA_ACTIONS } from '../../cards/kb.actions';
import { executeActions } from './adaptive-check';
import { bigTicket, options, PUBLIC_URL, smallTicket, technicians } from './fixtures';
import { allText, ofType } from './texts';

const assigned = smallTicket({
  status: 'in_progress',
  priority: 1,
  ownedAt: new Date('2026-11-24T09:00:00Z'),
  assignees: [
    { id: 100, name: 'Thomas Tech' },
    { id: 101, name: 'Éloïse Ångström' },
  ],
});

describe.each([
  ['fr', 'En cours', 'P1 critique', 'Demandeur', 'Matériel', 'En retard', '26 nov. 2026, 16:00'],
  ['en', 'In progress', 'P1 critical', 'Requester', 'Matériel', 'Overdue', '26 Nov 2026, 16:00'],
] as const)('the technician card in %s', (locale, status, priority, requesterLabel, category, overdue, due) => {
  const renderings = (v = assigned, extra = {}) => [
    ['Slack', allText(ticketCardBlocks(v, options(locale, extra)))],
    ['Teams', allText(ticketCardAdaptive(v, options(locale, extra)))],
  ];

  it('shows number, title, requester, category, status and priority labels, assignees, deadline in Paris time and the web link', () => {
    for (const [, text] of renderings()) {
      expect(text).toContain('#42 Imprimante du 2e étage en panne');
      expect(text).toContain(requesterLabel);
      expect(text).toContain('Rita Requester');
      expect(text).toContain(category);
      expect(text).toContain(status);
      expect(text).toContain(priority);
      expect(text).toContain('Thomas Tech, Éloïse Ångström');
      expect(text).toContain(due);
      expect(text).toContain(`${PUBLIC_URL}/tickets/42`);
      expect(text).not.toContain(overdue);
    }
  });

  it('shows the overdue flag and the passed deadline', () => {
    const late = { ...assigned, overdue: true, resolveDueAt: new Date('2026-11-24T12:00:00Z') };
    for (const [, text] of renderings(late)) {
      expect(text).toContain(overdue);
      expect(text).toContain(locale === 'fr' ? '(dépassé)' : '(passed)');
    }
  });

  it("shows dates in the person's time zone", () => {
    const ny = locale === 'fr' ? '26 nov. 2026, 10:00' : '26 Nov 2026, 10:00';
    for (const [, text] of renderings(assigned, { timeZone: 'America/New_York' })) expect(text).toContain(ny);
  });
});

describe('the technician card on Slack', () => {
  it('escapes user text in mrkdwn and keeps it raw in plain text', () => {
    const v = smallTicket({ title: 'Alerte <!channel> & <@U1>', description: 'a <b> & c > d', requester: { id: 7, name: 'Rita <R> & Co' } });
    const { text, blocks } = ticketCardBlocks(v, options('fr'));
    const header = ofType(blocks, 'header')[0];
    expect(header.text.text).toBe('#42 Alerte <!channel> & <@U1>');
    const mrkdwn = ofType(blocks, 'mrkdwn').map((m) => m.text as string).join('\n');
    expect(mrkdwn).toContain('a &lt;b&gt; &amp; c &gt; d');
    expect(mrkdwn).toContain('Rita &lt;R&gt; &amp; Co');
    expect(mrkdwn).not.toContain('<!channel>');
    expect(text).toContain('Alerte &lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('truncates a long description and counts the links it cannot show', () => {
    const { blocks } = ticketCardBlocks(bigTicket(), options('en'));
    const sections = ofType(blocks, 'section').map((s) => s.text?.text as string | undefined).filter(Boolean) as string[];
    const description = sections.find((s) => s.startsWith('*Description*'))!;
    expect(description.length).toBeLessThanOrEqual('*Description*\n'.length + 1500);
    expect(description.length).toBeGreaterThan(1000);
    expect(description.endsWith('…')).toBe(true);
    const links = sections.find((s) => s.startsWith('*Linked tickets*'))!;
    const shown = links.split('\n').filter((line) => line.startsWith('• ')).length;
    const more = Number(/… and (\d+) more/.exec(links)?.[1]);
    expect(shown).toBeGreaterThan(5);
    expect(shown + more).toBe(21); // 20 links and one external reference
    expect(links).toContain('<https://helpdesk.example.com/tickets/1000|#1000>');
  });

  it('carries the ticket number on every action, with Claim, Resolve, Assign and Status', () => {
    const { blocks } = ticketCardBlocks(smallTicket(), options('en'));
    const actions = ofType(blocks, 'actions');
    expect(actions).toHaveLength(1);
    expect(actions[0].block_id).toBe('ticket:42');
    const elements = actions[0].elements as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(elements.map((e) => [e.type, e.action_id])).toEqual([
      ['button', ACTIONS.claim],
      ['button', ACTIONS.resolve],
      ['multi_users_select', ACTIONS.assign],
      ['static_select', ACTIONS.status],
      ['button', TICKET_EXTRA_ACTIONS.note],
    ]);
    expect(elements.filter((e) => e.type === 'button').map((e) => [e.text.text, e.value])).toEqual([
      ['Claim', '42'],
      ['Resolve', '42'],
      ['Note', '42'],
    ]);
    const status = elements[3];
    expect(status.options.map((o: { value: string }) => o.value)).toEqual([
      '42:new', '42:assigned', '42:in_progress', '42:pending', '42:resolved', '42:closed', '42:cancelled',
    ]);
    expect(status.initial_option.text.text).toBe('New');
  });

  it('drops Claim once someone holds the ticket (Remove appears), and a closed one keeps only "Write an article" (issue 8)', () => {
    const ids = (v = assigned) => ofType(ticketCardBlocks(v, options('fr')).blocks, 'actions').flatMap((a) => a.elements.map((e: { action_id: string }) => e.action_id));
    const { note, unassign } = TICKET_EXTRA_ACTIONS;
    expect(ids()).toEqual([ACTIONS.resolve, ACTIONS.assign, unassign, ACTIONS.status, note]);
    expect(ids({ ...assigned, status: 'resolved' })).toEqual([ACTIONS.status, note]);
    expect(ids({ ...assigned, status: 'resolved', resolution: 'Toner changé' })).toEqual([ACTIONS.status, note, KB_ACTIONS.draft]);
    expect(ids({ ...assigned, status: 'closed' })).toEqual([]);
    expect(ids({ ...assigned, status: 'closed', resolution: 'Toner changé' })).toEqual([KB_ACTIONS.draft]);
    expect(ids({ ...assigned, status: 'cancelled', resolution: 'Toner changé' })).toEqual([]);
  });

  it('has no actions without withActions', () => {
    const { blocks } = ticketCardBlocks(smallTicket(), options('fr', { withActions: false }));
    expect(ofType(blocks, 'actions')).toEqual([]);
    expect(ofType(blocks, 'button')).toEqual([]);
  });

  it('renders a view that went through JSON (dates as strings) the same way', () => {
    const v = bigTicket();
    expect(ticketCardBlocks(JSON.parse(JSON.stringify(v)), options('fr'))).toEqual(ticketCardBlocks(v, options('fr')));
  });

  it('says who entered a ticket on the requester’s behalf', () => {
    const v = smallTicket({ createdBy: { id: 8, name: 'Paul Phone' } });
    expect(allText(ticketCardBlocks(v, options('fr')))).toContain('Rita Requester (saisi par Paul Phone)');
  });
});

describe('the technician card on Teams', () => {
  it('carries verb and ticket number in every Action.Execute, refresh included', () => {
    const card = ticketCardAdaptive(smallTicket(), options('fr', { technicians }));
    const executes = executeActions(card);
    expect(executes.map((a) => a.verb).sort()).toEqual([ACTIONS.assign, ACTIONS.claim, ACTIONS.refresh, ACTIONS.resolve, ACTIONS.status].sort());
    for (const a of executes) expect(a.data).toEqual(expect.objectContaining({ verb: a.verb, ticket: 42 }));
    expect(card.refresh).toEqual({ action: expect.objectContaining({ verb: ACTIONS.refresh }) });
    expect((card.refresh as { userIds?: unknown }).userIds).toBeUndefined();
  });

  it('asks for the resolution, offers the technicians (current ones chosen) and the statuses', () => {
    const card = ticketCardAdaptive(assigned, options('en', { technicians }));
    const resolution = ofType(card, 'Input.Text').find((i) => i.id === 'resolution')!;
    expect(resolution).toEqual(expect.objectContaining({ isRequired: true, isMultiline: true, label: 'Resolution' }));
    const [assign, status] = ofType(card, 'Input.ChoiceSet');
    expect(assign).toEqual(expect.objectContaining({ id: 'assignees', isMultiSelect: true, value: '100,101' }));
    expect(assign.choices).toHaveLength(30);
    expect(status).toEqual(expect.objectContaining({ id: 'status', value: 'in_progress' }));
    expect(status.choices.map((c: { title: string }) => c.title)).toContain('Cancelled');
  });

  it('offers no Assign without technicians, and no actions at all without withActions', () => {
    const titles = (o = options('en')) => ((ticketCardAdaptive(assigned, o).actions as Array<{ title: string }>) ?? []).map((a) => a.title);
    expect(titles()).toEqual(['Resolve', 'Change status']);
    expect(titles(options('en', { technicians }))).toEqual(['Resolve', 'Assign', 'Change status']);
    expect(titles(options('en', { technicians, withActions: false }))).toEqual([]);
  });
});
