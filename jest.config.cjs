// `npm test`: every unit, machine, model-based, integration (on embedded PGlite) and e2e test.
const preset = require('./jest.preset.cjs');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/server/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
