import type { Metric, Registry } from 'prom-client';

/** One line of a metric: its labels, its value, and for histograms the part it belongs to. */
export interface Sample {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
  /** _bucket, _sum or _count of a histogram. */
  readonly suffix?: '_bucket' | '_sum' | '_count';
}

export interface ScrapedMetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  /** Reads the cluster's own counters when Prometheus scrapes: nothing is kept twice. */
  collect(): Iterable<Sample>;
}

/**
 * Registers a metric whose values are read from the cluster on each scrape, in the shape prom-client's
 * Registry formats (it asks each metric for get()). The request path keeps counting in plain fields;
 * nothing runs between scrapes.
 */
export function registerScrapedMetric(registry: Registry, definition: ScrapedMetricDefinition): void {
  const metric = {
    name: definition.name,
    help: definition.help,
    type: definition.type,
    aggregator: 'sum',
    get: () => Promise.resolve({
      name: definition.name,
      help: definition.help,
      type: definition.type,
      aggregator: 'sum',
      values: [...definition.collect()].map((s) => ({ labels: s.labels, value: s.value, metricName: definition.name + (s.suffix ?? '') })),
    }),
  };
  // prom-client types registerMetric for its own classes; its Registry only reads name, type and get().
  registry.registerMetric(metric as unknown as Metric);
}
