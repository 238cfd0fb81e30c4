// `npm run test:mutation:machines`: the machine specs (workflows/src) and the rule specs that
// judge each mutant of the machines' guards and record-keeping actions, for StrykerJS
// (stryker.machines.config.mjs). No database, no HTTP.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/workflows/src/**/*.spec.ts', '<rootDir>/libs/domain/src/rules/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.int\\.spec\\.ts$'],
};
