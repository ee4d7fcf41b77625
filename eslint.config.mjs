// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'test-artifacts/', 'coverage/', 'data/', 'web/agent/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['web/**/*.js'], languageOptions: { globals: globals.browser } },
  { files: ['*.js', '*.mjs', 'test/**/*.js'], languageOptions: { globals: globals.node } },
  // CommonJS loaded by node --require before TypeScript is compiled.
  { files: ['test/helpers/tsChildRegister.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
