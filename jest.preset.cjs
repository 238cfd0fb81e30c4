// Shared Jest settings: SWC transform (fast), path aliases, and the ESM-only packages
// (NestJS 12 and friends) that must be transformed because Jest cannot load ESM from node_modules.
const path = require('node:path');
const esmPackages = [
  '@nestjs', 'file-type', 'load-esm', 'uid', 'strtok3', 'token-types', '@tokenizer',
  'uint8array-extras', '@borewit', 'cookie', 'jose', 'content-disposition',
  // wooorm's readability formula and syllable counter (the documents' readability test).
  'flesch', 'syllable',
  // The pages' OpenID Connect client (openid-client 6 is ESM only) and the library it is built on.
  'openid-client', 'oauth4webapi',
  // @fastify/cookie loads the ESM-only cookie 2 with import(), which Jest runs only once transformed.
  '@fastify/cookie',
];
const swcOptions = {
  swcrc: false,
  sourceMaps: 'inline',
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};
const root = __dirname;
module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@tacu/domain$': path.join(root, 'libs/domain/src/index.ts'),
    '^@tacu/workflows$': path.join(root, 'workflows/src/index.ts'),
    '^@tacu/persistence$': path.join(root, 'libs/persistence/src/index.ts'),
    '^@tacu/engine$': path.join(root, 'libs/engine/src/index.ts'),
    '^@tacu/auth$': path.join(root, 'libs/auth/src/index.ts'),
    '^@tacu/documents$': path.join(root, 'libs/documents/src/index.ts'),
    '^@tacu/testing$': path.join(root, 'test/support/index.ts'),
    '^@tacu/api$': path.join(root, 'apps/api/src/index.ts'),
  },
};
