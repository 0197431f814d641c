'use strict';
/**
 * Stored reports (issue 7): every scheduled or sent report is kept, so a re-run of the Monday job
 * finds it and sends nothing twice, and old reports stay readable. One row per (period kind, scope,
 * first day, language); one delivery row per (report, target channel), written before the post, so
 * two instances racing on the same report post it once.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });

module.exports = {
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable('stored_reports', {
      id,
      period_kind: str(16),
      scope_key: str(64),
      first_day: str(10),
      locale: str(2),
      // A capability in the chart and CSV links that Slack and Teams fetch without a session.
      access_key: str(64),
      body: { type: mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false },
      created_at: ts(),
    });
    await qi.addIndex('stored_reports', ['period_kind', 'scope_key', 'first_day', 'locale'], { unique: true, name: 'stored_reports_period' });
    await qi.addIndex('stored_reports', ['created_at'], { name: 'stored_reports_created' });

    await qi.createTable('report_deliveries', {
      id,
      report_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'stored_reports', key: 'id' }, onDelete: 'CASCADE' },
      target: str(191),
      status: str(16),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_error: str(500, true),
      next_attempt_at: ts(true),
      sent_at: ts(true),
      created_at: ts(),
    });
    await qi.addIndex('report_deliveries', ['report_id', 'target'], { unique: true, name: 'report_deliveries_target' });
    await qi.addIndex('report_deliveries', ['status', 'next_attempt_at'], { name: 'report_deliveries_due' });

    // Managers who also want each scheduled report by e-mail (sent through the notification outbox).
    await qi.createTable('report_subscriptions', {
      person_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false, references: { model: 'people', key: 'id' }, onDelete: 'CASCADE' },
      created_at: ts(),
    });
  },

  async down({ context: qi }) {
    await qi.dropTable('report_subscriptions');
    await qi.dropTable('report_deliveries');
    await qi.dropTable('stored_reports');
  },
};
