// `npm run build`, `prepare` (npm install from git, npm pack, npm ci) and `npm start`'s first step: tsc into
// dist/tsc (declarations included), then the rolldown bundles of rolldown.config.js, then the declarations
// the entry points need into dist/types. Skipped when nothing it reads changed since the last build (a hash
// of the sources' contents in dist/.build-stamp), so a second `npm start` goes straight to the cluster; tsc
// itself is incremental (dist/tsc/.tsbuildinfo) when it runs. `--force` rebuilds anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const STAMP = join(root, 'dist/.build-stamp');
/** What the build reads besides src/: a change to any of them rebuilds. */
const CONFIG_FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'rolldown.config.js', 'scripts/build.js'];
/** The web dashboard's files (plain ES modules, HTML, CSS): copied as they are to dist/dashboard/. */
const DASHBOARD = join(root, 'src/admin/dashboard/client');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Contents, not modification times: a checkout that touches files without changing them costs no rebuild. */
function inputsHash() {
  const hash = createHash('sha256');
  const dashboard = readdirSync(DASHBOARD).sort().map((f) => join(DASHBOARD, f));
  const files = [...sourceFiles(join(root, 'src')).sort(), ...dashboard, ...CONFIG_FILES.map((f) => join(root, f))];
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds dist/ unless it is up to date (or `force`); exits the process if tsc fails. */
export async function build({ force = false } = {}) {
  const { default: bundles, outputs, entryModules } = await import('../rolldown.config.js');
  const hash = inputsHash();
  const upToDate = !force && [...outputs, 'dist/dashboard/index.html'].every((f) => existsSync(join(root, f))) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash;
  if (upToDate) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (compiled.status !== 0) process.exit(compiled.status ?? 1);
  // Bundles of entries or chunks that no longer exist must not linger in the package.
  for (const entry of readdirSync(join(root, 'dist'))) {
    if (/\.(c?js|map)$/.test(entry) || entry === 'chunks') rmSync(join(root, 'dist', entry), { recursive: true, force: true });
  }
  // rolldown's API, which unlike its CLI does not print a size table on every build.
  const rolldown = await import('rolldown');
  for (const options of bundles) await rolldown.build(options);
  copyDeclarations(entryModules.map((m) => join(root, m.replace(/\.js$/, '.d.ts'))));
  rmSync(join(root, 'dist/dashboard'), { recursive: true, force: true });
  cpSync(DASHBOARD, join(root, 'dist/dashboard'), { recursive: true });
  writeFileSync(STAMP, hash);
}

/**
 * Copies the declarations of the entry points, and every declaration file they import, from dist/tsc to
 * dist/types: the package ships those (package.json "types"), not the ~400 of the whole source tree.
 */
function copyDeclarations(entries) {
  const from = join(root, 'dist/tsc');
  const to = join(root, 'dist/types');
  rmSync(to, { recursive: true, force: true });
  const pending = [...entries];
  const copied = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (copied.has(file)) continue;
    copied.add(file);
    const text = readFileSync(file, 'utf8');
    const target = join(to, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      pending.push(resolve(dirname(file), `${specifier}.d.ts`));
    }
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build({ force: process.argv.includes('--force') });
}
