import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The source tree the architecture tests check. */
export const SRC = resolve(__dirname, '../../src');

/** Every non-test TypeScript module under `dir` (unit tests, `*.test.ts`, left out). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The modules `file` imports by relative path, as absolute .ts paths: value and type imports, re-exports
 * (`export … from`), side-effect imports and inline `import('…')` types alike.
 */
export function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets = new Set<string>();
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)) {
    targets.add(resolve(dirname(file), match[1]!).replace(/\.js$/, '.ts'));
  }
  return [...targets];
}
