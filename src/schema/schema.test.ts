import { describe, expect, it } from 'vitest';
import { formatCqlType, uuidToString } from '../types/index.js';
import { newKeyspace, withTable } from './keyspace-updates.js';
import { Schema } from './schema.js';
import { buildTable } from './table-builder.js';
import { DEFAULT_TABLE_OPTIONS } from './table-options.js';
import { native } from '../types/index.js';

const ks = newKeyspace('ks', new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]), true);
const table = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 1),
  partitionKey: [{ name: 'k', type: native('int') }], clustering: [],
  staticColumns: [], regularColumns: [{ name: 'b', type: native('text') }, { name: 'a', type: native('int') }],
  options: DEFAULT_TABLE_OPTIONS, virtual: false, isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
});

describe('Schema', () => {
  it('starts with the built-in keyspaces of Cassandra 4.1', () => {
    const schema = Schema.initial();
    expect([...schema.keyspaces.keys()]).toEqual([
      'system', 'system_schema', 'system_auth', 'system_distributed', 'system_traces', 'system_virtual_schema', 'system_views',
    ]);
    expect(schema.keyspace('system_auth')!.replication.get('replication_factor')).toBe('1');
    expect(schema.keyspace('system_distributed')!.replication.get('replication_factor')).toBe('3');
    expect(schema.keyspace('system_traces')!.replication.get('replication_factor')).toBe('2');
    expect(schema.keyspace('system')!.replication.get('class')).toBe('org.apache.cassandra.locator.LocalStrategy');
    expect(schema.keyspace('system_views')!.virtual).toBe(true);
  });

  it('gives built-in tables the ids Cassandra derives from their names', () => {
    const schema = Schema.initial();
    expect(uuidToString(schema.table('system', 'local')!.id)).toBe('7ad54392-bcdd-35a6-8417-4e047860b377');
    expect(uuidToString(schema.table('system', 'peers')!.id)).toBe('37f71aca-7dc2-383b-a706-72528af04d4f');
    expect(schema.tableById(schema.table('system_schema', 'columns')!.id)).toBe(schema.table('system_schema', 'columns'));
  });

  it('defines system tables with their real columns and options', () => {
    const schema = Schema.initial();
    const local = schema.table('system', 'local')!;
    expect(local.partitionKey.map((c) => c.name)).toEqual(['key']);
    expect(formatCqlType(local.columns.get('tokens')!.type)).toBe('set<text>');
    expect(local.options.comment).toBe('information about the local node');
    expect(local.options.gcGraceSeconds).toBe(0);
    const columns = schema.table('system_schema', 'columns')!;
    expect(columns.clustering.map((c) => c.name)).toEqual(['table_name', 'column_name']);
    expect(columns.options.gcGraceSeconds).toBe(604800);
    expect(formatCqlType(schema.table('system_schema', 'tables')!.columns.get('flags')!.type)).toBe('frozen<set<text>>');
    expect(schema.table('system_auth', 'roles')!.options.gcGraceSeconds).toBe(7776000);
    expect(schema.table('system_distributed', 'repair_history')!.options.defaultTimeToLive).toBe(2592000);
  });

  it('has a version that depends only on the content', () => {
    expect(Schema.initial().version.equals(Schema.initial().version)).toBe(true);
    const withKs = Schema.initial().withKeyspace(ks);
    expect(withKs.version.equals(Schema.initial().version)).toBe(false);
    expect(withKs.withoutKeyspace('ks').version.equals(Schema.initial().version)).toBe(true);
    expect(withKs.version[6]! >> 4).toBe(3);
  });

  it('updates copy-on-write and finds tables by name and id', () => {
    const before = Schema.initial().withKeyspace(ks);
    const after = before.withKeyspace(withTable(ks, table));
    expect(before.table('ks', 't')).toBeUndefined();
    expect(after.table('ks', 't')).toBe(table);
    expect(after.tableById(Buffer.alloc(16, 1))).toBe(table);
    expect(after.keyspace('system')).toBe(before.keyspace('system'));
  });

  it('orders regular columns by name', () => {
    expect(table.regularColumns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(table.columns.get('a')!.position).toBe(-1);
  });
});
