import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Node's modules by exact name (a pattern would also match our own './ipc/events'), and
// anything under the node: scheme.
const nodeModuleNames = ['fs', 'fs/promises', 'path', 'os', 'net', 'tls', 'child_process', 'crypto', 'stream', 'events', 'util', 'buffer', 'http', 'https'];
const nodeScheme = ['node:*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', '.tsbuild/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // The boundaries of ARCHITECTURE.md, enforced.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeModuleNames.map((name) => ({ name, message: 'shared/ knows no runtime: no Node-only modules.' })),
        patterns: [
          { group: ['electron', 'electron/*'], message: 'shared/ knows no runtime: no electron.' },
          { group: nodeScheme, message: 'shared/ knows no runtime: no Node-only modules.' },
          { group: ['react', 'react-dom', 'react-dom/*', '../electron/*', '../renderer/*'], message: 'shared/ imports neither side.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/libvirt/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'electron/libvirt is a pure Node library: no electron.' },
          { group: ['**/main/*', '**/main', '**/bridge/*', '**/preload/*', '**/renderer/*'], message: 'electron/libvirt imports nothing of the app.' },
          { group: ['react', 'react-dom'], message: 'electron/libvirt knows no UI.' },
        ],
      }],
    },
  },
  {
    // The library has one public entry, electron/libvirt/index.ts: the app and the
    // benchmark import that, never a folder inside the library.
    files: ['electron/main/**/*.ts', 'electron/cli/**/*.ts', 'electron/bridge/**/*.ts', 'electron/preload/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: 'libvirt/.+', message: 'Import the libvirt library through its one entry (electron/libvirt), not its folders.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeModuleNames.map((name) => ({ name, message: 'The renderer knows no Node.' })),
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The renderer is untrusted: it reaches main only through the IPC contract.' },
          { group: nodeScheme, message: 'The renderer knows no Node.' },
          { group: ['../electron/*', '../../electron/*', '../../../electron/*'], message: 'The renderer imports only shared/.' },
        ],
      }],
    },
  },
);
