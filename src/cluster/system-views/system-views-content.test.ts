import { afterEach, describe, expect, it } from 'vitest';
import { ConsistencyLevel } from '../../errors/index.js';
import { ALL, cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { clusterConfig, layoutOf } from '../../config/index.js';
import { Cluster } from '../cluster.js';
import type { ConnectedClient } from '../node/client-connections.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import { systemViewRows } from './system-views-content.js';

const table = testTable();
let cluster: Cluster | undefined;

afterEach(() => {
  cluster?.close();
  cluster = undefined;
});

function client(overrides: Partial<ConnectedClient> = {}): ConnectedClient {
  return {
    address: '127.0.0.1', port: 50000, username: 'anonymous', stage: 'ready', protocolVersion: 4,
    clientOptions: new Map([['CQL_VERSION', '3.0.0'], ['DRIVER_NAME', 'D'], ['DRIVER_VERSION', '1.0']]),
    requestCount: 7, ssl: null, ...overrides,
  };
}

describe('system_views.clients', () => {
  it('lists the connections the native transport registered, driver name and version from the options', () => {
    cluster = new Cluster(clusterConfig({ layout: layoutOf(1, undefined), clock: 'virtual' }));
    const node = cluster.node(1);
    expect(systemViewRows(node, 'clients')).toEqual([]);
    const detach = node.attachClientConnections({
      connectedClients: () => [client(), client({ port: 50001, clientOptions: new Map([['CQL_VERSION', '3.0.0'], ['DRIVER_VERSION', '2']]), stage: 'established' })],
      activeRequests: 1,
      completedRequests: 9,
    });
    const [first, second] = systemViewRows(node, 'clients')!;
    expect(first).toEqual({
      address: '127.0.0.1', port: 50000, hostname: '127.0.0.1', username: 'anonymous', connection_stage: 'ready', protocol_version: 4,
      client_options: client().clientOptions, driver_name: 'D', driver_version: '1.0', request_count: 7n,
      ssl_enabled: false, ssl_protocol: null, ssl_cipher_suite: null,
    });
    // Cassandra keeps a driver version only along with a driver name.
    expect(second).toMatchObject({ port: 50001, connection_stage: 'established', driver_name: null, driver_version: null });
    detach();
    expect(systemViewRows(node, 'clients')).toEqual([]);
  });
});

describe('system_views.settings', () => {
  it('reports the configuration under 4.1 names and the 4.0 names they replaced', () => {
    cluster = new Cluster(clusterConfig({
      layout: layoutOf(2, undefined), clock: 'virtual', clusterName: 'C', readRequestTimeoutMs: 1500, maxHintWindowMs: 90_000,
      initialTokens: [[-5n, 5n], [0n]], maxFrameSizeBytes: 256 * 1024,
    }));
    const settings = new Map(systemViewRows(cluster.node(2), 'settings')!.map((r) => [r['name'], r['value']]));
    expect(Object.fromEntries(['cluster_name', 'read_request_timeout', 'read_request_timeout_in_ms', 'max_hint_window',
      'max_hint_window_in_ms', 'native_transport_max_frame_size', 'native_transport_max_frame_size_in_mb', 'initial_token',
      'listen_address', 'phi_convict_threshold', 'num_tokens', 'write_request_timeout'].map((n) => [n, settings.get(n)]))).toEqual({
      cluster_name: 'C', read_request_timeout: '1500ms', read_request_timeout_in_ms: '1500', max_hint_window: '90000ms',
      max_hint_window_in_ms: '90000', native_transport_max_frame_size: '256KiB', native_transport_max_frame_size_in_mb: '0',
      initial_token: '0', listen_address: '127.0.0.2', phi_convict_threshold: '8.0', num_tokens: '16', write_request_timeout: '2000ms',
    });
    expect(settings.get('sasi_indexes_enabled')).toBe('true');
    expect(new Map(systemViewRows(cluster.node(1), 'settings')!.map((r) => [r['name'], r['value']])).get('initial_token')).toBe('-5,5');
  });
});

describe('the metric tables', () => {
  it('count the work of each node as coordinator and as replica, by table and stage', async () => {
    cluster = await virtualCluster(2, 2, [table]);
    const [coordinator, replica] = [cluster.node(1), cluster.node(2)];
    const write = mutation(update(table, int(1), { rows: [row([], { v: cell('x', 1) })] }));
    await runUntilSettled(cluster, coordinator.mutate([write], ConsistencyLevel.ALL, 'SIMPLE'));
    const read = { kind: 'single' as const, table, key: int(1), token: 1n, filter: { kind: 'slices' as const, slices: [ALL], reversed: false }, nowInSec: 0, rowLimit: Infinity };
    await runUntilSettled(cluster, coordinator.read(read, ConsistencyLevel.ALL));
    const countOf = (node: typeof coordinator, name: string): unknown =>
      systemViewRows(node, name)!.find((r) => r['keyspace_name'] === 'ks' && r['table_name'] === 't')?.['count'];
    expect([countOf(coordinator, 'coordinator_write_latency'), countOf(replica, 'coordinator_write_latency')]).toEqual([1n, 0n]);
    expect([countOf(coordinator, 'local_write_latency'), countOf(replica, 'local_write_latency')]).toEqual([1n, 1n]);
    expect([countOf(coordinator, 'coordinator_read_latency'), countOf(replica, 'local_read_latency')]).toEqual([1n, 1n]);
    expect(countOf(coordinator, 'coordinator_scan_latency')).toBe(0n);
    const pools = (node: typeof coordinator): Record<string, unknown> =>
      Object.fromEntries(systemViewRows(node, 'thread_pools')!.map((r) => [r['name'], r['completed_tasks']]));
    expect(pools(replica)).toMatchObject({ MutationStage: 1n, ReadStage: 1n, 'Native-Transport-Requests': 0n });
    await runUntilSettled(cluster, new Promise((resolve) => cluster!.scheduler.schedule(3000, () => resolve(undefined))));
    expect((pools(replica)['GossipStage'] as bigint) > 0n).toBe(true);
    // Every stored table has a row, system ones included; virtual ones have none.
    const tables = systemViewRows(coordinator, 'local_read_latency')!.map((r) => `${r['keyspace_name']}.${r['table_name']}`);
    expect(tables).toContain('system.local');
    expect(tables.some((t) => t.startsWith('system_views.'))).toBe(false);
  });

  it('show caches of capacity 0 that were never asked', () => {
    cluster = new Cluster(clusterConfig({ layout: layoutOf(1, undefined), clock: 'virtual' }));
    const caches = systemViewRows(cluster.node(1), 'caches')!;
    expect(caches.map((c) => c['name'])).toEqual(['counters', 'keys', 'rows']);
    expect(caches[0]).toMatchObject({ capacity_bytes: 0n, request_count: 0n, hit_ratio: Number.NaN });
  });
});
