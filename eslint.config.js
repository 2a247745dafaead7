import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noLiteralText from './eslint/no-literal-text.js';

// Which folder may import which. An import names a folder of this project by a relative path
// that climbs to it (`../../lib/…`) or by WXT's root aliases (`@/lib/…`, `~~/lib/…`).
const climbsTo = (names) => `((\\.\\.?/)+|[@~]{1,2}/)(${names})(/|$)`;
const folder = (names) => `^${climbsTo(names)}`;
/** Imports of these folders are refused, with this message. */
const importsOf = (names, message) => ({ regex: folder(names), message });
const EXTENSION_AND_SIMULATOR = 'The extension and the simulator never import each other.';
const tests = importsOf('tests', 'Only tests import from tests/.');
const simulator = importsOf('simulator', EXTENSION_AND_SIMULATOR);
const extension = importsOf('lib|components|entrypoints', EXTENSION_AND_SIMULATOR);
const views = importsOf(
  'components|entrypoints',
  'lib/ is logic with no UI: it does not import components/ or entrypoints/.',
);
const react = {
  regex: '^(react|react-dom|dexie-react-hooks)(/|$)',
  message: 'lib/ is logic with no UI: React hooks and views belong in components/.',
};
/**
 * Inside lib/: an import of these lib/ folders, from a sibling folder (`../listener/…`) or from
 * anywhere by way of lib/ (`../../lib/listener/…`, `@/lib/listener/…`).
 */
const importsOfLib = (names, message) => ({
  regex: `^((\\.\\.?/)+(lib/)?|[@~]{1,2}/lib/)(${names})(/|$)`,
  message,
});
const aboveTheData = importsOfLib(
  'listener|host|background',
  'lib/db, lib/twitch, lib/wording and the message protocol lie below the listener, its host and the background: they import none of them (shared types live in lib/listener-protocol.ts).',
);
const forbidImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['.output', '.wxt', '.sim', 'node_modules', 'coverage', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Views say nothing of their own: every word is a message (README, "Languages").
    // (eslint-plugin-react's jsx-no-literals does not support ESLint 10; this rule is its
    // equivalent for text, with the attributes people read.)
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx'],
    plugins: { local: { rules: { 'no-literal-text': noLiteralText } } },
    rules: { 'local/no-literal-text': 'error' },
  },
  {
    files: ['simulator/**', 'scripts/**', 'browser/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  { ignores: ['tests/**'], rules: forbidImports(tests) },
  { files: ['lib/**'], rules: forbidImports(tests, simulator, views, react) },
  {
    files: [
      'lib/db/**',
      'lib/twitch/**',
      'lib/wording/**',
      'lib/listener-protocol.ts',
      'lib/messaging.ts',
    ],
    rules: forbidImports(tests, simulator, views, react, aboveTheData),
  },
  { files: ['components/**', 'entrypoints/**'], rules: forbidImports(tests, simulator) },
  { files: ['simulator/**'], rules: forbidImports(tests, extension) },
);
