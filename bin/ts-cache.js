#!/usr/bin/env node
/**
 * Compiled JavaScript for the `perflab` command, so it starts in a fraction of a second instead of
 * transpiling hundreds of TypeScript files on every start (what ts-node does).
 *
 * `register()` installs a loader for `.ts` files that runs the file's compiled JavaScript from
 * `.perflab/js/`, keyed by a hash of the source, the tsconfig and the TypeScript version — so an
 * edited file is recompiled on its next load and a stale build can never run. Modules keep their
 * own file name, so `__dirname` and stack traces (through inline source maps) point at the `.ts`
 * sources. Only a miss loads the TypeScript compiler.
 *
 * `node bin/ts-cache.js` (the `prepare` script: `npm ci` and `npm install` run it) compiles every
 * source file ahead of time and drops entries no source uses any more.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** Where compiled files live (gitignored with the rest of .perflab/); PERFLAB_JS_CACHE overrides it. */
const CACHE_DIR = process.env.PERFLAB_JS_CACHE || path.join(ROOT, '.perflab', 'js');
const TSCONFIG = path.join(ROOT, 'tsconfig.json');
/** Source folders the CLI loads from (tests and the bench run through their own tools). */
const SOURCE_DIRS = ['src', 'experiments', 'constructs', 'charts', 'policies', 'dashboards'];

let ts;
let compilerOptions;
let salt;

function typescript() {
  if (!ts) ts = require('typescript');
  return ts;
}

/** Everything besides the source that changes the output: the tsconfig text and the compiler version. */
function cacheSalt() {
  if (salt === undefined) {
    let tsVersion = 'unknown';
    try {
      tsVersion = require(require.resolve('typescript/package.json', { paths: [ROOT] })).version;
    } catch {
      // no compiler installed: every miss fails loudly in compile()
    }
    salt = `${tsVersion}\0${fs.readFileSync(TSCONFIG, 'utf8')}`;
  }
  return salt;
}

function options() {
  if (!compilerOptions) {
    const t = typescript();
    const { config, error } = t.readConfigFile(TSCONFIG, t.sys.readFile);
    if (error) throw new Error(`perflab: cannot read ${TSCONFIG}: ${t.flattenDiagnosticMessageText(error.messageText, '\n')}`);
    const parsed = t.convertCompilerOptionsFromJson(config.compilerOptions || {}, ROOT);
    compilerOptions = { ...parsed.options, sourceMap: false, inlineSourceMap: true, inlineSources: false, declaration: false, noEmit: false };
  }
  return compilerOptions;
}

/** Cache file of one source text. */
function cacheFile(filename, source) {
  const hash = crypto.createHash('sha1').update(cacheSalt()).update('\0').update(filename).update('\0').update(source).digest('hex');
  return path.join(CACHE_DIR, `${hash}.js`);
}

/** Transpiles one file (no type check: `npm run build` and the tests do that). */
function compile(filename, source) {
  return typescript().transpileModule(source, { compilerOptions: options(), fileName: filename }).outputText;
}

/** Writes `text` so that readers see nothing or the whole file. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** The compiled JavaScript of `filename`: from the cache, else compiled now and stored. */
function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const file = cacheFile(filename, source);
  try {
    return { file, js: fs.readFileSync(file, 'utf8'), hit: true };
  } catch {
    const js = compile(filename, source);
    try {
      writeAtomic(file, js);
    } catch {
      // a read-only checkout still runs, only without the cache
    }
    return { file, js, hit: false };
  }
}

/** Loads `.ts` modules from their compiled JavaScript. */
function register() {
  process.setSourceMapsEnabled?.(true);
  require.extensions['.ts'] = function loadTs(module, filename) {
    module._compile(compiled(filename).js, filename);
  };
}

function sourcesUnder(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.') && full !== path.join(ROOT, 'experiments', 'runtime', 'apps')) sourcesUnder(full, out);
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Compiles every CLI source into the cache and removes entries of sources that changed; returns counts. */
function buildAll() {
  const files = [path.join(ROOT, 'index.ts'), ...SOURCE_DIRS.flatMap((d) => sourcesUnder(path.join(ROOT, d), []))];
  const keep = new Set();
  let compiledNow = 0;
  for (const f of files) {
    const r = compiled(f);
    keep.add(path.basename(r.file));
    if (!r.hit) compiledNow += 1;
  }
  let removed = 0;
  for (const name of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
    if (!keep.has(name)) {
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
      removed += 1;
    }
  }
  return { files: files.length, compiled: compiledNow, removed };
}

module.exports = { register, buildAll, CACHE_DIR };

if (require.main === module) {
  const t0 = Date.now();
  const r = buildAll();
  process.stdout.write(`perflab: ${r.files} sources, ${r.compiled} compiled, ${r.removed} stale removed, in ${path.relative(process.cwd(), CACHE_DIR) || CACHE_DIR} (${Date.now() - t0} ms)\n`);
}
