import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest, type ClusterManifest } from './cluster-manifest.js';

/** The file at the root of a data folder that names its cluster and nodes. */
export const MANIFEST_FILE = 'cassanova.json';

/**
 * The manifest of the data folder `dir`, read without opening the folder (no lock taken), or null when the
 * folder holds no cluster yet: for tools that check a folder before starting a cluster in it.
 */
export function savedManifest(dir: string): ClusterManifest | null {
  const path = join(dir, MANIFEST_FILE);
  return existsSync(path) ? parseManifest(readFileSync(path, 'utf8'), path) : null;
}
