'use strict';
/**
 * The durable inbox: every chat input (Slack, Teams, the web bot, inbound SMS) is written here in one
 * statement before it is acknowledged, then worked on by workers that lease rows as the outbox's do.
 * The unique (source, key) is the platform's idempotency key: a redelivery inserts nothing.
 */
const { DataTypes } = require('sequelize');

const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('inbox', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      source: str(16),
      idempotency_key: str(191),
      // A Slack request may be up to 1 MB: MEDIUMTEXT on MySQL, TEXT on SQLite.
      payload: { type: qi.sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
      state: str(16),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      due_at: ts(),
      lease_owner: str(64, true),
      lease_until: ts(true),
      last_error: str(500, true),
      created_at: ts(),
      done_at: ts(true),
    }, { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' });
    await qi.addIndex('inbox', ['source', 'idempotency_key'], { name: 'inbox_key', unique: true });
    // The claim reads due rows of one state in order, and rows whose lease ran out.
    await qi.addIndex('inbox', ['state', 'due_at'], { name: 'inbox_due' });
    await qi.addIndex('inbox', ['state', 'lease_until'], { name: 'inbox_lease' });
  },
  async down({ context: qi }) {
    await qi.dropTable('inbox');
  },
};
