'use strict';
/**
 * Chat state (issue 3): channel bindings, where each ticket's messages live on a platform, and the
 * inbound event ids already handled. All of it is in the database, never in process memory, so any
 * number of instances can serve Slack (and later Teams) behind a load balancer.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = () => ({ type: DataTypes.DATE(3), allowNull: false });

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('channel_bindings', {
      id,
      platform: str(16),
      team_id: str(64, true),
      channel_id: str(64),
      purpose: str(16),
      service_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'services', key: 'id' }, onDelete: 'CASCADE' },
      created_at: ts(),
    });
    await qi.addIndex('channel_bindings', ['platform', 'channel_id', 'purpose'], { unique: true, name: 'channel_bindings_channel' });
    // A new ticket looks its service's channel up.
    await qi.addIndex('channel_bindings', ['purpose', 'service_id'], { name: 'channel_bindings_service' });

    await qi.createTable('ticket_messages', {
      id,
      ticket_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'tickets', key: 'id' }, onDelete: 'CASCADE' },
      platform: str(16),
      channel_id: str(64),
      message_ts: str(64),
      thread_ts: str(64),
      kind: str(16),
      created_at: ts(),
    });
    await qi.addIndex('ticket_messages', ['ticket_id', 'kind'], { name: 'ticket_messages_ticket' });
    // A reply in a thread finds its ticket by (platform, channel, thread).
    await qi.addIndex('ticket_messages', ['platform', 'channel_id', 'thread_ts'], { name: 'ticket_messages_thread' });

    await qi.createTable('inbound_events', {
      source: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      event_id: { type: DataTypes.STRING(191), primaryKey: true, allowNull: false },
      created_at: ts(),
    });
  },

  async down({ context: qi }) {
    for (const t of ['inbound_events', 'ticket_messages', 'channel_bindings']) await qi.dropTable(t);
  },
};
