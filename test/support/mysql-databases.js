'use strict';
/**
 * One MariaDB database per jest worker (helpdesk_test_w1, _w2, ...), so storage suites run in
 * parallel without truncating each other's rows. Plain JS: jest's globalSetup loads it before ts-jest.
 */
const WORKERS = 2;

/** TEST_MYSQL_URL with the worker's own database name. */
function workerUrl(base, worker) {
  const u = new URL(base);
  u.pathname = `/${decodeURIComponent(u.pathname.replace(/^\//, ''))}_w${worker}`;
  return u.toString();
}

/** globalSetup: create every worker's database once, before any test file runs. */
async function createWorkerDatabases() {
  const base = process.env.TEST_MYSQL_URL;
  if (!base) return;
  const mysql = require('mysql2/promise');
  const u = new URL(base);
  const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  try {
    for (let w = 1; w <= WORKERS; w++) {
      const name = new URL(workerUrl(base, w)).pathname.slice(1);
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  } finally {
    await conn.end();
  }
}

module.exports = createWorkerDatabases;
module.exports.workerUrl = workerUrl;
module.exports.WORKERS = WORKERS;
