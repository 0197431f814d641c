'use strict';
/**
 * The nightly pruning of inbound event ids (platform retries come within minutes; a week is kept)
 * deletes by age: an index on the age reads only the old rows instead of the whole table.
 */
module.exports = {
  async up({ context: qi }) {
    await qi.addIndex('inbound_events', ['created_at'], { name: 'inbound_events_created' });
  },
  async down({ context: qi }) {
    await qi.removeIndex('inbound_events', 'inbound_events_created');
  },
};
