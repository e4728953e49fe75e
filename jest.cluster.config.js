/**
 * The cluster suite (`npm run test:cluster`, started by scripts/cluster-test.sh, which provides
 * the cluster): one kube-apiserver shared by every test file; two files at a time (the stack shards use disjoint namespaces).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 600000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
