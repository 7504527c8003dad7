// Lint, including the layer rules of docs/architecture: which folder may import which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const engineFaces = ['electron', 'electron/*', '**/cli/**', '**/app/**', '**/host/**', '**/preload/**', '**/renderer/**'];
const layer = (message, patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'tmp/**', 'dist/**', '.cache/**', 'out/**', 'release/**', 'artifacts/**', 'models/**/*.onnx', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/shared/**/*.ts'],
    rules: layer(
      'main/shared is pure TypeScript: no node, electron, DOM or other layers.',
      ['node:*', '**/engine/**', '**/cli/**', '**/app/**', '**/host/**', '**/preload/**', '**/renderer/**', 'electron'],
      nodeBuiltins,
    ),
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: layer('main/engine is plain Node: it never imports electron or the faces (cli, app, host, preload, renderer).', engineFaces),
  },
  // A later block's no-restricted-imports replaces the earlier one for its files, so these repeat engineFaces.
  {
    files: ['main/engine/model/**/*.ts'],
    rules: layer('main/engine/model never imports the phantom generator (shared helpers such as the seeded RNG live in main/engine).', [
      ...engineFaces,
      '**/phantom/**',
    ]),
  },
  {
    files: ['main/engine/dicom/**/*.ts'],
    rules: layer('main/engine/dicom is the lowest reading layer: import, analysis, store and model call it, never the reverse.', [
      ...engineFaces,
      '**/engine/import/**',
      '../import/**',
      '**/analysis/**',
      '**/store/**',
      '**/model/**',
    ]),
  },
  {
    files: ['main/cli/**/*.ts', 'main/host/**/*.ts'],
    rules: layer('cli and host run in plain Node: no electron, no app or renderer code.', [
      'electron',
      'electron/*',
      '**/app/**',
      '**/preload/**',
      '**/renderer/**',
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer(
      'renderer runs in the browser: it talks to the engine only through the typed API (main/shared contract).',
      ['node:*', 'electron', '**/main/engine/**', '**/main/cli/**', '**/main/app/**', '**/main/host/**', '**/main/preload/**', 'better-sqlite3', 'onnxruntime-node'],
      nodeBuiltins,
    ),
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'bin/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
