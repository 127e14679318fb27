import cassandra from 'cassandra-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type CassanovaCluster } from '../../main.js';
import { parsePrometheusText, sumOf, type PrometheusSample } from '../testing/prometheus-text.js';

/**
 * /metrics after known traffic from the Node.js driver: a three-node cluster, a keyspace with RF 3,
 * prepared writes and reads at chosen consistency levels; every counter is checked by its change.
 */
const { consistencies } = cassandra.types;
const KEYSPACE = 'metrics_ks';
let cluster: CassanovaCluster;
let client: cassandra.Client;

beforeAll(async () => {
  cluster = await startCluster({ port: 0, nodes: 3, adminPort: 0, gossipIntervalMs: 100 });
  client = new cassandra.Client({
    contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter, protocolOptions: { port: cluster.port },
  });
  await client.connect();
  await client.execute(`CREATE KEYSPACE ${KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`);
  await client.execute(`CREATE TABLE ${KEYSPACE}.t (k int PRIMARY KEY, v text)`);
});

afterAll(async () => {
  await client?.shutdown();
  await cluster?.close();
});

async function scrape(): Promise<PrometheusSample[]> {
  const response = await fetch(`${cluster.adminUrl}/metrics`);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(await response.text());
}

describe('/metrics', () => {
  it('counts requests by opcode and outcome, and coordinator latencies by operation and consistency level', async () => {
    const before = await scrape();
    for (let k = 0; k < 10; k++) {
      await client.execute(`INSERT INTO ${KEYSPACE}.t (k, v) VALUES (?, ?)`, [k, `v${k}`], { prepare: true, consistency: consistencies.quorum });
    }
    for (let k = 0; k < 5; k++) {
      await client.execute(`SELECT v FROM ${KEYSPACE}.t WHERE k = ?`, [k], { prepare: true, consistency: consistencies.two });
    }
    await expect(client.execute('SELEC nothing')).rejects.toThrow();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>): number => sumOf(after, name, labels) - sumOf(before, name, labels);

    expect(delta('cassanova_native_requests_total', { opcode: 'EXECUTE', outcome: 'success' })).toBe(15);
    expect(delta('cassanova_native_requests_total', { opcode: 'QUERY', outcome: 'syntax_error' })).toBe(1);
    expect(delta('cassanova_coordinator_latency_seconds_count', { operation: 'write', consistency: 'QUORUM' })).toBe(10);
    expect(delta('cassanova_coordinator_latency_seconds_count', { operation: 'read', consistency: 'TWO' })).toBe(5);
    expect(delta('cassanova_coordinator_latency_seconds_bucket', { operation: 'read', consistency: 'TWO', le: '+Inf' })).toBe(5);
    expect(sumOf(after, 'cassanova_coordinator_latency_seconds_sum', { operation: 'write', consistency: 'QUORUM' })).toBeGreaterThan(0);

    // Buckets are cumulative: each at least the one before, the last the count.
    for (let node = 1; node <= 3; node++) {
      const labels = { node: String(node), operation: 'write', consistency: 'QUORUM' };
      const buckets = after.filter((s) => s.name === 'cassanova_coordinator_latency_seconds_bucket' && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
      if (buckets.length === 0) continue;
      expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
      expect(buckets.at(-1)!.value).toBe(sumOf(after, 'cassanova_coordinator_latency_seconds_count', labels));
    }
  });

  it('counts internode messages by verb, and what each node holds', async () => {
    const samples = await scrape();
    const mutations = (outcome: string): number => sumOf(samples, 'cassanova_internode_messages_total', { verb: 'MUTATION', outcome });
    // Ten writes to three replicas each.
    expect(mutations('sent')).toBeGreaterThanOrEqual(30);
    expect(mutations('delivered') + mutations('dropped')).toBe(mutations('sent'));
    expect(mutations('dropped')).toBe(0);
    for (const node of ['1', '2', '3']) {
      const table = { node, keyspace: KEYSPACE, table: 't' };
      expect(sumOf(samples, 'cassanova_rows', table)).toBe(10);
      expect(sumOf(samples, 'cassanova_partitions', table)).toBe(10);
      expect(sumOf(samples, 'cassanova_data_bytes', table)).toBeGreaterThan(0);
      expect(sumOf(samples, 'cassanova_native_connections', { node })).toBeGreaterThanOrEqual(1);
      expect(sumOf(samples, 'cassanova_node_up', { node })).toBe(1);
    }
    expect(sumOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows a stopped node down and the hints kept for it', async () => {
    await fetch(`${cluster.adminUrl}/nodes/3/stop`, { method: 'POST' });
    try {
      // Until the driver has the node down, token-aware routing may still pick it to coordinate.
      const stopped = client.hosts.values().find((h) => h.address.startsWith('127.0.0.3:'))!;
      for (let waited = 0; stopped.isUp() && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await client.execute(`INSERT INTO ${KEYSPACE}.t (k, v) VALUES (?, ?)`, [100, 'hinted'], { prepare: true, consistency: consistencies.quorum });
      const samples = await scrape();
      expect(sumOf(samples, 'cassanova_node_up', { node: '3' })).toBe(0);
      expect(sumOf(samples, 'cassanova_hints_pending')).toBe(1);
    } finally {
      await fetch(`${cluster.adminUrl}/nodes/3/start`, { method: 'POST' });
    }
  });
});

describe('/replicas', () => {
  it('names the replicas the driver routes a key to (token-aware)', async () => {
    for (const k of [0, 1, 42, -7, 2 ** 31 - 1]) {
      const routingKey = Buffer.alloc(4);
      routingKey.writeInt32BE(k);
      const driverReplicas = client.getReplicas(KEYSPACE, routingKey).map((h) => h.address.split(':')[0]).sort();
      const answer = await fetch(`${cluster.adminUrl}/replicas?${new URLSearchParams({ keyspace: KEYSPACE, table: 't', key: String(k) })}`);
      const body = await answer.json() as { replicas: { address: string }[] };
      expect(body.replicas.map((r) => r.address).sort(), `key ${k}`).toEqual(driverReplicas);
    }
  });
});
