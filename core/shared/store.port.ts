import type { Ticket, NewTicket, TicketPatch, Status, Priority } from '../tickets/ticket.entity';
import type { Person, NewPerson, PersonPatch, PersonLookup, Service, Category } from '../people/person.entity';
import type { StoredLink, StoredLinkType, ExternalRef } from '../tickets/link.entity';
import type { Comment, NewComment } from '../tickets/comment.entity';
import type { AuditEntry, NewAuditEntry } from '../audit/audit.entity';
import type { SlaPolicy } from '../sla/sla-policy';
import type { Role } from './actor';
import type { ChatRepository } from '../chat/chat.port';
import type { ConversationRefRepository } from '../chat/conversation-ref.port';
import type { KbRepository } from '../kb/kb.port';
import type { ReportRepository } from '../reports/report.port';
import type { NotificationRepository } from '../notifications/outbox.port';
import type { StoredReportRepository } from '../reports/stored-report.port';
import type { PrivacyRepository } from '../people/privacy.port';
import type { AttachmentRepository } from '../tickets/attachment.entity';
import type { SlaRepository } from '../sla/sla.port';
import type { RoutingRepository } from '../routing/routing.port';
import type { AutomationRepository } from '../automation/automation.port';
import type { TemplateRepository } from '../templates/template.entity';
import type { DirectoryRepository } from '../directory/directory.port';
import type { InboundMailRepository } from '../mail/mail.port';
import type { InboxRepository } from '../chat/inbox.port';

/** Which tickets a reader may see, pushed down into the query so lists and counts never leak. */
export type AccessScope =
  | { kind: 'all' }
  | { kind: 'own'; personId: number }
  | { kind: 'staff'; personId: number | null; serviceIds: number[] };

export type TicketSort = 'priority' | 'newest' | 'updated';
export interface TicketQuery {
  scope: AccessScope;
  statuses?: Status[];
  serviceIds?: number[];
  assignee?: number | 'none';
  requesterId?: number;
  categoryId?: number;
  priorities?: Priority[];
  overdueAt?: Date;
  text?: string;
  sort: TicketSort;
  limit: number;
  /** Keyset position: the sort values of the last row already returned. */
  after?: { priority?: number; resolveDueAt?: Date; updatedAt?: Date; id: number };
}
export type TicketSummary = Omit<Ticket, 'description' | 'watcherIds' | 'resolution'>;
/** A list row carries the names a page shows, so a whole page costs two queries, not one per kind. */
export interface TicketListRow extends TicketSummary {
  requesterName: string | null;
  createdByName: string | null;
  service: { id: number; slug: string; name: string } | null;
  category: { id: number; slug: string; nameFr: string; nameEn: string } | null;
  assignees: Array<{ id: number; name: string }>;
}

export interface TicketRepository {
  insert(t: NewTicket): Promise<number>;
  get(id: number): Promise<Ticket | null>;
  /** Conditional on the version read: false when someone else changed the ticket meanwhile. */
  update(id: number, expectedVersion: number, patch: TicketPatch, at: Date): Promise<boolean>;
  addAssignee(ticketId: number, personId: number, at: Date): Promise<void>;
  removeAssignee(ticketId: number, personId: number): Promise<void>;
  addWatcher(ticketId: number, personId: number): Promise<void>;
  removeWatcher(ticketId: number, personId: number): Promise<void>;
  list(q: TicketQuery): Promise<TicketListRow[]>;
  /** Light look-up for link views and dependency checks. */
  brief(ids: number[]): Promise<Array<{ id: number; title: string; status: Status; serviceId: number | null }>>;
}

export interface PersonRepository {
  get(id: number): Promise<Person | null>;
  find(lookup: PersonLookup): Promise<Person | null>;
  many(ids: number[]): Promise<Person[]>;
  insert(p: NewPerson): Promise<number>;
  update(id: number, patch: PersonPatch): Promise<void>;
  list(q: { role?: Role; text?: string; limit: number; afterId?: number }): Promise<Person[]>;
  serviceIdsOf(personId: number): Promise<number[]>;
}

export interface ServiceRepository {
  get(id: number): Promise<Service | null>;
  findBySlug(slug: string): Promise<Service | null>;
  list(): Promise<Service[]>;
  insert(s: { slug: string; name: string; leadId: number | null }): Promise<number>;
  update(id: number, patch: { name?: string; leadId?: number | null }): Promise<void>;
  addMember(serviceId: number, personId: number): Promise<void>;
  removeMember(serviceId: number, personId: number): Promise<void>;
}

