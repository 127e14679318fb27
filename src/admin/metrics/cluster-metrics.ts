import type { Registry } from 'prom-client';
import { ConsistencyLevel } from '../../errors/index.js';
import { SUCCESS, type Cluster, type EstimatedHistogram, type Node } from '../../cluster/index.js';
import { uuidText } from '../uuid-text.js';
import { registerScrapedMetric, type Sample } from './scraped-metric.js';

/** Protocol error codes by the names of the spec (§9), lower-cased for labels. */
const ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'server_error'], [0x000a, 'protocol_error'], [0x0100, 'bad_credentials'], [0x1000, 'unavailable'],
  [0x1001, 'overloaded'], [0x1002, 'is_bootstrapping'], [0x1003, 'truncate_error'], [0x1100, 'write_timeout'],
  [0x1200, 'read_timeout'], [0x1300, 'read_failure'], [0x1400, 'function_failure'], [0x1500, 'write_failure'],
  [0x1600, 'cdc_write_failure'], [0x1700, 'cas_write_unknown'], [0x2000, 'syntax_error'], [0x2100, 'unauthorized'],
  [0x2200, 'invalid'], [0x2300, 'config_error'], [0x2400, 'already_exists'], [0x2500, 'unprepared'],
]);

/** Upper bounds (`le`) of the latency histograms, in seconds: 100 µs to 10 s. */
export const LATENCY_BUCKETS_SECONDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const NANOS_PER_SECOND = 1e9;

function outcomeName(outcome: number): string {
  return outcome === SUCCESS ? 'success' : ERROR_NAMES.get(outcome) ?? `error_0x${outcome.toString(16).padStart(4, '0')}`;
}

/** A histogram in nanoseconds as Prometheus wants it: cumulative buckets in seconds, the sum, the count. */
function* histogramSamples(labels: Readonly<Record<string, string | number>>, histogram: EstimatedHistogram): Iterable<Sample> {
  for (const le of LATENCY_BUCKETS_SECONDS) {
    yield { labels: { ...labels, le }, value: histogram.countAtMost(le * NANOS_PER_SECOND), suffix: '_bucket' };
  }
  yield { labels: { ...labels, le: '+Inf' }, value: histogram.count, suffix: '_bucket' };
  yield { labels, value: histogram.sum / NANOS_PER_SECOND, suffix: '_sum' };
  yield { labels, value: histogram.count, suffix: '_count' };
}

function* perNode(cluster: Cluster, sample: (node: Node, labels: { readonly node: number }) => Iterable<Sample>): Iterable<Sample> {
  for (const node of cluster.nodes) yield* sample(node, { node: node.identity.id });
}

/** Table names by id, for labelling what each node holds. */
function tableNames(cluster: Cluster): Map<string, { keyspace: string; table: string }> {
  const names = new Map<string, { keyspace: string; table: string }>();
  for (const ks of cluster.schema.keyspaces.values()) {
    for (const table of ks.tables.values()) names.set(table.id.toString('hex'), { keyspace: ks.name, table: table.name });
  }
  return names;
}

/** What each node holds, per table: partitions, rows and bytes (one walk per scrape). */
function* heldData(cluster: Cluster, what: 'partitionCount' | 'rowCount' | 'sizeBytes'): Iterable<Sample> {
  const names = tableNames(cluster);
  for (const node of cluster.nodes) {
    for (const [id, stats] of node.storage.tables()) {
      const name = names.get(id);
      if (name !== undefined) yield { labels: { node: node.identity.id, ...name }, value: stats[what] };
    }
  }
}

/**
 * The metrics of one cluster in a registry of its own (many clusters share a process): every value is
 * read from the nodes, the network and the storage at scrape time.
 */
export function registerClusterMetrics(registry: Registry, cluster: Cluster): void {
  const metric = (name: string, help: string, type: 'counter' | 'gauge' | 'histogram', collect: () => Iterable<Sample>): void => {
    registerScrapedMetric(registry, { name: `cassanova_${name}`, help, type, collect });
  };
  metric('node_info', 'Each node: address, data center, rack and host id (always 1)', 'gauge', () => perNode(cluster, function* (n, labels) {
    const id = n.identity;
    yield { labels: { ...labels, address: id.address, datacenter: id.dataCenter, rack: id.rack, host_id: uuidText(id.hostId) }, value: 1 };
  }));
  metric('node_up', 'Whether the node runs (1) or is stopped, killed or paused (0)', 'gauge', () => perNode(cluster, function* (n, labels) {
    yield { labels, value: n.status === 'up' ? 1 : 0 };
  }));
  metric('native_requests_total', 'Requests answered by the native transport, by opcode and outcome', 'counter', () => perNode(cluster, function* (n, labels) {
    for (const c of n.nativeRequests.counts()) yield { labels: { ...labels, opcode: c.opcode, outcome: outcomeName(c.outcome) }, value: c.count };
  }));
  metric('coordinator_latency_seconds', 'Latency of the requests a node coordinated, by operation and consistency level', 'histogram', () => perNode(cluster, function* (n, labels) {
    for (const l of n.clientRequests.latencies()) {
      yield* histogramSamples({ ...labels, operation: l.operation, consistency: ConsistencyLevel[l.consistency] ?? String(l.consistency) }, l.latencyNanos);
    }
  }));
  metric('internode_messages_total', 'Messages between nodes by verb: sent, and of those delivered or dropped', 'counter', function* () {
    for (const [verb, counts] of cluster.network.stats()) {
      for (const outcome of ['sent', 'delivered', 'dropped'] as const) yield { labels: { verb, outcome }, value: counts[outcome] };
    }
  });
  metric('hints_pending', 'Hints a node keeps for nodes that missed writes', 'gauge', () => perNode(cluster, function* (n, labels) {
    yield { labels, value: n.hints.count() };
  }));
  metric('native_connections', 'Client connections open on the native transport', 'gauge', () => perNode(cluster, function* (n, labels) {
    yield { labels, value: [...n.clients?.connectedClients() ?? []].length };
  }));
  metric('partitions', 'Partitions a node holds, per table', 'gauge', () => heldData(cluster, 'partitionCount'));
  metric('rows', 'Rows a node holds (static rows included), per table', 'gauge', () => heldData(cluster, 'rowCount'));
  metric('data_bytes', 'Bytes of data a node holds (memory estimate), per table', 'gauge', () => heldData(cluster, 'sizeBytes'));
}
