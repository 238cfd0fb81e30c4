// `npm run test:mutation`: the unit and machine specs that pin the access policy, the rules of
// the practice model and the deadline calculation, for StrykerJS (stryker.config.mjs). No
// database, no HTTP: each mutant is judged by these specs alone.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/libs/{auth,domain}/**/*.spec.ts', '<rootDir>/workflows/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.int\\.spec\\.ts$'],
};
