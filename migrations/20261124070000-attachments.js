'use strict';
/**
 * Attachments (issue 9: the report form's optional file; R1, R3): screenshots and documents kept in
 * the database itself, so backups, restores and every instance behind a load balancer see the same
 * files without a shared disk. Ten megabytes at most each (checked by core before the insert).
 */
const { DataTypes } = require('sequelize');

module.exports = {
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable('attachments', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      ticket_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'tickets', key: 'id' }, onDelete: 'CASCADE' },
      uploaded_by_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'people', key: 'id' }, onDelete: 'SET NULL' },
      filename: { type: DataTypes.STRING(255), allowNull: false },
      content_type: { type: DataTypes.STRING(100), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.STRING(64), allowNull: false },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      // LONGBLOB on MySQL (BLOB stops at 64 KB); SQLite's BLOB has no such limit.
      data: { type: mysql ? DataTypes.BLOB('long') : DataTypes.BLOB, allowNull: false },
      created_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await qi.addIndex('attachments', ['ticket_id', 'id'], { name: 'attachments_ticket' });
  },
  async down({ context: qi }) {
    await qi.dropTable('attachments');
  },
};
