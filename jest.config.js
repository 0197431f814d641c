/** Runs every suite; storage suites also run on MariaDB when TEST_MYSQL_URL is set. */
const { WORKERS } = require('./test/support/mysql-databases');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Builds dist/ for the tests that spawn bin/helpdesk.js; with MariaDB each worker gets its own database.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  maxWorkers: process.env.TEST_MYSQL_URL ? WORKERS : '50%',
};
