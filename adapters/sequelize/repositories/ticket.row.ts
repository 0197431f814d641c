import type { TicketListRow, TicketSummary } from '../../../core/shared/store.port';
import type { Channel } from '../../../core/shared/actor';
import type { Level, Priority, Status, Ticket, TicketPatch, TicketType } from '../../../core/tickets/ticket.entity';
import { toDate, toDateOrNull, toInt, toIntOrNull, toStrOrNull, type Row } from '../sql';

/** Column of each patchable field; typed so a new TicketPatch key fails the build until mapped here. */
export const PATCH_COLUMNS: { [K in keyof Required<TicketPatch>]: string } = {
  title: 'title',
  description: 'description',
  type: 'type',
  categoryId: 'category_id',
  urgency: 'urgency',
  impact: 'impact',
  priority: 'priority',
  status: 'status',
  serviceId: 'service_id',
  ownDueAt: 'own_due_at',
  resolveDueAt: 'resolve_due_at',
  firstResponseAt: 'first_response_at',
  ownedAt: 'owned_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  pendingSince: 'pending_since',
  pendingUntil: 'pending_until',
  slaStartedAt: 'sla_started_at',
  pausedMinutes: 'paused_minutes',
  reopenCount: 'reopen_count',
  resolution: 'resolution',
};

/** What a list row carries: everything but the long texts. */
export const SUMMARY_COLUMNS = [
  'id', 'title', 'type', 'category_id', 'urgency', 'impact', 'priority', 'status', 'requester_id',
  'created_by_id', 'service_id', 'source_channel', 'sla_started_at', 'own_due_at', 'resolve_due_at',
  'first_response_at', 'owned_at', 'resolved_at', 'closed_at', 'pending_since', 'pending_until',
  'paused_minutes', 'reopen_count', 'version', 'created_at', 'updated_at',
];
export const TICKET_COLUMNS = [...SUMMARY_COLUMNS, 'description', 'resolution'];

export function toSummary(r: Row, assigneeIds: number[]): TicketSummary {
  return {
    id: toInt(r.id),
    title: String(r.title),
    type: r.type as TicketType,
    categoryId: toIntOrNull(r.category_id),
    urgency: r.urgency as Level,
    impact: r.impact as Level,
    priority: toInt(r.priority) as Priority,
    status: r.status as Status,
    requesterId: toInt(r.requester_id),
    createdById: toIntOrNull(r.created_by_id),
    serviceId: toIntOrNull(r.service_id),
    sourceChannel: r.source_channel as Channel,
    slaStartedAt: toDate(r.sla_started_at),
    ownDueAt: toDate(r.own_due_at),
    resolveDueAt: toDate(r.resolve_due_at),
    firstResponseAt: toDateOrNull(r.first_response_at),
    ownedAt: toDateOrNull(r.owned_at),
    resolvedAt: toDateOrNull(r.resolved_at),
    closedAt: toDateOrNull(r.closed_at),
    pendingSince: toDateOrNull(r.pending_since),
    pendingUntil: toDateOrNull(r.pending_until),
    pausedMinutes: toInt(r.paused_minutes),
    reopenCount: toInt(r.reopen_count),
    version: toInt(r.version),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    assigneeIds,
  };
}

export function toTicket(r: Row, assigneeIds: number[], watcherIds: number[]): Ticket {
  return {
    ...toSummary(r, assigneeIds),
    description: String(r.description),
    resolution: toStrOrNull(r.resolution),
    watcherIds,
  };
}

/** A list row: the summary plus the names joined by the list query (see ticket-list.query.ts). */
export function toListRow(r: Row, assignees: Array<{ id: number; name: string }>): TicketListRow {
  return {
    ...toSummary(r, assignees.map((a) => a.id)),
    requesterName: toStrOrNull(r.requester_name),
    createdByName: toStrOrNull(r.created_by_name),
    service: r.service_slug == null ? null : { id: toInt(r.service_id), slug: String(r.service_slug), name: String(r.service_name) },
    category:
      r.category_slug == null
        ? null
        : { id: toInt(r.category_id), slug: String(r.category_slug), nameFr: String(r.category_name_fr), nameEn: String(r.category_name_en) },
    assignees,
  };
}
