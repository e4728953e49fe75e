#!/usr/bin/env node
// Entry point of `perflab` (`npx perflab`, `node bin/perflab.js`): runs the TypeScript CLI from its
// compiled JavaScript (bin/ts-cache.js; built by `npm ci`, refreshed by itself when a source
// changes). Types are checked by `npm run build` and the test suite, not on every start.
require('./ts-cache').register();
require('../src/cli/main').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`perflab: ${err && err.message ? err.message : err}`); process.exitCode = 1; },
);
