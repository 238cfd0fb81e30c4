// Mutation testing of the access policy (libs/auth), the rules of the practice model
// (libs/domain) and the deadline calculation: `npm run test:mutation`. Outside the everyday
// suite (it runs the specs once per mutant). The report goes to reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.cjs', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: ['libs/auth/src/**/*.ts', 'libs/domain/src/**/*.ts', '!**/*.spec.ts', '!**/index.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
