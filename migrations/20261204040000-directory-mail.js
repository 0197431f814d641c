'use strict';
/**
 * Entra ID directory and mail intake (R1, R6, R12).
 * - directory_entries: what the directory says of a person beyond the people row (UPN, job title,
 *   mobile, manager by object id), one row per directory account, the person matched once.
 * - directory_groups: an admin's mapping of a directory group to a role (and a service): data.
 * - directory_members: the mapped groups' members the last sync saw, so the next one applies only changes.
 * - inbound_mails: each mail of the support mailbox once, by Message-ID and by mailbox UID.
 */
const { DataTypes } = require('sequelize');

const ts = () => ({ type: DataTypes.DATE(3), allowNull: false });

module.exports = {
  async up({ context: qi }) {
    const opts = qi.sequelize.getDialect() === 'sqlite' ? {} : { charset: 'utf8mb4' };
    await qi.createTable('directory_entries', {
      object_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      person_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'people', key: 'id' }, onDelete: 'CASCADE' },
      upn: { type: DataTypes.STRING(254), allowNull: true },
      job_title: { type: DataTypes.STRING(200), allowNull: true },
      mobile: { type: DataTypes.STRING(64), allowNull: true },
      manager_object_id: { type: DataTypes.STRING(64), allowNull: true },
      enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      synced_at: ts(),
    }, opts);
    await qi.addIndex('directory_entries', ['manager_object_id'], { name: 'directory_entries_manager' });
    await qi.createTable('directory_groups', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      group_ref: { type: DataTypes.STRING(191), allowNull: false, unique: true },
      role: { type: DataTypes.STRING(16), allowNull: false },
      service_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'services', key: 'id' }, onDelete: 'CASCADE' },
      created_at: ts(),
    }, opts);
    await qi.createTable('directory_members', {
      map_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false, references: { model: 'directory_groups', key: 'id' }, onDelete: 'CASCADE' },
      person_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false, references: { model: 'people', key: 'id' }, onDelete: 'CASCADE' },
    }, opts);
    await qi.createTable('inbound_mails', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      mailbox: { type: DataTypes.STRING(191), allowNull: false },
      /** sha256 of the Message-ID (or of the raw mail when it has none). */
      message_key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      /** "uidvalidity:uid" for IMAP, the message id for Graph. */
      uid: { type: DataTypes.STRING(191), allowNull: false },
      outcome: { type: DataTypes.STRING(16), allowNull: false },
      ticket_id: { type: DataTypes.INTEGER, allowNull: true },
      created_at: ts(),
    }, opts);
    await qi.addIndex('inbound_mails', ['mailbox', 'uid'], { name: 'inbound_mails_uid', unique: true });
  },
  async down({ context: qi }) {
    for (const t of ['inbound_mails', 'directory_members', 'directory_groups', 'directory_entries']) await qi.dropTable(t);
  },
};
