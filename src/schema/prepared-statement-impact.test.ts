import { describe, expect, it } from 'vitest';
import { native, type UserType } from '../types/index.js';
import { newKeyspace, withTable, withUserType, withoutTable } from './keyspace-updates.js';
import { changeAffectsPreparedStatements, preparedStatementInvalidations } from './prepared-statement-impact.js';
import { Schema } from './schema.js';
import { buildTable, rebuildTable } from './table-builder.js';
import { DEFAULT_TABLE_OPTIONS } from './table-options.js';

const address: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'address', frozen: false, fields: [{ name: 'street', type: native('text') }],
};

const t = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 1),
  partitionKey: [{ name: 'k', type: native('int') }], clustering: [{ name: 'c', type: native('int'), order: 'asc' }],
  staticColumns: [], regularColumns: [{ name: 'v', type: native('text') }, { name: 'a', type: { ...address, frozen: true } }],
  options: DEFAULT_TABLE_OPTIONS, virtual: false, isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
});
const other = rebuildTable(t, { name: 'other', id: Buffer.alloc(16, 2), regularColumns: [{ name: 'v', type: native('int') }] });
const ks = withTable(withTable(withUserType(
  newKeyspace('ks', new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]), true),
  address), t), other);
const before = Schema.initial().withKeyspace(ks);

describe('changeAffectsPreparedStatements (TableMetadata.changeAffectsPreparedStatements)', () => {
  it('is set by column, index, default TTL and gc_grace_seconds changes', () => {
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, {}))).toBe(false);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, {
      regularColumns: [{ name: 'v', type: native('text') }, { name: 'a', type: { ...address, frozen: true } }, { name: 'w', type: native('int') }],
    }))).toBe(true);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, { clustering: [{ name: 'c2', type: native('int'), order: 'asc' }] }))).toBe(true);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, { clustering: [{ name: 'c', type: native('int'), order: 'desc' }] }))).toBe(true);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, {
      indexes: new Map([['i', { name: 'i', kind: 'COMPOSITES' as const, options: new Map([['target', 'v']]) }]]),
    }))).toBe(true);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, { options: { ...DEFAULT_TABLE_OPTIONS, defaultTimeToLive: 10 } }))).toBe(true);
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, { options: { ...DEFAULT_TABLE_OPTIONS, gcGraceSeconds: 10 } }))).toBe(true);
  });

  it('is not set by other table options', () => {
    expect(changeAffectsPreparedStatements(t, rebuildTable(t, { options: { ...DEFAULT_TABLE_OPTIONS, comment: 'hello' } }))).toBe(false);
  });
});

describe('preparedStatementInvalidations', () => {
  it('names a dropped keyspace as a whole', () => {
    expect(preparedStatementInvalidations(before, before.withoutKeyspace('ks'))).toEqual([{ keyspace: 'ks', table: null }]);
  });

  it('names dropped tables, tables re-created under their name, and altered tables, but no others', () => {
    expect(preparedStatementInvalidations(before, before.withKeyspace(withoutTable(ks, 't')))).toEqual([{ keyspace: 'ks', table: 't' }]);
    const recreated = rebuildTable(t, { id: Buffer.alloc(16, 3) });
    expect(preparedStatementInvalidations(before, before.withKeyspace(withTable(ks, recreated)))).toEqual([{ keyspace: 'ks', table: 't' }]);
    const commented = rebuildTable(t, { options: { ...DEFAULT_TABLE_OPTIONS, comment: 'x' } });
    expect(preparedStatementInvalidations(before, before.withKeyspace(withTable(ks, commented)))).toEqual([]);
    expect(preparedStatementInvalidations(before, before)).toEqual([]);
  });

  it('reaches the tables of a user type through ALTER TYPE', () => {
    const altered = withUserType(ks, { ...address, fields: [...address.fields, { name: 'zip', type: native('int') }] });
    expect(preparedStatementInvalidations(before, before.withKeyspace(altered))).toEqual([{ keyspace: 'ks', table: 't' }]);
  });
});
