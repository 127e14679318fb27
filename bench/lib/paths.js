// Where things are, relative to the repository: the bundles in dist/ for Cassanova, ../shared/floor for the floor.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST = '127.0.0.1';
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const benchDir = resolve(repoRoot, 'bench');
/** The package entry and the CLI, as package.json names them (bundles of tsc's output). */
export const distEntry = resolve(repoRoot, 'dist/cassanova.js');
export const distCli = resolve(repoRoot, 'dist/cassanova-cli.js');

export function floorScript() {
  const path = resolve(repoRoot, '../shared/floor/null-server.js');
  if (!existsSync(path)) {
    throw new Error(`protocol floor not found at ${path}: the bench expects shared/ checked out beside the repository`);
  }
  return path;
}

export function requireDist(path) {
  if (!existsSync(path)) throw new Error(`${path} missing: build first (npm run build)`);
  return path;
}

/** A port free on HOST right now (the OS picks it; another process could take it before we bind again). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
