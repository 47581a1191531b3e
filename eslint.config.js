import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { libraryLayers } from './eslint/library-layers.js';

const STATUS_MESSAGE = "Change a status only through the entity's StatusTransitions (libs/common/src/state): apply, transition or applyToAll.";
const SQL_SETS_STATUS = String.raw`/\bSET\b(?:(?!\bWHERE\b)[^;])*\bstatus\s*=/i`;

/** Writes of `status` that bypass the transitions table. */
export const STRAY_STATUS_CHANGES = [
  "AssignmentExpression[left.type='MemberExpression'][left.property.name='status']",
  "CallExpression[callee.object.name='Object'][callee.property.name='assign'] > ObjectExpression > Property[key.name='status']",
  "CallExpression[callee.property.name=/^(update|set|merge|preload|upsert)$/] > ObjectExpression > Property[key.name='status']",
  `Literal[value=${SQL_SETS_STATUS}]`,
  `TemplateElement[value.raw=${SQL_SETS_STATUS}]`,
].map((selector) => ({ selector, message: STATUS_MESSAGE }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.dure/**', 'coverage/**', 'apps/console/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        globalThis: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // The console (apps/console) is a React app in the browser: the rules of hooks, and no server layers to keep.
    files: ['apps/console/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Of the server's code the browser gets only import-free modules written for both: the carriers' formats
    // (libs/commerce/src/carrier-formats.ts) and the NTS approval number's (libs/settlement/src/approval-number.ts),
    // so the forms check tracking and approval numbers as the server does.
    files: ['apps/console/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(\.\./)+(libs/(?!(commerce/src/carrier-formats|settlement/src/approval-number)$)|apps/|api/|worker/)`,
              message: 'The console imports no server code; only libs/commerce/src/carrier-formats and libs/settlement/src/approval-number are shared with it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Libraries import lower layers only, through their index.ts (eslint/library-layers.js). Tests may reach
    // inside a library to test its parts. The console follows its own rule above.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['apps/console/**'],
    plugins: { dure: { rules: { 'library-layers': libraryLayers } } },
    rules: { 'dure/library-layers': 'error' },
  },
  {
    // One way to change a status (README "Shape of the code"): StatusTransitions in libs/common/src/state.
    // Creating a row in its first status is allowed; the simulated provider keeps the provider's records, not ours.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['libs/common/src/state/**', '**/*.spec.ts', '**/migrations/**', 'libs/payments/src/provider/simulated/**'],
    rules: { 'no-restricted-syntax': ['error', ...STRAY_STATUS_CHANGES] },
  },
  {
    // The benchmark is a plain Node.js ESM program that reports on the console.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**', 'apps/api/src/cli.ts', '**/*.spec.ts', 'eslint/**'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
