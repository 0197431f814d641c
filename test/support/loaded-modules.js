'use strict';
/**
 * Preloaded with `node -r` by test/server/build.test.ts: at exit, writes to $LOADED_MODULES_OUT the
 * packages this process loaded (from node_modules) and whether any TypeScript source was compiled.
 */
const fs = require('node:fs');
const tsLoaded = { value: false };
const previous = require.extensions['.ts'];
require.extensions['.ts'] = function (...args) {
  tsLoaded.value = true;
  return previous ? previous.apply(this, args) : undefined;
};
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) packages.add(m[1].replace(/\\/g, '/'));
    if (file.endsWith('.ts')) tsLoaded.value = true;
  }
  fs.writeFileSync(process.env.LOADED_MODULES_OUT, JSON.stringify({ packages: [...packages].sort(), typescript: tsLoaded.value || packages.has('typescript') }));
});