export interface CategoryRepository {
  get(id: number): Promise<Category | null>;
  findBySlug(slug: string): Promise<Category | null>;
  list(): Promise<Category[]>;
  insert(c: Omit<Category, 'id'>): Promise<number>;
  update(id: number, patch: Partial<Omit<Category, 'id'>>): Promise<void>;
}

export interface LinkRepository {
  insert(l: { fromId: number; toId: number; type: StoredLinkType; createdById: number | null; at: Date }): Promise<number>;
  get(id: number): Promise<StoredLink | null>;
  delete(id: number): Promise<void>;
  /** Every link touching the ticket, from either end. */
  listFor(ticketId: number): Promise<StoredLink[]>;
  /** Links of one type leaving any of these tickets (one query per level of a graph walk). */
  outgoing(fromIds: number[], type: StoredLinkType): Promise<StoredLink[]>;
  incoming(toIds: number[], type: StoredLinkType): Promise<StoredLink[]>;
}

export interface ExternalRefRepository {
  insert(r: Omit<ExternalRef, 'id'>): Promise<number>;
  list(ticketId: number): Promise<ExternalRef[]>;
  get(id: number): Promise<ExternalRef | null>;
  delete(id: number): Promise<void>;
}

export interface CommentRepository {
  insert(c: NewComment, at: Date): Promise<number>;
  list(ticketId: number, includeInternal: boolean): Promise<Comment[]>;
}

export interface AuditRepository {
  append(e: NewAuditEntry): Promise<number>;
  forTicket(ticketId: number): Promise<AuditEntry[]>;
}

export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, at: Date): Promise<void>;
  slaPolicies(): Promise<SlaPolicy[]>;
  setSlaPolicy(p: SlaPolicy): Promise<void>;
}

export interface ApiToken {
  id: number;
  name: string;
  role: Role;
  personId: number | null;
  revokedAt: Date | null;
}
export interface TokenRepository {
  insert(t: { name: string; hash: string; role: Role; personId: number | null; at: Date }): Promise<number>;
  findByHash(hash: string): Promise<ApiToken | null>;
  /** The token, its person and their services in one round trip: it runs on every API request. */
  authenticate(hash: string): Promise<{ token: ApiToken; person: Person | null; serviceIds: number[] } | null>;
  list(): Promise<ApiToken[]>;
  revoke(id: number, at: Date): Promise<void>;
}

/** Platforms deliver twice: a key remembered with the ticket it produced makes a repeat a no-op. */
export interface IdempotencyRepository {
  find(scope: string, key: string): Promise<number | null>;
  /** Throws (unique key) when another delivery won the race; the caller's transaction then rolls back. */
  remember(scope: string, key: string, ticketId: number, at: Date): Promise<void>;
}

export interface Store {
  tickets: TicketRepository;
  people: PersonRepository;
  services: ServiceRepository;
  categories: CategoryRepository;
  links: LinkRepository;
  externalRefs: ExternalRefRepository;
  comments: CommentRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  tokens: TokenRepository;
  idempotency: IdempotencyRepository;
  chat: ChatRepository;
  conversationRefs: ConversationRefRepository;
  kb: KbRepository;
  reports: ReportRepository;
  /** Outbox, preferences, service intake and on-call rota (issue 5). */
  notifications: NotificationRepository;
  storedReports: StoredReportRepository;
  privacy: PrivacyRepository;
  attachments: AttachmentRepository;
  sla: SlaRepository;
  routing: RoutingRepository;
  automation: AutomationRepository;
  templates: TemplateRepository;
  /** Entra ID entries, group mappings (directory sync). */
  directory: DirectoryRepository;
  /** Mails of the support mailbox handled once each (mail intake). */
  inboundMails: InboundMailRepository;
  /** Chat inputs stored before they are acknowledged (core/chat/inbox.ts). */
  inbox: InboxRepository;
}

export interface UnitOfWork {
  /** Everything done through the store given to `work` commits together or not at all. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Reads outside a transaction (fewer round trips for queues and pages). */
  readonly read: Store;
  /** Unique-key violations surface as this, whatever the database. */
  isUniqueViolation(err: unknown): boolean;
}
