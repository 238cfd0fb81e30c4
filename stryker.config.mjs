// Mutation testing of the access policy (libs/auth), the rules of the practice model and the
// deadline calculation (libs/domain): `npm run test:mutation`. Outside the everyday suite (it
// runs the specs once per mutant: about half an hour on this 2-core machine). Report:
// reports/mutation/index.html; the surviving mutants and why they are left are in the README.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.cjs', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'libs/auth/src/policy.ts',
    'libs/auth/src/naming.ts',
    'libs/auth/src/claims.ts',
    'libs/auth/src/tokens.ts',
    'libs/auth/src/redaction.ts',
    'libs/domain/src/rules/*.ts',
    'libs/domain/src/named-people.ts',
    'libs/domain/src/calendar.ts',
    'libs/domain/src/deadline-policy.ts',
    'libs/domain/src/public-holidays.ts',
    'libs/domain/src/local-day.ts',
    '!**/*.spec.ts',
    '!**/index.ts',
  ],
  ignorePatterns: ['dist', 'coverage', '.nx', '.data', 'tmp', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 20000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
