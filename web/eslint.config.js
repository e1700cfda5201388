// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every folder under src/features is a feature; a new one is covered without editing this file. */
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The source layout (bulletproof-react): a feature imports only itself and the shared code (src/api,
 * src/components, src/lib, src/testing); shared code imports no feature and not the app.
 */
const boundaries = [
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature never imports another one: move what both need to src/api, src/components or src/lib.',
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Features do not import the app; the app mounts them.',
  },
  {
    target: ['./src/api', './src/components', './src/lib', './src/testing'],
    from: ['./src/features', './src/app'],
    message: 'Shared code does not import a feature or the app.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'target/', 'test-results/', 'playwright-report/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (a rest-destructured field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An async event handler is fine in JSX (react-hook-form's handleSubmit is one); elsewhere a
      // promise where a void callback is expected is an error.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `async` marks a function that returns a promise, with or without an `await` inside.
      '@typescript-eslint/require-await': 'off',
      // Playwright's fixtures take their dependencies as an object pattern, often an empty one.
      'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }],
    },
  },
  {
    // Tests read JSON bodies and use asymmetric matchers (`expect.objectContaining`), both typed `any`.
    files: ['**/*.test.{ts,tsx}', 'src/testing/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: globals.browser },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      // Only says that React Compiler would skip a component (react-hook-form's `watch`); none runs here.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // Node scripts of the browser tests and the build (not in the TypeScript project).
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
