/** Runs every suite; storage suites also run on MariaDB when TEST_MYSQL_URL is set. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // MariaDB suites share one database: run files one at a time so they do not truncate each other's rows.
  maxWorkers: process.env.TEST_MYSQL_URL ? 1 : '50%',
};
