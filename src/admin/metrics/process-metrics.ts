import type { Registry } from 'prom-client';

/**
 * The process' own metrics (CPU, memory, event loop lag, GC): one set per process, however many clusters
 * it runs, since prom-client's collectors install observers that are never removed. Made on the first
 * scrape of any cluster and appended to each cluster's exposition.
 */
let processRegistry: Promise<Registry> | null = null;

export function processMetrics(): Promise<Registry> {
  processRegistry ??= import('prom-client').then(({ Registry, collectDefaultMetrics }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return registry;
  });
  return processRegistry;
}
