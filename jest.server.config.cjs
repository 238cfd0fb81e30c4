// `npm run test:server`: the database suite against the PostgreSQL server named by
// TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): every integration spec
// (*.int.spec.ts) again, plus the locking, racing-client and two-worker specs in test/server/.
const preset = require('./jest.preset.cjs');
process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/{apps,libs,workflows,test}/**/*.int.spec.ts', '<rootDir>/test/server/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
};
