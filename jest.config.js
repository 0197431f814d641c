/** Runs every suite; storage suites also run on MariaDB when TEST_MYSQL_URL is set. */
const { WORKERS } = require('./test/support/mysql-databases');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // With MariaDB each worker has its own database (test/support/mysql-databases.js creates them).
  globalSetup: '<rootDir>/test/support/mysql-databases.js',
  maxWorkers: process.env.TEST_MYSQL_URL ? WORKERS : '50%',
};
