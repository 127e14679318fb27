import { describe, expect, it } from 'vitest';
import type { PartitionUpdate, Row } from '../../data/index.js';
import { deserialize } from '../../types/index.js';
import { newKeyspace, withTable, withUserType } from '../../schema/index.js';
import { Schema } from '../../schema/index.js';
import { buildTable } from '../../schema/index.js';
import { DEFAULT_TABLE_OPTIONS } from '../../schema/index.js';
import { native } from '../../types/index.js';
import { builtIndexRows } from './built-indexes.js';
import { toPartitionUpdates } from './row-builder.js';
import { systemSchemaContent } from './system-schema-content.js';
import { virtualSchemaContent } from './virtual-schema-content.js';

const token = (key: Buffer): bigint => BigInt(key.length);

const udt = { kind: 'udt' as const, keyspace: 'ks', name: 'addr', fields: [{ name: 'street', type: native('text') }], frozen: false };
const table = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 0xab),
  partitionKey: [{ name: 'k', type: native('int') }],
  clustering: [{ name: 'c', type: native('text'), order: 'desc' }],
  staticColumns: [{ name: 's', type: native('int') }],
  regularColumns: [{ name: 'v', type: { kind: 'list', element: native('int'), frozen: false } }],
  options: DEFAULT_TABLE_OPTIONS, virtual: false, isCounterTable: false,
  droppedColumns: new Map([['old', { type: native('text'), kind: 'regular' as const, droppedAtMicros: 1_500_000n }]]),
  indexes: new Map([['vi', { name: 'vi', kind: 'COMPOSITES' as const, options: new Map([['target', 'values(v)']]) }]]),
});
const schema = Schema.initial().withKeyspace(withTable(withUserType(newKeyspace('ks',
  new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]), true), udt), table));

/** The rows of `updates` as column → decoded value, key and clustering columns included. */
function decoded(updates: PartitionUpdate[], keyspace = 'ks'): Record<string, unknown>[] {
  return updates.flatMap((u) => u.rows.map((row: Row) => {
    const values: Record<string, unknown> = {};
    values[u.table.partitionKey[0]!.name] = deserialize(u.table.partitionKey[0]!.type, u.key);
    u.table.clustering.forEach((c, i) => { values[c.name] = deserialize(c.type, row.clustering[i]!); });
    for (const [name, cell] of row.cells) values[name] = deserialize(u.table.columns.get(name)!.type, cell.value!);
    return values;
  })).filter((row) => row.keyspace_name === keyspace);
}

