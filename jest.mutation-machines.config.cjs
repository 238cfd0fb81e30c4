// `npm run test:mutation:machines`: the machine specs (workflows/src) and the rule specs that
// judge each mutant of the machines' guards and record-keeping actions, for StrykerJS
// (stryker.machines.config.mjs). No database, no HTTP. `machines.spec.ts` is left out: its
// walks of every simple path (about 20 s) cover every guard and action, so each mutant would
// wait for them, and what they check (the walk ends, every state is reachable) is not what a
// mutant of a guard's or an action's body changes.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/workflows/src/**/*.spec.ts', '<rootDir>/libs/domain/src/rules/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.int\\.spec\\.ts$', '<rootDir>/workflows/src/machines\\.spec\\.ts$'],
};
