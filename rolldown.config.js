// Bundled because importing tsc's ~300 modules took Node's ESM loader ~250 ms; one bundled file imports in ~80 ms.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths from the repository, whatever the working directory of the build. */
const root = fileURLToPath(new URL('.', import.meta.url));

/** Hands each tsc output file to rolldown with its source map, so the bundles' maps lead to src/*.ts. */
const tscSourceMaps = {
  name: 'tsc-source-maps',
  async load(id) {
    if (!id.endsWith('.js')) return null;
    const [code, map] = await Promise.all([readFile(id, 'utf8'), readFile(`${id}.map`, 'utf8')]);
    return { code, map };
  },
};

/** npm packages and node: builtins stay imports; only tsc's output (relative imports) is bundled. */
const isBareSpecifier = (id) => !id.startsWith('.') && !isAbsolute(id);

/** The package's entry points (package.json "exports" and "bin"), by file name in dist/. */
const ENTRIES = {
  cassanova: 'dist/tsc/index.js',
  'cassanova-cli': 'dist/tsc/cli/cassanova.js',
  vitest: 'dist/tsc/runners/vitest.js',
  'jest-global-setup': 'dist/tsc/runners/jest-global-setup.js',
  'jest-global-teardown': 'dist/tsc/runners/jest-global-teardown.js',
  testing: 'dist/tsc/runners/testing.js',
};

const common = { platform: 'node', external: isBareSpecifier, plugins: [tscSourceMaps] };

/** What scripts/build.js checks for (from the repository): every file the package's entry points name. */
export const outputs = [...Object.keys(ENTRIES).map((name) => `dist/${name}.js`), 'dist/testing.cjs'];

/** tsc's output modules of the entry points, whose declarations (and what they import) the package ships. */
export const entryModules = Object.values(ENTRIES);

/**
 * Plain options (no defineConfig import): scripts/build.js reads this file on every `npm start`, and
 * importing rolldown only to find everything up to date would cost ~200 ms.
 * @type {import('rolldown').BuildOptions[]}
 */
export default [
  // One build for the ES module entries: what they share (the whole cluster) lands in one chunk, not in each.
  {
    ...common,
    input: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, resolve(root, file)])),
    output: { dir: resolve(root, 'dist'), format: 'esm', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  },
  // Jest's test files are CommonJS unless transformed: the test helpers (nothing of the cluster) for require().
  { ...common, input: resolve(root, ENTRIES.testing), output: { file: resolve(root, 'dist/testing.cjs'), format: 'cjs', sourcemap: true } },
];
