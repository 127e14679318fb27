import { describe, expect, it } from 'vitest';
import { Schema } from '../../../schema/index.js';
import { failure, run, schemaAfter, withKeyspace } from './test-helpers.js';

const simple = (rf: number | string): string => `{'class': 'SimpleStrategy', 'replication_factor': ${rf}}`;

describe('CREATE KEYSPACE', () => {
  it('creates a keyspace with the full strategy class name and reports the change', () => {
    const result = run(Schema.initial(), `CREATE KEYSPACE ks WITH replication = ${simple(3)} AND durable_writes = false`);
    const ks = result.schema.keyspace('ks')!;
    expect([...ks.replication]).toEqual([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '3']]);
    expect(ks.durableWrites).toBe(false);
    expect(result.change).toEqual({ change: 'CREATED', target: 'KEYSPACE', keyspace: 'ks', name: null, argTypes: [] });
    expect(result.schema.version.equals(Schema.initial().version)).toBe(false);
  });

  it('fills in default_keyspace_rf when SimpleStrategy has no replication_factor (4.1)', () => {
    const ks = run(Schema.initial(), "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}").schema.keyspace('ks')!;
    expect(ks.replication.get('replication_factor')).toBe('1');
  });

  it('expands NetworkTopologyStrategy replication_factor to the known data centers and drops zeros', () => {
    const datacenters = new Map([['dc1', 3], ['dc2', 2]]);
    const schema = run(Schema.initial(), "CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'replication_factor': 2}", { datacenters }).schema;
    expect([...schema.keyspace('ks')!.replication]).toEqual([
      ['class', 'org.apache.cassandra.locator.NetworkTopologyStrategy'], ['dc1', '2'], ['dc2', '2'],
    ]);
    const partial = run(Schema.initial(), "CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 0}", { datacenters }).schema;
    expect([...partial.keyspace('ks')!.replication].map(([k]) => k)).toEqual(['class', 'dc1']);
  });

  it('is a no-op with IF NOT EXISTS and fails with AlreadyExists otherwise', () => {
    const schema = withKeyspace();
    const again = run(schema, `CREATE KEYSPACE IF NOT EXISTS ks WITH replication = ${simple(1)}`);
    expect(again.change).toBeNull();
    expect(again.schema).toBe(schema);
    expect(failure(schema, `CREATE KEYSPACE ks WITH replication = ${simple(1)}`))
      .toEqual({ type: 'AlreadyExistsError', message: 'Cannot add existing keyspace "ks"' });
  });

  it('warns when the replication factor exceeds the node count', () => {
    const result = run(Schema.initial(), `CREATE KEYSPACE ks WITH replication = ${simple(3)}`, { datacenters: new Map([['dc1', 1]]) });
    expect(result.warnings).toEqual(['Your replication factor 3 for keyspace ks is higher than the number of nodes 1']);
  });

  it.each([
    ['CREATE KEYSPACE ks WITH durable_writes = true', 'InvalidRequestError', "Missing mandatory option 'replication'"],
    [`CREATE KEYSPACE ks WITH replication = {'replication_factor': 1}`, 'ConfigurationError', 'Missing replication strategy class'],
    [`CREATE KEYSPACE ks WITH replication = {'class': 'FooStrategy'}`, 'ConfigurationError', "Unable to find replication strategy class 'org.apache.cassandra.locator.FooStrategy'"],
    [`CREATE KEYSPACE ks WITH replication = ${simple("'abc'")}`, 'ConfigurationError', 'For input string: "abc"'],
    [`CREATE KEYSPACE ks WITH replication = ${simple(-1)}`, 'ConfigurationError', 'Replication factor must be non-negative, found -1'],
    [`CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1, 'dc1': 2}`, 'ConfigurationError', 'Unrecognized strategy option {dc1} passed to SimpleStrategy for keyspace ks'],
    [`CREATE KEYSPACE ks WITH replication = {'class': 'LocalStrategy'}`, 'InvalidRequestError', 'Unable to use given strategy class: LocalStrategy is reserved for internal use.'],
    [`CREATE KEYSPACE ks WITH replication = ${simple(1)} AND foo = 1`, 'SyntaxError', "Unknown property 'foo'"],
    [`CREATE KEYSPACE ks WITH replication = 'x'`, 'SyntaxError', "Invalid value for property 'replication'. It should be a map."],
    [`CREATE KEYSPACE ks WITH replication = ${simple(1)} AND durable_writes = 'maybe'`, 'SyntaxError', "Invalid boolean value maybe for 'durable_writes'. Positive values can be '1', 'true' or 'yes' (case insensitive). Negative values can be '0', 'false' or 'no' (case insensitive)."],
    [`CREATE KEYSPACE system WITH replication = ${simple(1)}`, 'InvalidRequestError', "System keyspace 'system' is not user-modifiable"],
    [`CREATE KEYSPACE system_views WITH replication = ${simple(1)}`, 'InvalidRequestError', "Virtual keyspace 'system_views' is not user-modifiable"],
    [`CREATE KEYSPACE "bad-name" WITH replication = ${simple(1)}`, 'InvalidRequestError', "Keyspace name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got 'bad-name')"],
    [`CREATE KEYSPACE ${'k'.repeat(49)} WITH replication = ${simple(1)}`, 'InvalidRequestError', `Keyspace name must not be empty, more than 48 characters long, or contain non-alphanumeric-underscore characters (got '${'k'.repeat(49)}')`],
  ])('rejects %s', (cql, type, message) => {
    expect(failure(Schema.initial(), cql)).toEqual({ type, message });
  });

  it('checks NetworkTopologyStrategy data centers against the topology', () => {
    const datacenters = new Map([['dc1', 1]]);
    expect(failure(Schema.initial(), "CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc9': 1}", { datacenters }))
      .toEqual({ type: 'ConfigurationError', message: 'Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace ks' });
    expect(failure(Schema.initial(), "CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 0}", { datacenters }))
      .toEqual({ type: 'ConfigurationError', message: 'Configuration for at least one datacenter must be present' });
  });
});

