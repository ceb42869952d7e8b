// Layering is a lint error, not a convention: the engine is a headless, deterministic library.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const engineBannedGlobals = [
  { name: 'setTimeout', message: 'The engine is deterministic: use the simulated clock (ctx.clock.setTimeout).' },
  { name: 'setInterval', message: 'The engine is deterministic: use the simulated clock.' },
  { name: 'clearTimeout', message: 'Use the simulated clock.' },
  { name: 'clearInterval', message: 'Use the simulated clock.' },
  { name: 'setImmediate', message: 'Use the simulated clock.' },
  { name: 'queueMicrotask', message: 'Use the simulated clock.' },
  { name: 'window', message: 'The engine runs in Node and in a Web Worker: no DOM.' },
  { name: 'document', message: 'The engine runs in Node and in a Web Worker: no DOM.' },
  { name: 'localStorage', message: 'The engine keeps no browser state.' },
  { name: 'performance', message: 'Use the simulated clock.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/kubectl/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/kubectl/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...engineBannedGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the simulated clock (clock.now()).' },
        { object: 'Math', property: 'random', message: 'Use the seeded random source (ctx.random).' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock: use the simulated clock.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', 'immer', '@xyflow/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml'], message: 'The engine is headless: no UI libraries.' },
            { group: ['**/ui/**', '**/lessons/**'], message: 'The engine may not import UI or lesson code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '!**/engine/protocol', '!**/engine/protocol.ts'],
              message: 'The UI reaches the engine only through the protocol (src/engine/protocol.ts) and the worker client.',
            },
          ],
        },
      ],
    },
  },
);
