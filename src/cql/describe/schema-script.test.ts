import { describe, expect, it } from 'vitest';
import { Schema } from '../../schema/index.js';
import { schemaAfter, withKeyspace } from '../statements/ddl/test-helpers.js';
import { schemaScript, tableSchemaScript } from './schema-script.js';

describe('schemaScript', () => {
  it('recreates the user keyspaces with their internals, in an order that runs', () => {
    const schema = withKeyspace(
      'CREATE TYPE ks.a (x int)',
      'CREATE TABLE ks.t (k int PRIMARY KEY, v frozen<a>, gone int)',
      'ALTER TABLE ks.t DROP gone',
    );
    const script = schemaScript(schema);
    expect(script[0]).toMatch(/^CREATE KEYSPACE ks /);
    expect(script[1]).toMatch(/^CREATE TYPE ks.a /);
    expect(script[2]).toMatch(/^CREATE TABLE ks.t [^]*ID = [0-9a-f-]{36}[^]*\nALTER TABLE ks.t DROP gone USING TIMESTAMP \d+;/);
    // Running the script again gives the same schema, ids and dropped columns included.
    expect(schemaAfter(...script.flatMap((s) => s.split(/;\n/).map((part) => part.replace(/;$/, '')))).version).toEqual(schema.version);
  });

  it('keeps the replication of replicated system keyspaces and nothing of the local ones', () => {
    const script = schemaScript(Schema.initial());
    expect(script).toEqual([
      "ALTER KEYSPACE system_auth WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'};",
      "ALTER KEYSPACE system_distributed WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '3'};",
      "ALTER KEYSPACE system_traces WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '2'};",
    ]);
  });
});

describe('tableSchemaScript', () => {
  it('recreates one table: the types it uses (and theirs), the table with its internals and indexes', () => {
    const schema = withKeyspace(
      'CREATE TYPE ks.unused (x int)',
      'CREATE TYPE ks.inner (x int)',
      'CREATE TYPE ks.outer (i frozen<inner>)',
      'CREATE TABLE ks.t (k int PRIMARY KEY, v frozen<outer>, w int)',
      'CREATE INDEX t_w ON ks.t (w)',
      'CREATE MATERIALIZED VIEW ks.by_w AS SELECT * FROM ks.t WHERE w IS NOT NULL AND k IS NOT NULL PRIMARY KEY (w, k)',
    );
    const ks = schema.keyspace('ks')!;
    const script = tableSchemaScript(ks, ks.tables.get('t')!);
    expect(script.map((s) => s.split(' (')[0])).toEqual(['CREATE TYPE ks.inner', 'CREATE TYPE ks.outer', 'CREATE TABLE ks.t', 'CREATE INDEX t_w ON ks.t']);
    expect(script[2]).toMatch(/ID = [0-9a-f-]{36}/);
    // A view's columns are its base table's: it needs the same types.
    expect(tableSchemaScript(ks, ks.tables.get('by_w')!).map((s) => s.split(' (')[0]!.split(' AS')[0])).toEqual(['CREATE TYPE ks.inner', 'CREATE TYPE ks.outer', 'CREATE MATERIALIZED VIEW ks.by_w']);
  });
});
