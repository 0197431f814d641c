'use strict';
/**
 * The ticket core schema (issue 2). Plain JS and no model imports, so the same file builds the same
 * schema on SQLite and MySQL/MariaDB, at start and with `npx helpdesk migrate`.
 * Indexes follow the queries: the technician queue (service, status, priority, due), a requester's
 * "my tickets", assignee queues, overdue sweeps and link walks from both ends.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table, opts = {}) => ({
  type: DataTypes.INTEGER,
  allowNull: opts.allowNull ?? true,
  references: { model: table, key: 'id' },
  onDelete: opts.onDelete ?? 'RESTRICT',
});
const ts = () => ({ type: DataTypes.DATE(3), allowNull: false });
const tsNull = () => ({ type: DataTypes.DATE(3), allowNull: true });

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('people', {
      id,
      email: { type: DataTypes.STRING(254), allowNull: true, unique: true },
      display_name: { type: DataTypes.STRING(200), allowNull: false },
      phone: { type: DataTypes.STRING(32), allowNull: true, unique: true },
      locale: { type: DataTypes.STRING(5), allowNull: true },
      role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'employee' },
      aad_object_id: { type: DataTypes.STRING(64), allowNull: true, unique: true },
      slack_user_id: { type: DataTypes.STRING(32), allowNull: true, unique: true },
      department: { type: DataTypes.STRING(120), allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: ts(),
      updated_at: ts(),
    });
    await qi.addIndex('people', ['role', 'id'], { name: 'people_role' });

    await qi.createTable('services', {
      id,
      slug: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      lead_id: ref('people', { onDelete: 'SET NULL' }),
      created_at: ts(),
    });
    await qi.createTable('service_members', {
      service_id: { ...ref('services', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
      person_id: { ...ref('people', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
    });
    await qi.addIndex('service_members', ['person_id', 'service_id'], { name: 'service_members_person' });

    await qi.createTable('categories', {
      id,
      slug: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      name_fr: { type: DataTypes.STRING(120), allowNull: false },
      name_en: { type: DataTypes.STRING(120), allowNull: false },
      default_service_id: ref('services', { onDelete: 'SET NULL' }),
    });

    await qi.createTable('tickets', {
      id,
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      type: { type: DataTypes.STRING(16), allowNull: false },
      category_id: ref('categories', { onDelete: 'SET NULL' }),
      urgency: { type: DataTypes.STRING(10), allowNull: false },
      impact: { type: DataTypes.STRING(10), allowNull: false },
      priority: { type: DataTypes.TINYINT, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      requester_id: ref('people', { allowNull: false }),
      created_by_id: ref('people'),
      service_id: ref('services', { onDelete: 'SET NULL' }),
      source_channel: { type: DataTypes.STRING(16), allowNull: false },
      sla_started_at: ts(),
      own_due_at: ts(),
      resolve_due_at: ts(),
      first_response_at: tsNull(),
      owned_at: tsNull(),
      resolved_at: tsNull(),
      closed_at: tsNull(),
      pending_since: tsNull(),
      pending_until: tsNull(),
      paused_minutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      reopen_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      resolution: { type: DataTypes.TEXT, allowNull: true },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      created_at: ts(),
      updated_at: ts(),
    });
    // Technician queue: WHERE service_id=? AND status IN (...) ORDER BY priority, resolve_due_at, id.
    await qi.addIndex('tickets', ['service_id', 'status', 'priority', 'resolve_due_at', 'id'], { name: 'tickets_queue' });
    // "My tickets": WHERE requester_id=? ORDER BY id DESC.
    await qi.addIndex('tickets', ['requester_id', 'id'], { name: 'tickets_requester' });
    // Phone support's "tickets I filed for callers", and the access path of their creator.
    await qi.addIndex('tickets', ['created_by_id', 'id'], { name: 'tickets_created_by' });
    // Overdue sweeps and global queues: WHERE status IN (...) AND resolve_due_at < now.
    await qi.addIndex('tickets', ['status', 'resolve_due_at'], { name: 'tickets_status_due' });
    await qi.addIndex('tickets', ['status', 'priority', 'resolve_due_at', 'id'], { name: 'tickets_status_priority' });
    await qi.addIndex('tickets', ['updated_at', 'id'], { name: 'tickets_updated' });
    await qi.addIndex('tickets', ['created_at'], { name: 'tickets_created' });
    await qi.addIndex('tickets', ['resolved_at'], { name: 'tickets_resolved' });
    await qi.addIndex('tickets', ['category_id', 'created_at'], { name: 'tickets_category_created' });

    await qi.createTable('ticket_assignees', {
      ticket_id: { ...ref('tickets', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
      person_id: { ...ref('people', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
      assigned_at: ts(),
    });
    await qi.addIndex('ticket_assignees', ['person_id', 'ticket_id'], { name: 'ticket_assignees_person' });

    await qi.createTable('ticket_watchers', {
      ticket_id: { ...ref('tickets', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
      person_id: { ...ref('people', { allowNull: false, onDelete: 'CASCADE' }), primaryKey: true },
    });
    await qi.addIndex('ticket_watchers', ['person_id', 'ticket_id'], { name: 'ticket_watchers_person' });

    await qi.createTable('ticket_links', {
      id,
      from_id: ref('tickets', { allowNull: false, onDelete: 'CASCADE' }),
      to_id: ref('tickets', { allowNull: false, onDelete: 'CASCADE' }),
      type: { type: DataTypes.STRING(16), allowNull: false },
      created_by_id: ref('people', { onDelete: 'SET NULL' }),
      created_at: ts(),
    });
    await qi.addIndex('ticket_links', ['from_id', 'type', 'to_id'], { name: 'ticket_links_from', unique: true });
    await qi.addIndex('ticket_links', ['to_id', 'type'], { name: 'ticket_links_to' });

    await qi.createTable('external_refs', {
      id,
      ticket_id: ref('tickets', { allowNull: false, onDelete: 'CASCADE' }),
      system: { type: DataTypes.STRING(40), allowNull: false },
      ref_key: { type: DataTypes.STRING(120), allowNull: false },
      url: { type: DataTypes.STRING(2000), allowNull: true },
      created_at: ts(),
    });
    await qi.addIndex('external_refs', ['ticket_id', 'system', 'ref_key'], { name: 'external_refs_unique', unique: true });
    await qi.addIndex('external_refs', ['system', 'ref_key'], { name: 'external_refs_key' });

    await qi.createTable('comments', {
      id,
      ticket_id: ref('tickets', { allowNull: false, onDelete: 'CASCADE' }),
      author_id: ref('people', { onDelete: 'SET NULL' }),
      sender: { type: DataTypes.STRING(16), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      internal: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      created_at: ts(),
    });
    await qi.addIndex('comments', ['ticket_id', 'id'], { name: 'comments_ticket' });

    await qi.createTable('audit_entries', {
      id: { ...id, type: DataTypes.BIGINT },
      ticket_id: { type: DataTypes.INTEGER, allowNull: true },
      entity: { type: DataTypes.STRING(16), allowNull: false },
      entity_id: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: DataTypes.STRING(40), allowNull: false },
      actor_person_id: { type: DataTypes.INTEGER, allowNull: true },
      actor_token_id: { type: DataTypes.INTEGER, allowNull: true },
      actor_role: { type: DataTypes.STRING(16), allowNull: false },
      actor_name: { type: DataTypes.STRING(200), allowNull: false },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      before_json: { type: DataTypes.TEXT, allowNull: true },
      after_json: { type: DataTypes.TEXT, allowNull: true },
      created_at: ts(),
    });
    // No foreign keys: the audit outlives what it describes (erasure keeps the trail).
    await qi.addIndex('audit_entries', ['ticket_id', 'id'], { name: 'audit_ticket' });
    await qi.addIndex('audit_entries', ['entity', 'entity_id', 'id'], { name: 'audit_entity' });

    await qi.createTable('settings', {
      key: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      value_json: { type: DataTypes.TEXT, allowNull: false },
      updated_at: ts(),
    });
    await qi.createTable('sla_policies', {
      id,
      priority: { type: DataTypes.TINYINT, allowNull: false },
      service_id: ref('services', { onDelete: 'CASCADE' }),
      own_minutes: { type: DataTypes.INTEGER, allowNull: false },
      resolve_minutes: { type: DataTypes.INTEGER, allowNull: false },
    });
    await qi.addIndex('sla_policies', ['priority', 'service_id'], { name: 'sla_policies_key', unique: true });

    await qi.createTable('api_tokens', {
      id,
      name: { type: DataTypes.STRING(120), allowNull: false },
      token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      role: { type: DataTypes.STRING(16), allowNull: false },
      person_id: ref('people', { onDelete: 'CASCADE' }),
      created_at: ts(),
      revoked_at: tsNull(),
    });

    await qi.createTable('idempotency_keys', {
      scope: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      idem_key: { type: DataTypes.STRING(191), primaryKey: true, allowNull: false },
      ticket_id: { type: DataTypes.INTEGER, allowNull: false },
      created_at: ts(),
    });

    // Categories are data (R13); these are the usual first ones, renamable and extensible.
    await qi.bulkInsert('categories', [
      { slug: 'hardware', name_fr: 'Matériel', name_en: 'Hardware' },
      { slug: 'software', name_fr: 'Logiciel', name_en: 'Software' },
      { slug: 'network', name_fr: 'Réseau', name_en: 'Network' },
      { slug: 'access', name_fr: 'Accès et comptes', name_en: 'Access and accounts' },
      { slug: 'other', name_fr: 'Autre', name_en: 'Other' },
    ]);
    await qi.bulkInsert('sla_policies', [
      { priority: 1, own_minutes: 30, resolve_minutes: 240 },
      { priority: 2, own_minutes: 120, resolve_minutes: 570 },
      { priority: 3, own_minutes: 570, resolve_minutes: 1710 },
      { priority: 4, own_minutes: 570, resolve_minutes: 2850 },
    ]);
  },

  async down({ context: qi }) {
    for (const t of ['idempotency_keys', 'api_tokens', 'sla_policies', 'settings', 'audit_entries', 'comments',
      'external_refs', 'ticket_links', 'ticket_watchers', 'ticket_assignees', 'tickets', 'categories',
      'service_members', 'services', 'people']) {
      await qi.dropTable(t);
    }
  },
};
