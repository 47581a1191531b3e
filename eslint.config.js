import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { libraryLayers } from './eslint/library-layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.dure/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', globalThis: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Libraries import lower layers only, through their index.ts (eslint/library-layers.js). Tests may reach
    // inside a library to test its parts.
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    plugins: { dure: { rules: { 'library-layers': libraryLayers } } },
    rules: { 'dure/library-layers': 'error' },
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
