'use strict';
/**
 * One row whose number goes up in the same transaction as any change of configuration (settings,
 * SLA policies, routing, categories, services, channel bindings): each instance keeps its
 * configuration in memory and reloads it when it sees the number move (adapters/sequelize/config-cache.ts).
 */
module.exports = {
  async up({ context: qi }) {
    const { DataTypes } = require('sequelize');
    await qi.createTable('config_version', {
      id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      version: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    }, { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' });
    await qi.bulkInsert('config_version', [{ id: 1, version: 0 }]);
  },
  async down({ context: qi }) {
    await qi.dropTable('config_version');
  },
};
