'use strict';
/**
 * Reports (issue 7). No new table: a report is computed from the tickets. These indexes let the
 * period counts read only the period's rows (closed, owned and first answered within [from, to)),
 * as `tickets_created` and `tickets_resolved` already do for opened and resolved.
 */
const INDEXES = [
  [['closed_at'], 'tickets_closed'],
  [['owned_at'], 'tickets_owned'],
  [['first_response_at'], 'tickets_first_response'],
  // Backlog at an instant counts today's open tickets created before it: read from the index alone.
  [['status', 'created_at'], 'tickets_status_created'],
  // "Overdue now" (running status, past either deadline) by service, read from the index alone:
  // without it each open ticket costs a row lookup, seconds at a million tickets.
  [['status', 'resolve_due_at', 'own_due_at', 'owned_at', 'service_id'], 'tickets_overdue'],
  // Recurring problems read the categories and titles of two periods' tickets: from the index alone,
  // not a row lookup each (tickets_category_created leads with the category, so a range scans it all).
  [['created_at', 'category_id', 'title'], 'tickets_recurring'],
  // /metrics counts creations per channel at every scrape: an index scan instead of a table scan.
  [['source_channel'], 'tickets_channel'],
];

module.exports = {
  async up({ context: qi }) {
    for (const [columns, name] of INDEXES) await qi.addIndex('tickets', columns, { name });
  },
  async down({ context: qi }) {
    for (const [, name] of INDEXES) await qi.removeIndex('tickets', name);
  },
};
