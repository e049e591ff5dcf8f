// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript and JavaScript
// sources, with formatting left to Prettier (eslint-config-prettier turns off the rules it owns).
// `npm run lint`. Type-aware rules are off: they need the whole program type-checked per run
// (tens of seconds here), and `tsc --noEmit` already runs in `npm test`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', 'dist/', 'web/dist/', 'data/', 'out/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // `_`-prefixed parameters and variables are deliberately unused (callbacks' positions)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  { files: ['web/src/**'], languageOptions: { globals: { ...globals.browser } } },
  // tests and benchmarks read parsed JSON (API answers, manifests) whose shape they assert
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // the bin is CommonJS (bin/package.json; scripts/build.mjs says why)
  {
    files: ['bin/**'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // tslab runs the notebooks' helpers as CommonJS (notebooks/engine.ts explains why)
  {
    files: ['notebooks/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  // published coefficients (Wichura 1988, AS 241) are quoted to the digits the paper gives
  { files: ['src/core/stats/inverseNormalCdf.ts'], rules: { 'no-loss-of-precision': 'off' } },
  prettier,
  // After Prettier's config (which turns max-len off): Prettier wraps code at 120 but never a
  // comment, so this keeps comments and the code Prettier leaves long within the same width.
  // Strings, template literals, regular expressions and URLs may run on (messages stay greppable).
  // ESLint's own rule (frozen, kept until ESLint 11) rather than a plugin for one rule.
  {
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
);
