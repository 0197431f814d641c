import type { LinkView } from '../../core/tickets/link.entity';
import type { TicketView } from '../../core/tickets/ticket.view';
import type { CardOptions } from '../../cards/card-options';

export const NOW = new Date('2026-11-24T13:05:00Z');
export const PUBLIC_URL = 'https://helpdesk.example.com';
export const options = (locale: 'fr' | 'en', extra: Partial<CardOptions> = {}): CardOptions => ({ locale, publicUrl: PUBLIC_URL, now: NOW, ...extra });

const person = (id: number, name: string) => ({ id, name });

export function smallTicket(over: Partial<TicketView> = {}): TicketView {
  return {
    number: 42,
    title: 'Imprimante du 2e étage en panne',
    type: 'incident',
    urgency: 'high',
    impact: 'medium',
    priority: 2,
    status: 'new',
    sourceChannel: 'slack',
    ownDueAt: new Date('2026-11-24T15:00:00Z'),
    resolveDueAt: new Date('2026-11-26T15:00:00Z'),
    firstResponseAt: null,
    ownedAt: null,
    resolvedAt: null,
    closedAt: null,
    pendingSince: null,
    pendingUntil: null,
    slaStartedAt: new Date('2026-11-24T08:00:00Z'),
    pausedMinutes: 0,
    reopenCount: 0,
    version: 1,
    createdAt: new Date('2026-11-24T08:00:00Z'),
    updatedAt: new Date('2026-11-24T08:00:00Z'),
    description: "Elle n'imprime plus depuis ce matin.",
    resolution: null,
    requester: person(7, 'Rita Requester'),
    createdBy: person(7, 'Rita Requester'),
    assignees: [],
    watchers: [],
    service: { id: 1, slug: 'support', name: 'Support' },
    category: { id: 2, slug: 'hardware', name: 'Matériel' },
    overdue: false,
    links: [],
    externalRefs: [],
    ...over,
  };
}

const LINK_TYPES: LinkView[] = ['blocks', 'depends_on', 'parent_of', 'child_of', 'duplicate_of', 'duplicated_by', 'related_to'];
/** Characters every renderer must survive: markup, entities, emoji (surrogate pairs), accents. */
export const NASTY = 'Écran <b>noir</b> & clavier > souris 🖨️💥 «élève» <!channel> <@U123> *gras* ';

/** 4000-character description, 20 links, 10 assignees, a title at the 200-character limit. */
export function bigTicket(over: Partial<TicketView> = {}): TicketView {
  let description = '';
  while (description.length < 4000) description += NASTY;
  description = description.slice(0, 4000);
  return smallTicket({
    number: 123456,
    title: ('Panne <totale> & générale 😱 ' + 'x'.repeat(200)).slice(0, 200),
    description,
    status: 'in_progress',
    priority: 1,
    overdue: true,
    ownedAt: new Date('2026-11-24T09:00:00Z'),
    resolveDueAt: new Date('2026-11-24T12:00:00Z'),
    requester: person(7, 'Rita <Requester> & Co'),
    createdBy: person(8, 'Paul Phone'),
    assignees: Array.from({ length: 10 }, (_, i) => person(100 + i, `Technicien·ne n°${i + 1} Éloïse-Ångström <tech${i}>`)),
    links: Array.from({ length: 20 }, (_, i) => ({
      linkId: i + 1,
      type: LINK_TYPES[i % LINK_TYPES.length],
      ticket: i === 19 ? null : { number: 1000 + i, title: `Lié <${i}> & ${'é'.repeat(150)}`, status: 'pending' as const },
    })),
    externalRefs: [{ id: 1, ticketId: 123456, system: 'JIRA', key: 'OPS-12 <x>', url: 'https://jira.example.com/browse/OPS-12?a=1|2', createdAt: NOW }],
    resolution: 'Remplacé le <toner> & redémarré 🎉',
    ...over,
  });
}

export const technicians = Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, name: `Technicien·ne n°${i + 1} Éloïse-Ångström` }));

export const categories = [
  { slug: 'hardware', name: 'Matériel' },
  { slug: 'software', name: 'Logiciel' },
  { slug: 'network', name: 'Réseau <LAN> & Wi-Fi' },
  { slug: 'long', name: 'Une catégorie au nom vraiment très long '.repeat(4) },
];
