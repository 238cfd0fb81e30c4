// Mutation testing of the machines' guards and record-keeping actions (workflows/src):
// `npm run test:mutation:machines`. Outside the everyday suite. Static mutants (the machines'
// structure, built when the module loads: states, targets, which guard sits on which event) are
// left out: each would rerun every spec, and the structure is pinned by the model-based paths
// (test/model), which walk every state and transition. Report: reports/mutation/machines.html.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  jest: { configFile: 'jest.mutation-machines.config.cjs', enableFindRelatedTests: false },
  mutate: ['workflows/src/*.machine.ts', 'workflows/src/consent.ts', 'workflows/src/contact-log.ts', 'workflows/src/setup.ts', '!**/*.spec.ts'],
  ignoreStatic: true,
  thresholds: { high: 90, low: 85, break: null },
  htmlReporter: { fileName: 'reports/mutation/machines.html' },
  jsonReporter: { fileName: 'reports/mutation/machines.json' },
};
