'use strict';
/**
 * jest's globalSetup: brings dist/ up to date (tests that spawn bin/helpdesk.js run the build, and a
 * source edited since `npm install` is compiled again, only the files that changed), then creates the
 * MariaDB databases of the workers.
 */
const { build } = require('../../scripts/build');
const createWorkerDatabases = require('./mysql-databases');

module.exports = async function globalSetup() {
  build({ quiet: true });
  await createWorkerDatabases();
};
