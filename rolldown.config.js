// Bundled because importing tsc's ~300 modules took Node's ESM loader ~250 ms; one bundled file imports in ~80 ms.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

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

const bundle = (entry, file) => ({
  input: resolve(entry),
  platform: 'node',
  external: isBareSpecifier,
  plugins: [tscSourceMaps],
  output: { file, format: 'esm', sourcemap: true },
});

/**
 * Plain options (no defineConfig import): scripts/build.js reads the output names on every `npm start`, and
 * importing rolldown only to find everything up to date would cost ~200 ms.
 * @type {import('rolldown').BuildOptions[]}
 */
export default [
  bundle('dist/tsc/index.js', 'dist/cassanova.js'),
  bundle('dist/tsc/cli/cassanova.js', 'dist/cassanova-cli.js'),
];
