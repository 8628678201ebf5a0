// House rules a tool keeps: typescript-eslint's recommended set, formatting left to Prettier, and
// packages that reach each other only through their public entry points (@dd/<lib>, @dd/<lib>/testing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(libs/)?(domain|event-store|projections|cmrt|engine|reports)/src(/|$)',
              message: 'import another package through its entry point (@dd/<lib> or @dd/<lib>/testing), not by relative path',
            },
            {
              // @dd/engine/as-of: the as-of reads without the Nest engine, for the CLI's `audit replay` (docs/as-of-at-scale.md).
              regex: '^@dd/(?!engine/as-of$)[a-z-]+/(?!testing$)',
              message: 'import @dd/<lib>, @dd/<lib>/testing or @dd/engine/as-of, not a file inside the package',
            },
          ],
        },
      ],
    },
  },
  {
    // Specs read JSON back over HTTP and from the log: `any` there is what JSON.parse gives, not a hole in
    // the production types.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain Node scripts and tool configuration, in CommonJS.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
