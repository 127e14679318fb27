/**
 * A project of a user's, in a temporary folder, with the packed package installed as npm installs it, and
 * nothing downloaded: every npm command runs offline against an unreachable registry.
 *
 * The package's own dependencies are copied from this repository's node_modules before `npm install
 * <tarball>`: npm then finds them installed, at the versions the package asks for, and has nothing to
 * fetch. (Installing them from npm's cache with --offline would depend on what the cache holds: `npm ci`
 * fetches tarballs by lockfile without the registry documents an install needs.) Tools the samples run
 * (vitest, jest, cassandra-driver) are linked in afterwards; npm install would prune them as extraneous.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** npm without the network: an unreachable registry, offline mode, no audit or funding requests. */
const OFFLINE_NPM: NodeJS.ProcessEnv = {
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** The environment of a child: this process's, without what the surrounding Vitest run sets for its own workers. */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|__VITEST|TINYPOOL|NODE_OPTIONS$|CASSANOVA_|FORCE_COLOR$)/.test(key)) env[key] = value;
  }
  return { ...env, ...OFFLINE_NPM, NO_COLOR: '1', ...extra };
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

const running = new Set<ChildProcess>();

/** Runs a command to its end (killed after `timeoutMs`), its stdout and stderr together. */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs: number, env = childEnv()): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      done({ code, signal, output });
    });
  });
}

/** Starts a long-running command; `output()` reads what it printed so far. */
export function start(command: string, args: readonly string[], cwd: string): { child: ChildProcess; output: () => string; exited: Promise<Run> } {
  const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<Run>((done) => child.on('close', (code, signal) => {
    running.delete(child);
    done({ code, signal, output });
  }));
  return { child, output: () => output, exited };
}

/** Kills whatever a test left running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface Pack {
  readonly tarball: string;
  readonly files: readonly PackedFile[];
  readonly sizeBytes: number;
  readonly unpackedSizeBytes: number;
}

/** `npm pack` of this repository into `dir` (its prepare script builds dist/ if it is not up to date). */
export async function packPackage(dir: string): Promise<Pack> {
  const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], ROOT, 300_000);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
  // Anything the prepare script printed comes before npm's JSON.
  const json = JSON.parse(packed.output.slice(packed.output.search(/^\[/m))) as {
    filename: string; files: PackedFile[]; size: number; unpackedSize: number;
  }[];
  const [result] = json;
  return { tarball: join(dir, result!.filename), files: result!.files, sizeBytes: result!.size, unpackedSizeBytes: result!.unpackedSize };
}

/**
 * Copies `name` and, recursively, the dependencies it has installed (optional ones only when present, as npm
 * leaves out other platforms' binaries), from where Node would resolve them in this repository.
 */
function copyInstalled(name: string, fromDir: string, project: string, copied: Set<string>): void {
  let source: string | undefined;
  for (let dir = fromDir; source === undefined; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name))) source = join(dir, 'node_modules', name);
    else if (dir === ROOT) return;
  }
  if (copied.has(source)) return;
  copied.add(source);
  // The same place under the project as under the repository, so that nested versions stay nested.
  const target = join(project, relative(ROOT, source));
  cpSync(source, target, { recursive: true, dereference: true });
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  linkBins(target, name, manifest['bin']);
  for (const dependency of Object.keys({ ...manifest['dependencies'], ...manifest['optionalDependencies'] })) {
    copyInstalled(dependency, source, project, copied);
  }
}

/**
 * The links npm would have made in node_modules/.bin for a copied package: without them npm takes the copy
 * for a broken install and fetches the package again, which offline it cannot.
 */
function linkBins(target: string, name: string, bin: Record<string, string> | string | undefined): void {
  if (bin === undefined) return;
  const bins = typeof bin === 'string' ? { [name.split('/').pop()!]: bin } : bin;
  const binDir = join(dirname(name.includes('/') ? dirname(target) : target), '.bin');
  mkdirSync(binDir, { recursive: true });
  for (const [command, file] of Object.entries(bins)) {
    const link = join(binDir, command);
    if (!existsSync(link)) symlinkSync(relative(binDir, join(target, file)), link);
  }
}

/** A project in `project` (made from `template` if given) with the packed package installed by npm. */
export async function installInto(project: string, tarball: string, template?: string): Promise<void> {
  if (template === undefined) mkdirSync(project, { recursive: true });
  else cpSync(template, project, { recursive: true });
  if (!existsSync(join(project, 'package.json'))) writeFileSync(join(project, 'package.json'), '{ "name": "scratch", "private": true, "type": "module" }\n');
  const ownManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const copied = new Set<string>();
  for (const dependency of Object.keys(ownManifest.dependencies)) copyInstalled(dependency, ROOT, project, copied);
  const installed = await run('npm', ['install', '--no-package-lock', tarball], project, 180_000);
  if (installed.code !== 0) throw new Error(`npm install ${tarball} failed:\n${installed.output}`);
}

/** Links packages of this repository's node_modules into the project (the samples' test runners and driver). */
export function linkFromRepository(project: string, names: readonly string[]): void {
  for (const name of names) {
    const target = join(project, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target)) symlinkSync(join(ROOT, 'node_modules', name), target, 'dir');
  }
}
