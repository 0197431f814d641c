#!/usr/bin/env node
'use strict';
// Runs one TypeScript file (benchmarks, scripts) with the same loader as the server.
require('./register-ts');
const path = require('node:path');
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bin/run-ts.js <file.ts> [args...]\n');
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(file));
