import type { Channel, Role } from '../shared/actor';

/** Append-only (R9, R19): who, what, before, after, when and through which channel. */
export interface AuditEntry {
  id: number;
  ticketId: number | null;
  entity: 'ticket' | 'person' | 'service' | 'category' | 'settings' | 'token' | 'article';
  entityId: number | null;
  action: string;
  actorPersonId: number | null;
  actorTokenId: number | null;
  actorRole: Role;
  actorName: string;
  channel: Channel;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}
export type NewAuditEntry = Omit<AuditEntry, 'id'>;
