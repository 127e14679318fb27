import { describe, expect, it } from 'vitest';
import { formatCqlType } from '../../../types/index.js';
import { NOW_MICROS, failure, run, withKeyspace } from './test-helpers.js';

const base = (): ReturnType<typeof withKeyspace> =>
  withKeyspace('CREATE TYPE ks.addr (street text)', 'CREATE TABLE ks.t (k int, c int, v text, PRIMARY KEY (k, c))');

describe('ALTER TABLE', () => {
  it('adds columns and reports the update', () => {
    const result = run(base(), 'ALTER TABLE ks.t ADD (s int static, a frozen<addr>)');
    const t = result.schema.table('ks', 't')!;
    expect(t.staticColumns.map((c) => c.name)).toEqual(['s']);
    expect(t.regularColumns.map((c) => c.name)).toEqual(['a', 'v']);
    expect(result.change).toEqual({ change: 'UPDATED', target: 'TABLE', keyspace: 'ks', name: 't', argTypes: [] });
  });

  it('drops columns, recording the drop time and the type with user types expanded', () => {
    const schema = run(base(), 'ALTER TABLE ks.t ADD a frozen<addr>').schema;
    const t = run(schema, 'ALTER TABLE ks.t DROP (v, a)').schema.table('ks', 't')!;
    expect(t.columns.has('v')).toBe(false);
    expect(t.droppedColumns.get('v')).toEqual({ type: t.droppedColumns.get('v')!.type, kind: 'regular', droppedAtMicros: NOW_MICROS });
    expect(formatCqlType(t.droppedColumns.get('a')!.type)).toBe('frozen<tuple<text>>');
    const timed = run(schema, 'ALTER TABLE ks.t DROP v USING TIMESTAMP 1589286942065000').schema.table('ks', 't')!;
    expect(timed.droppedColumns.get('v')!.droppedAtMicros).toBe(1589286942065000n);
  });

  it('re-adds a dropped column of the same type and kind, and refuses another', () => {
    const dropped = run(base(), 'ALTER TABLE ks.t DROP v').schema;
    expect(run(dropped, 'ALTER TABLE ks.t ADD v text').schema.table('ks', 't')!.columns.has('v')).toBe(true);
    expect(failure(dropped, 'ALTER TABLE ks.t ADD v int')).toEqual({
      type: 'InvalidRequestError', message: "Cannot re-add previously dropped column 'v' of type int, incompatible with previous type text",
    });
    expect(failure(dropped, 'ALTER TABLE ks.t ADD v text static')).toEqual({
      type: 'InvalidRequestError', message: "Cannot re-add previously dropped column 'v' of kind STATIC, incompatible with previous kind REGULAR",
    });
  });

  it('renames primary key columns only', () => {
    const t = run(base(), 'ALTER TABLE ks.t RENAME c TO c2 AND k TO k2').schema.table('ks', 't')!;
    expect(t.partitionKey.map((c) => c.name)).toEqual(['k2']);
    expect(t.clustering.map((c) => c.name)).toEqual(['c2']);
    expect(failure(base(), 'ALTER TABLE ks.t RENAME v TO w')).toEqual({ type: 'InvalidRequestError', message: 'Cannot rename non PRIMARY KEY column v' });
    expect(failure(base(), 'ALTER TABLE ks.t RENAME c TO v')).toEqual({
      type: 'InvalidRequestError', message: "Cannot rename column c to v in table 'ks.t'; another column with that name already exists",
    });
  });

  it('changes options and reports no change when they stay the same', () => {
    const result = run(base(), "ALTER TABLE ks.t WITH comment = 'x' AND default_time_to_live = 60");
    expect(result.schema.table('ks', 't')!.options.comment).toBe('x');
    expect(result.schema.table('ks', 't')!.options.defaultTimeToLive).toBe(60);
    expect(result.schema.table('ks', 't')!.options.gcGraceSeconds).toBe(864000);
    expect(run(result.schema, "ALTER TABLE ks.t WITH comment = 'x'").change).toBeNull();
  });

  it('skips existing or missing columns with IF [NOT] EXISTS and missing tables with IF EXISTS', () => {
    expect(run(base(), 'ALTER TABLE ks.t ADD IF NOT EXISTS v text').change).toBeNull();
    expect(run(base(), 'ALTER TABLE ks.t DROP IF EXISTS nope').change).toBeNull();
    expect(run(base(), 'ALTER TABLE IF EXISTS ks.nope ADD v int').change).toBeNull();
  });

  it.each([
    ['ALTER TABLE ks.nope ADD x int', 'InvalidRequestError', "Table 'ks.nope' doesn't exist"],
    ['ALTER TABLE ks.t ADD v int', 'InvalidRequestError', "Column with name 'v' already exists"],
    ['ALTER TABLE ks.t ADD n counter', 'ConfigurationError', 'ks.t: Cannot have a counter column ("n") in a non counter table'],
    ['ALTER TABLE ks.t DROP k', 'InvalidRequestError', 'Cannot drop PRIMARY KEY column k'],
    ['ALTER TABLE ks.t DROP nope', 'InvalidRequestError', "Column nope was not found in table 'ks.t'"],
    ['ALTER TABLE ks.t RENAME nope TO x', 'InvalidRequestError', 'Undefined column name nope in table ks.t'],
    ['ALTER TABLE ks.t ALTER v TYPE blob', 'InvalidRequestError', 'Altering column types is no longer supported'],
    ["ALTER TABLE ks.t WITH id = '5a1c395e-b41f-11e5-9f22-ba0be0483c18'", 'ConfigurationError', 'Cannot alter table id.'],
    ['ALTER TABLE ks.t WITH foo = 1', 'SyntaxError', "Unknown property 'foo'"],
    ['ALTER TABLE system.local ADD x int', 'UnauthorizedError', 'system keyspace is not user-modifiable.'],
    ['ALTER TABLE system_auth.roles ADD x int', 'UnauthorizedError', 'Cannot ALTER <table system_auth.roles>'],
  ])('rejects %s', (cql, type, message) => {
    expect(failure(base(), cql)).toEqual({ type, message });
  });

  it('refuses a default TTL on counter tables and dropping indexed columns', () => {
    const counters = withKeyspace('CREATE TABLE ks.c (k int PRIMARY KEY, n counter)');
    expect(failure(counters, 'ALTER TABLE ks.c WITH default_time_to_live = 1'))
      .toEqual({ type: 'InvalidRequestError', message: 'Cannot set default_time_to_live on a table with counters' });
    expect(failure(counters, 'ALTER TABLE ks.c ADD v int'))
      .toEqual({ type: 'ConfigurationError', message: 'ks.c: Cannot have a non counter column ("v") in a counter table' });
    const indexed = run(base(), 'CREATE INDEX vi ON ks.t (v)').schema;
    expect(failure(indexed, 'ALTER TABLE ks.t DROP v'))
      .toEqual({ type: 'InvalidRequestError', message: 'Cannot drop column v because it has dependent secondary indexes (vi)' });
  });
});

describe('DROP TABLE', () => {
  it('drops the table', () => {
    const result = run(base(), 'DROP TABLE ks.t');
    expect(result.schema.table('ks', 't')).toBeUndefined();
    expect(result.change).toEqual({ change: 'DROPPED', target: 'TABLE', keyspace: 'ks', name: 't', argTypes: [] });
  });

  it('fails on a missing table unless IF EXISTS', () => {
    expect(failure(base(), 'DROP TABLE ks.nope')).toEqual({ type: 'InvalidRequestError', message: "Table 'ks.nope' doesn't exist" });
    expect(run(base(), 'DROP TABLE IF EXISTS ks.nope').change).toBeNull();
    expect(failure(base(), 'DROP TABLE system_traces.events')).toEqual({ type: 'UnauthorizedError', message: 'Cannot DROP <table system_traces.events>' });
  });
});
