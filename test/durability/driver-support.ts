/**
 * What the durability tests through the Node.js driver share: a cluster started from a data folder with a client
 * connected to it, closed cleanly or as a crash would leave it, and result rows as comparable text.
 */
import cassandra from 'cassandra-driver';
import { expect } from 'vitest';
import { startCluster, type CassanovaCluster, type StartClusterOptions } from '../../src/main.js';
import { closeAsCrash } from '../conformance/support/durable-cluster.js';

export interface Opened {
  readonly cluster: CassanovaCluster;
  readonly client: cassandra.Client;
}

/** Starts the cluster of `dataDir` (new or saved) and connects a driver client to it. */
export async function openDurable(dataDir: string, options: StartClusterOptions = {}): Promise<Opened> {
  const cluster = await startCluster({ port: 0, ...options, dataDir });
  const client = new cassandra.Client({ ...cluster.driverOptions() });
  try {
    await client.connect();
  } catch (e) {
    await cluster.close();
    throw e;
  }
  return { cluster, client };
}

/**
 * 'close': a clean shutdown (drain: every memtable flushed, the commit log emptied). 'crash': the nodes' files
 * closed as a killed process leaves them (nothing flushed; what the memtables held is only in the commit log).
 */
export type Ending = 'close' | 'crash';

export async function closeDurable(opened: Opened, ending: Ending): Promise<void> {
  await opened.client.shutdown();
  if (ending === 'crash') await closeAsCrash(opened.cluster);
  else await opened.cluster.close();
}

/** Driver values as stable JSON (64-bit Longs are already their decimal text, through their toJSON). */
function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

export function rowText(row: object): string {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) out[name] = value;
  return JSON.stringify(out, plain);
}

/** The rows of a statement, every page fetched (by its paging state), as text, in the order the server returned them. */
export async function rowsOf(client: cassandra.Client, cql: string, params: unknown[] = [], options: cassandra.QueryOptions = {}): Promise<string[]> {
  const rows: string[] = [];
  let pageState: string | undefined;
  do {
    const result = await client.execute(cql, params, { prepare: true, consistency: cassandra.types.consistencies.all, ...options, pageState });
    for (const row of result.rows) rows.push(rowText(row));
    pageState = result.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

/**
 * Each replica holds every row of `scan` by itself (a read at ALL would hide one that lost some: it merges
 * them): the other nodes are stopped while it answers at ONE. The driver client is shut down first (nodes
 * stopped under it would fail its requests): the checks go through the cluster's own sessions.
 */
export async function expectEachNodeAlone(opened: Opened, scan: string, rowCount: number): Promise<void> {
  const { cluster, client } = opened;
  await client.shutdown();
  const expected = (await cluster.execute(scan, undefined, { consistency: 'ALL' })).rows;
  expect(expected).toHaveLength(rowCount);
  const ids = cluster.nodes.map((n) => n.id);
  for (const id of ids) {
    for (const other of ids) if (other !== id) await cluster.node(other).stop();
    expect((await cluster.execute(scan, undefined, { consistency: 'ONE' })).rows, `node ${id} alone`).toEqual(expected);
    for (const other of ids) if (other !== id) await cluster.node(other).start();
  }
}