describe('ALTER KEYSPACE', () => {
  it('changes replication and durable_writes, warning when the replication factor grows', () => {
    const result = run(withKeyspace(), `ALTER KEYSPACE ks WITH replication = ${simple(2)} AND durable_writes = false`);
    expect(result.schema.keyspace('ks')!.replication.get('replication_factor')).toBe('2');
    expect(result.schema.keyspace('ks')!.durableWrites).toBe(false);
    expect(result.change).toEqual({ change: 'UPDATED', target: 'KEYSPACE', keyspace: 'ks', name: null, argTypes: [] });
    expect(result.warnings).toContain('When increasing replication factor you need to run a full (-full) repair to distribute the data.');
  });

  it('keeps the replication when only durable_writes changes, and reports no change when nothing does', () => {
    const schema = withKeyspace();
    expect(run(schema, 'ALTER KEYSPACE ks WITH durable_writes = false').schema.keyspace('ks')!.replication)
      .toEqual(schema.keyspace('ks')!.replication);
    expect(run(schema, `ALTER KEYSPACE ks WITH replication = ${simple(1)}`).change).toBeNull();
  });

  it('may alter replicated system keyspaces but not local ones', () => {
    expect(run(Schema.initial(), `ALTER KEYSPACE system_auth WITH replication = ${simple(3)}`).change?.change).toBe('UPDATED');
    expect(failure(Schema.initial(), `ALTER KEYSPACE system WITH replication = ${simple(3)}`))
      .toEqual({ type: 'UnauthorizedError', message: 'system keyspace is not user-modifiable.' });
  });

  it('fails on a missing keyspace unless IF EXISTS', () => {
    expect(failure(Schema.initial(), `ALTER KEYSPACE nope WITH replication = ${simple(1)}`))
      .toEqual({ type: 'InvalidRequestError', message: "Keyspace 'nope' doesn't exist" });
    expect(run(Schema.initial(), `ALTER KEYSPACE IF EXISTS nope WITH replication = ${simple(1)}`).change).toBeNull();
  });
});

describe('DROP KEYSPACE', () => {
  it('drops the keyspace with everything in it', () => {
    const schema = withKeyspace('CREATE TYPE ks.t (a int)', 'CREATE TABLE ks.x (k int PRIMARY KEY, v frozen<t>)');
    const result = run(schema, 'DROP KEYSPACE ks');
    expect(result.schema.keyspace('ks')).toBeUndefined();
    expect(result.schema.version.equals(schemaAfter().version)).toBe(true);
    expect(result.change).toEqual({ change: 'DROPPED', target: 'KEYSPACE', keyspace: 'ks', name: null, argTypes: [] });
  });

  it('fails on a missing keyspace unless IF EXISTS, and on system keyspaces', () => {
    expect(failure(Schema.initial(), 'DROP KEYSPACE nope')).toEqual({ type: 'InvalidRequestError', message: "Keyspace 'nope' doesn't exist" });
    expect(run(Schema.initial(), 'DROP KEYSPACE IF EXISTS nope').change).toBeNull();
    expect(failure(Schema.initial(), 'DROP KEYSPACE system_schema'))
      .toEqual({ type: 'UnauthorizedError', message: 'system_schema keyspace is not user-modifiable.' });
    expect(failure(Schema.initial(), 'DROP KEYSPACE system_auth'))
      .toEqual({ type: 'UnauthorizedError', message: 'Cannot DROP <keyspace system_auth>' });
  });
});
