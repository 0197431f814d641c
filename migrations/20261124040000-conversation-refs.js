'use strict';
/**
 * Teams conversation references (issue 4): where the bot can write to a person or a channel later
 * (service URL, conversation id, tenant, the user's AAD object id). Kept in the database, on every
 * contact and at install, so any instance sharing the database can send proactively.
 */
const { DataTypes } = require('sequelize');

const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });

module.exports = {
  async up({ context: qi }) {
    await qi.createTable('conversation_refs', {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
      platform: str(16),
      conversation_id: str(191),
      // personal | channel | groupChat
      conversation_type: str(16),
      service_url: str(500),
      tenant_id: str(64, true),
      bot_id: str(128, true),
      user_id: str(64, true),
      team_id: str(191, true),
      channel_id: str(191, true),
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    });
    await qi.addIndex('conversation_refs', ['platform', 'conversation_id'], { unique: true, name: 'conversation_refs_conversation' });
    // A proactive message looks up the person's personal chat by their AAD object id.
    await qi.addIndex('conversation_refs', ['platform', 'user_id', 'conversation_type'], { name: 'conversation_refs_user' });
    await qi.addIndex('conversation_refs', ['platform', 'team_id'], { name: 'conversation_refs_team' });
  },

  async down({ context: qi }) {
    await qi.dropTable('conversation_refs');
  },
};
