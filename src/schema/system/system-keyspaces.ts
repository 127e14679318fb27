import type { KeyspaceMetadata, TableOptions } from '../table-metadata.js';
import { AUTH_TABLES, DISTRIBUTED_TABLES, TRACES_TABLES } from './replicated-keyspaces.js';
import { SCHEMA_TABLES } from './schema-keyspace.js';
import { SYSTEM_TABLES } from './system-keyspace.js';
import { systemTables, type SystemTableSpec } from './system-table.js';
import { SYSTEM_VIEWS_TABLES } from './system-views-keyspace.js';
import { VIRTUAL_SCHEMA_TABLES } from './virtual-keyspaces.js';

export const SYSTEM_KEYSPACE = 'system';
export const SCHEMA_KEYSPACE = 'system_schema';
export const AUTH_KEYSPACE = 'system_auth';
export const DISTRIBUTED_KEYSPACE = 'system_distributed';
export const TRACES_KEYSPACE = 'system_traces';
export const VIRTUAL_SCHEMA_KEYSPACE = 'system_virtual_schema';
export const SYSTEM_VIEWS_KEYSPACE = 'system_views';

export const LOCAL_STRATEGY = 'org.apache.cassandra.locator.LocalStrategy';
export const SIMPLE_STRATEGY = 'org.apache.cassandra.locator.SimpleStrategy';
export const NETWORK_TOPOLOGY_STRATEGY = 'org.apache.cassandra.locator.NetworkTopologyStrategy';

const LOCAL_SYSTEM_KEYSPACES = new Set([SYSTEM_KEYSPACE, SCHEMA_KEYSPACE]);
const REPLICATED_SYSTEM_KEYSPACES = new Set([AUTH_KEYSPACE, DISTRIBUTED_KEYSPACE, TRACES_KEYSPACE]);
const VIRTUAL_KEYSPACES = new Set([VIRTUAL_SCHEMA_KEYSPACE, SYSTEM_VIEWS_KEYSPACE]);

/** Keyspaces kept only on each node (SchemaConstants.isLocalSystemKeyspace). */
export function isLocalSystemKeyspace(name: string): boolean {
  return LOCAL_SYSTEM_KEYSPACES.has(name);
}

export function isReplicatedSystemKeyspace(name: string): boolean {
  return REPLICATED_SYSTEM_KEYSPACES.has(name);
}

export function isVirtualSystemKeyspace(name: string): boolean {
  return VIRTUAL_KEYSPACES.has(name);
}

/** Local, replicated and virtual system keyspaces: what DESCRIBE SCHEMA leaves out. */
export function isSystemKeyspace(name: string): boolean {
  return isLocalSystemKeyspace(name) || isReplicatedSystemKeyspace(name) || isVirtualSystemKeyspace(name);
}

const HOUR_MS = 3_600_000;
const DAY_SECONDS = 86_400;

interface BuiltInKeyspace {
  readonly name: string;
  readonly replication: ReadonlyMap<string, string>;
  readonly tableOptions: Partial<TableOptions>;
  readonly tables: readonly SystemTableSpec[];
  readonly virtual: boolean;
}

const local = new Map([['class', LOCAL_STRATEGY]]);
const simple = (rf: number): ReadonlyMap<string, string> =>
  new Map([['class', SIMPLE_STRATEGY], ['replication_factor', String(rf)]]);

/** Cassandra 4.1's built-in keyspaces with their replication (default_keyspace_rf 1) and table options. */
const BUILT_IN: readonly BuiltInKeyspace[] = [
  { name: SYSTEM_KEYSPACE, replication: local, tableOptions: { gcGraceSeconds: 0, memtableFlushPeriodInMs: HOUR_MS }, tables: SYSTEM_TABLES, virtual: false },
  { name: SCHEMA_KEYSPACE, replication: local, tableOptions: { gcGraceSeconds: 7 * DAY_SECONDS, memtableFlushPeriodInMs: HOUR_MS }, tables: SCHEMA_TABLES, virtual: false },
  { name: AUTH_KEYSPACE, replication: simple(1), tableOptions: { gcGraceSeconds: 90 * DAY_SECONDS }, tables: AUTH_TABLES, virtual: false },
  { name: DISTRIBUTED_KEYSPACE, replication: simple(3), tableOptions: {}, tables: DISTRIBUTED_TABLES, virtual: false },
  { name: TRACES_KEYSPACE, replication: simple(2), tableOptions: { gcGraceSeconds: 0 }, tables: TRACES_TABLES, virtual: false },
  { name: VIRTUAL_SCHEMA_KEYSPACE, replication: local, tableOptions: {}, tables: VIRTUAL_SCHEMA_TABLES, virtual: true },
  { name: SYSTEM_VIEWS_KEYSPACE, replication: local, tableOptions: {}, tables: SYSTEM_VIEWS_TABLES, virtual: true },
];

let builtIn: readonly KeyspaceMetadata[] | undefined;

/**
 * Metadata of every built-in keyspace, as a new node starts with. Built once per process: metadata is
 * immutable and the same for every cluster, so each new cluster shares it instead of rebuilding ~70 tables.
 */
export function systemKeyspaces(): readonly KeyspaceMetadata[] {
  builtIn ??= BUILT_IN.map((ks) => ({
    name: ks.name,
    durableWrites: true,
    replication: ks.replication,
    tables: systemTables(ks.name, ks.tableOptions, ks.tables, ks.virtual),
    userTypes: new Map(),
    virtual: ks.virtual,
  }));
  return builtIn;
}
