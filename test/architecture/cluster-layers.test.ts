import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeImports, sourceFiles, SRC } from './source-graph.js';

/**
 * Inside src/cluster/ arrows point one way: cluster.ts and node/node.ts compose the parts (coordinator,
 * Paxos, hints, repair, topology, streaming, tracing, system views, control), and each part declares the
 * narrow view of a node or of the cluster it needs in a module that names neither Cluster nor Node.
 * Any import cycle between its modules, type imports included, fails here with the cycle spelled out, and
 * so does a part that imports Cluster or Node. Test support (testing/ folders) and unit tests are left out.
 */
const CHECKED = join(SRC, 'cluster');

/**
 * The modules that compose the parts and so may name Cluster (cluster.ts) or Node (node/node.ts): the
 * folder's index, cluster.ts itself (it creates the nodes) and plannedIdentities (it builds a Cluster).
 */
const COMPOSERS: Readonly<Record<string, readonly string[]>> = {
  'cluster.ts': ['index.ts', 'planned-identities.ts'],
  'node/node.ts': ['index.ts', 'cluster.ts'],
};

type Graph = ReadonlyMap<string, readonly string[]>;

function importGraph(dir: string): Graph {
  const modules = sourceFiles(dir).filter((f) => !relative(dir, f).split('/').includes('testing'));
  const known = new Set(modules);
  return new Map(modules.map((m) => [m, relativeImports(m).filter((t) => known.has(t))]));
}

/** Tarjan's strongly connected components that hold a cycle: more than one module, or one importing itself. */
function cyclicComponents(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components;
}

/** One shortest cycle through the first module of a component (breadth-first within it), as a → b → … → a. */
function cycleThrough(graph: Graph, component: readonly string[]): string[] {
  const inside = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (inside.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

describe('layers inside src/cluster', () => {
  const graph = importGraph(CHECKED);
  it('finds the modules of src/cluster', () => expect(graph.size).toBeGreaterThan(100));

  it('has no import cycle, type imports included', () => {
    const name = (m: string): string => relative(CHECKED, m);
    const cycles = cyclicComponents(graph).map((component) => (
      `${cycleThrough(graph, component).map(name).join(' → ')} (${component.length} modules in the cycle: ${component.map(name).sort().join(', ')})`
    ));
    expect(cycles).toEqual([]);
  });

  it('lets only the composing modules name Cluster and Node', () => {
    const violations: string[] = [];
    for (const [module, targets] of graph) {
      for (const target of targets) {
        const allowed = COMPOSERS[relative(CHECKED, target)];
        if (allowed !== undefined && !allowed.includes(relative(CHECKED, module))) {
          violations.push(`${relative(CHECKED, module)} → ${relative(CHECKED, target)}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
