/** Clusters for the coordinator's unit tests: in-process nodes on a virtual clock, no listeners. */
import { clusterConfig, layoutOf, type ClusterConfig } from '../../config/index.js';
import { newKeyspace, withTable, type TableMetadata } from '../../schema/index.js';
import { Cluster } from '../cluster.js';

/**
 * A started cluster whose schema holds keyspace `ks` (SimpleStrategy with `rf`) and `tables` (all in `ks`);
 * `config` changes other settings.
 */
export async function virtualCluster(
  nodes: number, rf: number, tables: readonly TableMetadata[], seed = 1, config: Partial<ClusterConfig> = {},
): Promise<Cluster> {
  const cluster = new Cluster(clusterConfig({ ...config, layout: layoutOf(nodes, undefined), clock: 'virtual', seed }));
  let keyspace = newKeyspace('ks', new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', String(rf)]]), true);
  for (const table of tables) keyspace = withTable(keyspace, table);
  await cluster.applySchema(cluster.schema.withKeyspace(keyspace), null);
  cluster.start();
  return cluster;
}

/**
 * Runs the cluster's messages and timers, moving virtual time `stepMs` at a time, until `promise`
 * settles; resolves or rejects as it does.
 */
export async function runUntilSettled<T>(cluster: Cluster, promise: Promise<T>, stepMs = 10, maxSteps = 100_000): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => { settled = true; });
  watched.catch(() => undefined);
  for (let i = 0; i < maxSteps && !settled; i++) {
    // A few turns of the event loop let messages due now go back and forth before time moves on.
    for (let turn = 0; turn < 5 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
    if (!settled) cluster.advanceTime(stepMs);
  }
  return watched;
}
