// `npm run test:mutation`: the unit specs that pin the access policy (libs/auth) and the rules of
// the practice model and the deadline calculation (libs/domain), for StrykerJS
// (stryker.config.mjs). No database, no HTTP: each mutant is judged by these specs alone, which
// run in about a second.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/libs/{auth,domain}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '\\.int\\.spec\\.ts$'],
};
