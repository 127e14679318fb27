import { readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, SRC } from './source-graph.js';

/**
 * The layering of DESIGN.md, checked on every import: arrows point down only, and a top-level folder is
 * entered through its index.ts (test support in testing/ folders may reach another layer's testing/ files).
 * errors/ and common/ may be used by everything.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  main: ['config', 'transport', 'admin', 'cluster', 'query', 'kv'],
  index: ['main', 'kv'],
  runners: ['main'],
  cli: ['main', 'admin', 'kv'],
  transport: ['query', 'auth', 'protocol', 'cluster', 'schema', 'cql'],
  admin: ['query', 'cluster', 'kv'],
  kv: [],
  query: ['auth', 'cql', 'cluster', 'schema', 'data', 'types'],
  // Authentication and roles (Cassandra's auth package): the statements' ASTs below, driven by query and transport.
  auth: ['cql', 'schema', 'types'],
  cql: ['data', 'schema', 'types'],
  cluster: ['storage', 'data', 'schema', 'config', 'types'],
  storage: ['data', 'schema', 'types'],
  protocol: ['types'],
  schema: ['types'],
  data: ['schema', 'types'],
  types: [],
  config: [],
};
const EVERYWHERE = new Set(['errors', 'common']);

function isTestSupport(path: string): boolean {
  return relative(SRC, path).split('/').includes('testing');
}

function layerOf(path: string): string {
  const first = relative(SRC, path).split('/')[0]!;
  return first.replace(/\.(ts|js)$/, '');
}

describe('dependency direction', () => {
  const files = sourceFiles(SRC);
  it('finds the source tree', () => expect(files.length).toBeGreaterThan(50));

  it('imports only downwards, through index.ts between folders', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from '(\.[^']+)'/g)) {
        const target = resolve(dirname(file), match[1]!);
        const to = layerOf(target);
        if (to === from || EVERYWHERE.has(to)) continue;
        if (!(ALLOWED[from] ?? []).includes(to)) violations.push(`${relative(SRC, file)} → ${to}`);
        const inside = relative(join(SRC, to), target);
        // Test support (a testing/ folder) may use another layer's test support directly: it is no API.
        const betweenTestSupport = isTestSupport(file) && isTestSupport(target);
        if (inside !== 'index.js' && !betweenTestSupport && !['main.js', 'index.js'].includes(relative(SRC, target))) {
          violations.push(`${relative(SRC, file)} → ${relative(SRC, target)} (not through ${to}/index.ts)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
