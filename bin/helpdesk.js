#!/usr/bin/env node
'use strict';
// Runs the build in dist/ (`npm install` compiles it once: the `prepare` script; `npm run build` again).
let cli;
try {
  cli = require('../dist/cli/index.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]index\.js/.test(e.message)) {
    process.stderr.write('helpdesk: the build is missing (dist/): run npm run build\n');
    process.exit(1);
  }
  throw e;
}
cli
  .run(process.argv.slice(2))
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
