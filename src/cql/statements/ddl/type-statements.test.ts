import { describe, expect, it } from 'vitest';
import { formatCqlType } from '../../../types/index.js';
import { failure, run, withKeyspace } from './test-helpers.js';

describe('CREATE TYPE', () => {
  it('creates a user type and reports it', () => {
    const result = run(withKeyspace(), 'CREATE TYPE ks.addr (street text, zip int, tags frozen<set<text>>)');
    const t = result.schema.userType('ks', 'addr')!;
    expect(t.fields.map((f) => [f.name, formatCqlType(f.type)])).toEqual([['street', 'text'], ['zip', 'int'], ['tags', 'frozen<set<text>>']]);
    expect(result.change).toEqual({ change: 'CREATED', target: 'TYPE', keyspace: 'ks', name: 'addr', argTypes: [] });
  });

  it.each([
    ['CREATE TYPE ks.t (a int, a text)', "Duplicate field name 'a' in type 't'"],
    ['CREATE TYPE ks.t (a counter)', 'A user type cannot contain counters'],
    ['CREATE TYPE ks.t (a nope)', 'Unknown type ks.nope'],
    ['CREATE TYPE nope.t (a int)', "Keyspace 'nope' doesn't exist"],
  ])('rejects %s', (cql, message) => {
    expect(failure(withKeyspace('CREATE TYPE ks.u (x int)'), cql)).toEqual({ type: 'InvalidRequestError', message });
  });

  it('refuses a non-frozen user type field and an existing name', () => {
    const schema = withKeyspace('CREATE TYPE ks.u (x int)');
    expect(failure(schema, 'CREATE TYPE ks.t (a u)')).toEqual({ type: 'InvalidRequestError', message: 'A user type cannot contain non-frozen UDTs' });
    expect(failure(schema, 'CREATE TYPE ks.u (y int)')).toEqual({ type: 'InvalidRequestError', message: "A user type with name 'u' already exists" });
    expect(run(schema, 'CREATE TYPE IF NOT EXISTS ks.u (y int)').change).toBeNull();
  });
});

describe('ALTER TYPE', () => {
  const schema = (): ReturnType<typeof withKeyspace> => withKeyspace(
    'CREATE TYPE ks.inner (x int)', 'CREATE TYPE ks.outer (i frozen<inner>)', 'CREATE TABLE ks.t (k int PRIMARY KEY, o frozen<outer>)',
  );

  it('adds a field, updating the types and columns that use the type', () => {
    const result = run(schema(), 'ALTER TYPE ks.inner ADD y text');
    expect(result.change).toEqual({ change: 'UPDATED', target: 'TYPE', keyspace: 'ks', name: 'inner', argTypes: [] });
    const outer = result.schema.userType('ks', 'outer')!;
    const inner = outer.fields[0]!.type;
    expect(inner.kind === 'udt' && inner.fields.map((f) => f.name)).toEqual(['x', 'y']);
    const column = result.schema.table('ks', 't')!.columns.get('o')!.type;
    const nested = column.kind === 'udt' ? column.fields[0]!.type : undefined;
    expect(nested?.kind === 'udt' && nested.fields.length).toBe(2);
    expect(column.kind === 'udt' && column.frozen).toBe(true);
  });

  it('renames fields', () => {
    const t = run(schema(), 'ALTER TYPE ks.inner RENAME x TO z').schema.userType('ks', 'inner')!;
    expect(t.fields.map((f) => f.name)).toEqual(['z']);
  });

  it.each([
    ['ALTER TYPE ks.nope ADD a int', 'Type ks.nope doesn\'t exist'],
    ['ALTER TYPE ks.inner ADD x int', 'Cannot add field x to type ks.inner: a field with name x already exists'],
    ['ALTER TYPE ks.inner RENAME nope TO a', 'Unkown field nope in user type ks.inner'],
    ['ALTER TYPE ks.outer ADD o frozen<outer>', 'Cannot add new field o of type frozen<outer> to user type ks.outer as it would create a circular reference'],
  ])('rejects %s', (cql, message) => {
    expect(failure(schema(), cql)).toEqual({ type: 'InvalidRequestError', message });
  });
});

describe('DROP TYPE', () => {
  it('drops an unused type', () => {
    const result = run(withKeyspace('CREATE TYPE ks.u (x int)'), 'DROP TYPE ks.u');
    expect(result.schema.userType('ks', 'u')).toBeUndefined();
    expect(result.change).toEqual({ change: 'DROPPED', target: 'TYPE', keyspace: 'ks', name: 'u', argTypes: [] });
  });

  it('refuses to drop a type still in use', () => {
    const schema = withKeyspace('CREATE TYPE ks.u (x int)', 'CREATE TYPE ks.w (u frozen<u>)', 'CREATE TABLE ks.t (k int PRIMARY KEY, v frozen<w>)');
    expect(failure(schema, 'DROP TYPE ks.u')).toEqual({ type: 'InvalidRequestError', message: "Cannot drop user type 'ks.u' as it is still used by user types w" });
    expect(failure(schema, 'DROP TYPE ks.w')).toEqual({ type: 'InvalidRequestError', message: "Cannot drop user type 'ks.w' as it is still used by tables t" });
    expect(failure(schema, 'DROP TYPE ks.nope')).toEqual({ type: 'InvalidRequestError', message: "Type 'ks.nope' doesn't exist" });
    expect(run(schema, 'DROP TYPE IF EXISTS ks.nope').change).toBeNull();
  });
});
