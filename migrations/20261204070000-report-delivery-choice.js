'use strict';
/**
 * Reports reach every manager: each manager's choice of channel (managers' channel, e-mail, personal
 * chat or none), and who each delivery row was for, so stored deliveries say who received what and
 * who was not reached and why. Breach times are indexed for the report's SLA compliance.
 */
const { DataTypes } = require('sequelize');

module.exports = {
  async up({ context: qi }) {
    // 'channel' (default: the managers' channel, else mail, else personal chat), 'email', 'chat', 'none'.
    await qi.addColumn('report_subscriptions', 'via', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'email' });
    await qi.addColumn('report_deliveries', 'person_id', { type: DataTypes.INTEGER, allowNull: true });
    await qi.addIndex('ticket_sla', ['resolve_breached_at'], { name: 'ticket_sla_resolve_breached' });
    await qi.addIndex('ticket_sla', ['own_breached_at'], { name: 'ticket_sla_own_breached' });
  },
  async down({ context: qi }) {
    await qi.removeIndex('ticket_sla', 'ticket_sla_own_breached');
    await qi.removeIndex('ticket_sla', 'ticket_sla_resolve_breached');
    await qi.removeColumn('report_deliveries', 'person_id');
    await qi.removeColumn('report_subscriptions', 'via');
  },
};
