#!/usr/bin/env node
'use strict';
/**
 * Compiles the server and the CLI to dist/ (npm's `prepare`, so `npm install` builds once): the
 * files and options of tsconfig.build.json, each file transpiled on its own (the sources are
 * `isolatedModules`), so a type error never stops an install; `npm test` type-checks (tsc --noEmit).
 * Incremental: only sources newer than their output are compiled again, outputs of deleted sources go.
 * `node scripts/build.js --check` only says whether dist/ is up to date (exit 1 when it is not).
 * `tsc -p tsconfig.build.json` writes the same files, more slowly.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const ts = require('typescript');

function config() {
  const file = path.join(ROOT, 'tsconfig.build.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  return parsed;
}

function outputOf(outDir, src) {
  return path.join(outDir, path.relative(ROOT, src)).replace(/\.ts$/, '.js');
}

function stale(src, out) {
  try {
    return fs.statSync(out).mtimeMs < fs.statSync(src).mtimeMs;
  } catch {
    return true;
  }
}

function listOutputs(dir, acc = []) {
  if (!fs.existsSync(dir)) return acc;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) listOutputs(full, acc);
    else if (e.name.endsWith('.js')) acc.push(full);
  }
  return acc;
}

/** A server starting meanwhile never reads half a file. */
function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Returns the number of files compiled (or, with check, found out of date). */
function build({ check = false, quiet = false } = {}) {
  const { options, fileNames } = config();
  const outDir = options.outDir;
  const sources = fileNames.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const wanted = new Set(sources.map((s) => outputOf(outDir, s)));
  const removed = listOutputs(outDir).filter((o) => !wanted.has(o));
  const todo = sources.filter((s) => stale(s, outputOf(outDir, s)));
  if (check) return todo.length + removed.length;
  for (const o of removed) {
    fs.rmSync(o, { force: true });
    fs.rmSync(`${o}.map`, { force: true });
  }
  const compilerOptions = { ...options, sourceMap: true, inlineSourceMap: false, noEmit: false, declaration: false };
  for (const src of todo) {
    const out = outputOf(outDir, src);
    const res = ts.transpileModule(fs.readFileSync(src, 'utf8'), { compilerOptions, fileName: src, reportDiagnostics: false });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const mapRef = `//# sourceMappingURL=${path.basename(out)}.map`;
    if (res.sourceMapText) writeAtomically(`${out}.map`, res.sourceMapText);
    writeAtomically(out, res.outputText.replace(/\/\/# sourceMappingURL=.*$/m, mapRef));
  }
  if (!quiet && (todo.length || removed.length)) {
    process.stdout.write(`helpdesk: compiled ${todo.length} file(s) to ${path.relative(ROOT, outDir)}/${removed.length ? `, removed ${removed.length}` : ''}\n`);
  }
  return todo.length + removed.length;
}

module.exports = { build };

if (require.main === module) {
  const check = process.argv.includes('--check');
  const n = build({ check });
  if (check) {
    process.stdout.write(n ? `dist/ is out of date (${n} file(s)): run npm run build\n` : 'dist/ is up to date\n');
    process.exitCode = n ? 1 : 0;
  }
}
