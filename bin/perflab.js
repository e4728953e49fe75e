#!/usr/bin/env node
// Entry point of `npx perflab`: runs the TypeScript CLI through ts-node (types are checked
// by `npm run build` and the test suite, not on every start).
require('ts-node').register({ transpileOnly: true, project: require('path').join(__dirname, '..', 'tsconfig.json') });
require('../src/cli/main').main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`perflab: ${err && err.message ? err.message : err}`); process.exitCode = 1; },
);
