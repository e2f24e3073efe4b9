// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const effectModules = ['fs', 'fs/promises', 'child_process', 'net', 'readline', 'worker_threads']
  .flatMap((name) => [name, `node:${name}`])
  .concat(['execa', 'mysql2', 'mysql2/promise']);
const effectPaths = effectModules.map((name) => ({ name, message: 'Effects live in src/adapters; take an adapter instead.' }));

/**
 * The layers of src/, lowest first, and what each may import besides itself; src/cli, the top, may
 * import them all. A lower layer never imports a higher one; only observe, apply and cli reach the
 * adapters, which see core and model alone.
 */
const layers = [
  { folder: 'core', imports: [], why: 'errors, versions and tiny helpers depend on nothing' },
  { folder: 'model', imports: ['core'], why: "cellar's vocabulary is shared by every layer and depends on none of them" },
  { folder: 'cells', imports: ['core', 'model'], why: 'reading and patching pydio.json is pure' },
  { folder: 'config', imports: ['core', 'model', 'cells'], why: 'checking the plan file is pure; src/observe reads it' },
  { folder: 'observe', imports: ['core', 'model', 'cells', 'config', 'adapters'], why: 'observe gathers facts; plan decides from them' },
  { folder: 'plan', imports: ['core', 'model', 'cells', 'config', 'observe'], why: 'planners decide from facts alone, with no effects' },
  { folder: 'render', imports: ['core', 'model'], why: "renderers read cellar's data, never the code that gathers or decides it" },
  { folder: 'apply', imports: ['core', 'model', 'cells', 'config', 'observe', 'plan', 'adapters'], why: 'apply carries out a plan; src/cli drives it' },
  { folder: 'adapters', imports: ['core', 'model'], why: 'adapters carry out effects and know no domain module; the caller passes plain values' },
];
const layerNames = [...layers.map(({ folder }) => folder), 'cli'];
const listFormat = new Intl.ListFormat('en', { type: 'conjunction' });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.demo/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only adapters touch the file system, child processes and MySQL.
    files: ['src/**/*.ts'],
    ignores: ['src/adapters/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: effectPaths }],
    },
  },
  // One block per layer, after the one above: ESLint replaces a rule's options, it does not merge them.
  ...layers.map(({ folder, imports, why }) => {
    const forbidden = layerNames.filter((name) => name !== folder && !imports.includes(name));
    const may = imports.length === 0 ? 'imports no other layer' : `may import only ${listFormat.format(imports.map((name) => `src/${name}`))}`;
    return {
      files: [`src/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: folder === 'adapters' ? [] : effectPaths,
            patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: `src/${folder} ${may}: ${why}.` }],
          },
        ],
      },
    };
  }),
  {
    // About 60 lines at most; a longer function says why beside it.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 65, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'demo/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
