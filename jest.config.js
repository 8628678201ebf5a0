/** One jest run covers unit specs next to the code (libs, apps) and the end-to-end suites in test/. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  // NestJS 12 ships as ES modules; jest's module system (unlike Node 20's require) cannot load
  // them untransformed, so those packages go through swc as well.
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|uid|load-esm|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  moduleNameMapper: {
    '^@dd/engine/as-of$': '<rootDir>/libs/engine/src/as-of.ts',
    '^@dd/(domain|event-store|projections|cmrt|engine|reports)/testing$': '<rootDir>/libs/$1/src/testing.ts',
    '^@dd/(domain|event-store|projections|cmrt|engine|reports)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testTimeout: 60000,
};
