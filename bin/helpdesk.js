#!/usr/bin/env node
'use strict';
require('./register-ts');
require('../cli/index.ts')
  .run(process.argv.slice(2))
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  });
