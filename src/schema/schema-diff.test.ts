import { describe, expect, it } from 'vitest';
import { native, type UserType } from '../types/index.js';
import { newKeyspace, withParams, withTable, withUserType, withoutTable } from './keyspace-updates.js';
import type { SchemaChange } from './schema-change.js';
import { schemaChanges } from './schema-diff.js';
import { Schema } from './schema.js';
import { buildTable, rebuildTable } from './table-builder.js';
import { DEFAULT_TABLE_OPTIONS } from './table-options.js';

const simple = (rf: number) => new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', String(rf)]]);
const address: UserType = { kind: 'udt', keyspace: 'ks', name: 'address', frozen: false, fields: [{ name: 'street', type: native('text') }] };

const t = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 1),
  partitionKey: [{ name: 'k', type: native('int') }], clustering: [], staticColumns: [],
  regularColumns: [{ name: 'v', type: native('text') }],
  options: DEFAULT_TABLE_OPTIONS, virtual: false, isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
});
const u = rebuildTable(t, { name: 'u', id: Buffer.alloc(16, 2) });
const ks = withTable(withTable(withUserType(newKeyspace('ks', simple(1), true), address), t), u);
const base = Schema.initial().withKeyspace(ks);

const text = (changes: SchemaChange[]): string[] =>
  changes.map((c) => `${c.change} ${c.target} ${c.keyspace}${c.name === null ? '' : `.${c.name}`}`);

describe('schemaChanges (Schema.merge with SchemaChangeNotifier)', () => {
  it('is empty between equal schemas, also when rebuilt element by element', () => {
    expect(schemaChanges(base, base)).toEqual([]);
    const rebuilt = Schema.initial().withKeyspace(withTable(withTable(withUserType(newKeyspace('ks', simple(1), true), { ...address }), rebuildTable(t, {})), u));
    expect(schemaChanges(base, rebuilt)).toEqual([]);
  });

  it('reports a dropped keyspace after its tables and types, a created one before them', () => {
    expect(text(schemaChanges(base, Schema.initial()))).toEqual(['DROPPED TABLE ks.t', 'DROPPED TABLE ks.u', 'DROPPED TYPE ks.address', 'DROPPED KEYSPACE ks']);
    expect(text(schemaChanges(Schema.initial(), base))).toEqual(['CREATED KEYSPACE ks', 'CREATED TYPE ks.address', 'CREATED TABLE ks.t', 'CREATED TABLE ks.u']);
    expect(schemaChanges(base, Schema.initial()).at(-1)).toEqual({ change: 'DROPPED', target: 'KEYSPACE', keyspace: 'ks', name: null, argTypes: [] });
  });

  it('takes dropped keyspaces first, then created ones, then altered ones', () => {
    const other = newKeyspace('other', simple(1), true);
    const before = Schema.initial().withKeyspace(ks).withKeyspace(other);
    const after = Schema.initial().withKeyspace(withParams(ks, simple(3), true)).withKeyspace(newKeyspace('fresh', simple(1), true));
    expect(text(schemaChanges(before, after))).toEqual(['DROPPED KEYSPACE other', 'CREATED KEYSPACE fresh', 'UPDATED KEYSPACE ks']);
  });

  it('orders the changes within a keyspace: drops, creations, then alterations', () => {
    const altered = withTable(withUserType(withoutTable(ks, 'u'), { ...address, fields: [...address.fields, { name: 'zip', type: native('int') }] }),
      rebuildTable(t, { options: { ...DEFAULT_TABLE_OPTIONS, comment: 'now' } }));
    const after = Schema.initial().withKeyspace(withParams(withTable(altered, rebuildTable(t, { name: 'w', id: Buffer.alloc(16, 3) })), simple(2), false));
    expect(text(schemaChanges(base, after))).toEqual(['DROPPED TABLE ks.u', 'CREATED TABLE ks.w', 'UPDATED KEYSPACE ks', 'UPDATED TYPE ks.address', 'UPDATED TABLE ks.t']);
  });

  it('takes a table of the same name with another id for a table dropped and created again', () => {
    const after = Schema.initial().withKeyspace(withTable(ks, rebuildTable(t, { id: Buffer.alloc(16, 9) })));
    expect(text(schemaChanges(base, after))).toEqual(['DROPPED TABLE ks.t', 'CREATED TABLE ks.t']);
  });
});