describe('systemSchemaContent', () => {
  it('lists every stored keyspace with its full replication class, virtual ones excepted', () => {
    const rows = decoded(systemSchemaContent(schema, 'keyspaces', token), 'ks');
    expect(rows).toEqual([{ keyspace_name: 'ks', durable_writes: true, replication: [['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']] }]);
    const all = systemSchemaContent(schema, 'keyspaces', token).map((u) => deserialize(native('text'), u.key));
    expect(all).toContain('system');
    expect(all).toContain('system_auth');
    expect(all).not.toContain('system_views');
  });

  it('describes tables with the compound flag and every option column', () => {
    const [row] = decoded(systemSchemaContent(schema, 'tables', token));
    expect(row).toMatchObject({
      table_name: 't', flags: ['compound'], gc_grace_seconds: 864000, read_repair: 'BLOCKING', speculative_retry: '99p',
      additional_write_policy: '99p', bloom_filter_fp_chance: 0.01, crc_check_chance: 1, dclocal_read_repair_chance: 0,
      read_repair_chance: 0, default_time_to_live: 0, comment: '', extensions: [],
      caching: [['keys', 'ALL'], ['rows_per_partition', 'NONE']],
      compaction: [['class', 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy'], ['max_threshold', '32'], ['min_threshold', '4']],
      compression: [['chunk_length_in_kb', '16'], ['class', 'org.apache.cassandra.io.compress.LZ4Compressor']],
      id: 'abababab-abab-abab-abab-abababababab', max_index_interval: 2048, min_index_interval: 128, memtable_flush_period_in_ms: 0,
    });
    // cdc is written only when cdc_enabled is set in cassandra.yaml, and it is not.
    expect(row).not.toHaveProperty('cdc');
    // The default memtable configuration is not written (SchemaKeyspace, since 4.1).
    expect(row!['memtable'] ?? null).toBe(null);
  });

  it('describes columns with kind, position, clustering order and type, in clustering order', () => {
    const rows = decoded(systemSchemaContent(schema, 'columns', token));
    expect(rows.map((r) => [r.column_name, r.kind, r.position, r.clustering_order, r.type])).toEqual([
      ['c', 'clustering', 0, 'desc', 'text'],
      ['k', 'partition_key', 0, 'none', 'int'],
      ['s', 'static', -1, 'none', 'int'],
      ['v', 'regular', -1, 'none', 'list<int>'],
    ]);
    expect(rows[0]!.column_name_bytes).toEqual(Buffer.from('c'));
  });

  it('lists types, indexes and dropped columns', () => {
    expect(decoded(systemSchemaContent(schema, 'types', token))).toEqual([{ keyspace_name: 'ks', type_name: 'addr', field_names: ['street'], field_types: ['text'] }]);
    expect(decoded(systemSchemaContent(schema, 'indexes', token))).toEqual([
      { keyspace_name: 'ks', table_name: 't', index_name: 'vi', kind: 'COMPOSITES', options: [['target', 'values(v)']] },
    ]);
    const [dropped] = decoded(systemSchemaContent(schema, 'dropped_columns', token));
    expect(dropped).toMatchObject({ column_name: 'old', kind: 'regular', type: 'text', dropped_time: 1500n });
    expect(systemSchemaContent(schema, 'functions', token)).toEqual([]);
  });

  it('writes live rows, partitions in token order', () => {
    const updates = systemSchemaContent(schema, 'tables', token);
    const tokens = updates.map((u) => u.token);
    expect(tokens).toEqual([...tokens].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(updates[0]!.rows[0]!.liveness).not.toBeNull();
  });
});

describe('virtualSchemaContent', () => {
  it('lists the virtual keyspaces, their tables and columns', () => {
    const keyspaces = virtualSchemaContent(schema, 'keyspaces', token).map((u) => deserialize(native('text'), u.key));
    expect(keyspaces.sort()).toEqual(['system_views', 'system_virtual_schema']);
    const tables = decoded(virtualSchemaContent(schema, 'tables', token), 'system_virtual_schema');
    expect(tables.map((t) => [t.table_name, t.comment])).toEqual([
      ['columns', 'virtual column definitions'], ['keyspaces', 'virtual keyspace definitions'], ['tables', 'virtual table definitions'],
    ]);
    const columns = decoded(virtualSchemaContent(schema, 'columns', token), 'system_views').filter((c) => c.table_name === 'settings');
    expect(columns.map((c) => [c.column_name, c.kind, c.type])).toEqual([['name', 'partition_key', 'text'], ['value', 'regular', 'text']]);
  });

  it('describes the system_views tables as Cassandra 4.1 declares them', () => {
    const views = decoded(virtualSchemaContent(schema, 'tables', token), 'system_views');
    expect(views.map((t) => [t.table_name, t.comment])).toEqual([
      ['caches', 'system caches'], ['clients', 'currently connected clients'], ['coordinator_read_latency', ''],
      ['coordinator_scan_latency', ''], ['coordinator_write_latency', ''], ['local_read_latency', ''], ['local_scan_latency', ''],
      ['local_write_latency', ''], ['settings', 'current settings'], ['sstable_tasks', 'current sstable tasks'], ['thread_pools', ''],
    ]);
    const columns = decoded(virtualSchemaContent(schema, 'columns', token), 'system_views');
    const of = (table: string): unknown[] => columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c.kind, c.position, c.type]);
    expect(of('local_read_latency')).toEqual([
      ['50th_ms', 'regular', -1, 'double'], ['99th_ms', 'regular', -1, 'double'], ['count', 'regular', -1, 'bigint'],
      ['keyspace_name', 'partition_key', 0, 'text'], ['max_ms', 'regular', -1, 'double'], ['per_second', 'regular', -1, 'double'],
      ['table_name', 'partition_key', 1, 'text'],
    ]);
    expect(of('clients')).toContainEqual(['port', 'clustering', 0, 'int']);
    expect(of('clients')).toContainEqual(['client_options', 'regular', -1, 'map<text, text>']);
  });
});

describe('system."IndexInfo"', () => {
  it('has a row per index of the schema, keyed by keyspace, with no value', () => {
    expect(builtIndexRows(schema)).toEqual([{ table_name: 'ks', index_name: 'vi' }]);
    expect(builtIndexRows(Schema.initial())).toEqual([]);
  });
});

describe('toPartitionUpdates', () => {
  it('composes multi-column partition keys as CompositeType does', () => {
    const latency = Schema.initial().table('system_views', 'local_read_latency')!;
    const [update] = toPartitionUpdates(latency, [{ keyspace_name: 'ks', table_name: 't', count: 0n }], token);
    expect(update!.key).toEqual(Buffer.from([0, 2, 0x6b, 0x73, 0, 0, 1, 0x74, 0]));
  });
});
