// Lint rules, and the architecture's dependency rule made executable:
// machines (workflows) and the domain import no framework; the engine imports workflows,
// domain and persistence; apps import libs; nothing imports an app. The domain's one library is
// luxon (pure time-zone arithmetic for counting deadlines on the local calendar).
import nx from '@nx/eslint-plugin';
import { templatesConfig } from './libs/documents/eslint-templates.mjs';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['tmp/**', '**/dist', '**/node_modules', '**/.data', '**/coverage', '.stryker-tmp/**', 'reports/**', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [], allowedExternalImports: ['luxon'] },
            { sourceTag: 'type:machine', onlyDependOnLibsWithTags: ['type:domain'], allowedExternalImports: ['xstate'] },
            { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:documents', onlyDependOnLibsWithTags: ['type:domain', 'type:machine'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:domain', 'type:machine', 'type:persistence', 'type:documents'] },
            { sourceTag: 'type:auth', onlyDependOnLibsWithTags: ['type:domain', 'type:machine'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:machine', 'type:persistence', 'type:engine', 'type:auth', 'type:documents'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:domain', 'type:machine', 'type:persistence', 'type:engine', 'type:auth', 'type:documents', 'type:app', 'type:test'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Machines are pure: no Node built-ins, no clock, no randomness.
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Machines read time from context.now, set by the engine clock.' },
        { object: 'Math', property: 'random', message: 'Machines are deterministic.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Machines read time from context.now.' }],
    },
  },
  // The document templates: they parse, and print nothing unescaped (libs/documents/eslint-templates.mjs).
  ...templatesConfig,
];
