'use strict';
/**
 * Notifications (issue 5): the outbox written in each change's transaction, one row per delivery
 * attempt, the dedupe keys of sweeps, people's preferences, each service's intake (mailing list,
 * on-call delay) and on-call rota, and the scheduler's per-run leases.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const ref = (model, allowNull, onDelete = 'CASCADE') => ({ type: DataTypes.INTEGER, allowNull, references: { model, key: 'id' }, onDelete });

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('outbox', {
      id,
      channel: str(16),
      address: str(254),
      person_id: ref('people', true),
      locale: str(5, true),
      event: str(64),
      // No foreign key: a message about a ticket outlives nothing, but must not block an erasure.
      ticket_id: { type: DataTypes.INTEGER, allowNull: true },
      urgent: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      params: { type: DataTypes.TEXT, allowNull: false },
      dedupe_key: str(191, true),
      state: str(16),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      // When the row may next be sent: creation, quiet hours' end, or the backoff after a failure.
      due_at: ts(),
      digest_at: ts(true),
      // Held rows folded into a digest point at the digest row that carried them.
      digest_id: { type: DataTypes.INTEGER, allowNull: true },
      lease_owner: str(64, true),
      lease_until: ts(true),
      last_error: str(500, true),
      sent_at: ts(true),
      created_at: ts(),
    });
    // The worker's claim reads the due rows of one state in order.
    await qi.addIndex('outbox', ['state', 'due_at'], { name: 'outbox_due' });
    await qi.addIndex('outbox', ['state', 'digest_at', 'person_id'], { name: 'outbox_digest' });
    await qi.addIndex('outbox', ['ticket_id'], { name: 'outbox_ticket' });

    await qi.createTable('outbox_attempts', {
      id,
      outbox_id: ref('outbox', false),
      attempt: { type: DataTypes.INTEGER, allowNull: false },
      owner: str(64),
      ok: { type: DataTypes.BOOLEAN, allowNull: false },
      error: str(500, true),
      duration_ms: { type: DataTypes.INTEGER, allowNull: false },
      created_at: ts(),
    });
    await qi.addIndex('outbox_attempts', ['outbox_id'], { name: 'outbox_attempts_outbox' });

    await qi.createTable('notification_keys', {
      dedupe_key: { type: DataTypes.STRING(191), primaryKey: true, allowNull: false },
      created_at: ts(),
    });

    await qi.createTable('notification_preferences', {
      person_id: { ...ref('people', false), primaryKey: true },
      channels: str(64),
      rhythm: str(16),
      quiet_hours: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      updated_at: ts(),
    });

    await qi.createTable('service_intake', {
      service_id: { ...ref('services', false), primaryKey: true },
      mailing_list: str(254, true),
      oncall_after_minutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 15 },
      updated_at: ts(),
    });

    await qi.createTable('oncall_shifts', {
      id,
      service_id: ref('services', false),
      person_id: ref('people', false),
      starts_at: ts(),
      ends_at: ts(),
      created_at: ts(),
    });
    await qi.addIndex('oncall_shifts', ['service_id', 'starts_at'], { name: 'oncall_shifts_service' });

    // One row per job run: the primary key lets exactly one instance take a given fire time.
    await qi.createTable('job_leases', {
      job_name: { type: DataTypes.STRING(100), primaryKey: true, allowNull: false },
      fire_at: { type: DataTypes.DATE(3), primaryKey: true, allowNull: false },
      owner: str(64),
      created_at: ts(),
      finished_at: ts(true),
      error: str(500, true),
    });
  },

  async down({ context: qi }) {
    for (const t of ['job_leases', 'oncall_shifts', 'service_intake', 'notification_preferences', 'notification_keys', 'outbox_attempts', 'outbox']) {
      await qi.dropTable(t);
    }
  },
};
