// Rows of the issue 12 benchmarks, (k int PRIMARY KEY, v text) with 20-byte texts, one per partition, built as
// the CQL write path builds them (one timestamp shared by the row marker and the cell, a Map of cells) and
// applied straight to a node's StorageEngine: loading a million rows this way takes seconds, where the driver
// would take minutes. Everything comes from tsc's output (dist/tsc), the same module instances as the cluster
// the caller started from there, so the mutations are the engine's own objects.
import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const DIST_TSC = resolve(import.meta.dirname, '../../../dist/tsc');
export const KEYSPACE = 'bench';
export const TABLE = 'kv';
export const CREATE_KEYSPACE = `CREATE KEYSPACE IF NOT EXISTS ${KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`;
/** `options`: a WITH clause's body, or '' for the table's defaults. */
export const createTable = (options = '') => `CREATE TABLE IF NOT EXISTS ${KEYSPACE}.${TABLE} (k int PRIMARY KEY, v text)${options ? ` WITH ${options}` : ''}`;

const load = (path) => import(pathToFileURL(resolve(DIST_TSC, path)).href);

/** The modules a writer needs: startCluster, the token function, the no-deletion marker. */
export async function loadEngine() {
  const [{ startCluster }, { murmur3Token }, { NO_DELETION_TIME }] = await Promise.all([
    load('index.js'), load('cluster/ring/murmur3.js'), load('data/index.js'),
  ]);
  return { startCluster, murmur3Token, NO_DELETION_TIME };
}

/** The bench table built alone, for a StorageEngine used without a cluster; and the modules rowWriter needs. */
export async function standaloneTable() {
  const [{ buildTable, DEFAULT_TABLE_OPTIONS }, { native }, engine] = await Promise.all([load('schema/index.js'), load('types/index.js'), loadEngine()]);
  const table = buildTable({
    keyspace: KEYSPACE, name: TABLE, id: Buffer.alloc(16, 7), partitionKey: [{ name: 'k', type: native('int') }], clustering: [],
    staticColumns: [], regularColumns: [{ name: 'v', type: native('text') }], options: DEFAULT_TABLE_OPTIONS, virtual: false,
    isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
  });
  return { table, engine };
}

export const keyOf = (i) => { const key = Buffer.allocUnsafe(4); key.writeInt32BE(i); return key; };
/** The 20-byte text of row i. */
export const valueOf = (i) => Buffer.from(String(i).padStart(20, '0'));

/** A writer of rows i of `table` into `storage` (a StorageEngine), with timestamps counting up from now. */
export function rowWriter({ murmur3Token, NO_DELETION_TIME }, table, storage) {
  let timestamp = BigInt(Date.now()) * 1000n;
  return (i) => {
    const key = keyOf(i);
    const token = murmur3Token(key);
    const ts = timestamp++;
    const cells = new Map([['v', { value: valueOf(i), timestamp: ts, ttlSeconds: 0, localDeletionTime: NO_DELETION_TIME }]]);
    const row = { clustering: [], liveness: { timestamp: ts, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME }, deletion: null, cells };
    storage.apply({ keyspace: table.keyspace, key, token, updates: [{ table, key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows: [row] }] });
  };
}

/** The bench table of a started cluster, created with `tableOptions`, as node 1 sees it. */
export async function benchTable(cluster, tableOptions = '') {
  await cluster.execute(CREATE_KEYSPACE);
  await cluster.execute(createTable(tableOptions));
  // The handle's cluster (private in TypeScript, a plain field at run time) holds the Node objects and their
  // storage: no public API hands out a node's StorageEngine, and only a benchmark needs it.
  const node = cluster.cluster.node(1);
  const table = node.cluster.schema.table(KEYSPACE, TABLE);
  if (table === undefined) throw new Error(`${KEYSPACE}.${TABLE} not in node 1's schema`);
  return { node, table };
}

/** Bytes of the files under `dir`, recursively (apparent sizes). */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(resolve(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}
