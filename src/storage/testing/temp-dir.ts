import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system's temp folder, and its removal (call it in afterEach). */
export function tempDir(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `cassanova-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
