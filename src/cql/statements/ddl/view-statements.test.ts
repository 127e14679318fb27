/**
 * CREATE / ALTER / DROP MATERIALIZED VIEW with the rules and messages of Cassandra 4.1's CreateViewStatement,
 * AlterViewStatement and DropViewStatement (ViewSchemaTest, ViewTest), and what they do to the base table's DDL.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../common/index.js';
import { parseStatement } from '../../parser/index.js';
import { executeSchemaStatement, isSchemaStatement, VIEW_USAGE_WARNING } from './index.js';
import { failure, NOW_MICROS, run, withKeyspace } from './test-helpers.js';

const base = (): ReturnType<typeof withKeyspace> => withKeyspace(
  'CREATE TABLE ks.t (k int, c int, v int, w text, s int static, l list<int>, d duration, PRIMARY KEY (k, c))',
  'CREATE TABLE ks.plain (k int, c int, v int, w text, l list<int>, fl frozen<list<int>>, d duration, PRIMARY KEY (k, c))',
);
const VIEW = 'CREATE MATERIALIZED VIEW ks.mv AS SELECT k, c, v FROM ks.plain WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)';
const message = (cql: string, schema = base()): string => failure(schema, cql).message;

describe('CREATE MATERIALIZED VIEW', () => {
  it('creates a view table with the base types, reported as a created TABLE with the experimental warning', () => {
    const result = run(base(), VIEW);
    expect(result.change).toEqual({ change: 'CREATED', target: 'TABLE', keyspace: 'ks', name: 'mv', argTypes: [] });
    expect(result.warnings).toEqual([VIEW_USAGE_WARNING]);
    expect(VIEW_USAGE_WARNING).toBe('Materialized views are experimental and are not recommended for production use.');
    const view = result.schema.table('ks', 'mv')!;
    expect(view.partitionKey.map((c) => c.name)).toEqual(['v']);
    expect(view.clustering.map((c) => c.name)).toEqual(['k', 'c']);
    expect(view.regularColumns).toEqual([]);
    expect(view.view).toMatchObject({ baseTableName: 'plain', includeAllColumns: false, baseNonKeyColumnInKey: 'v' });
    expect(view.view!.whereClause).toBe('k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL');
    expect(result.schema.viewsOf('ks', 'plain')).toEqual([view]);
  });

  it('selects every column with *, keeps the CLUSTERING ORDER and other restrictions on key columns', () => {
    const schema = run(base(), "CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.plain WHERE k IS NOT NULL AND c > 2 AND w IS NOT NULL PRIMARY KEY ((k, c)) WITH comment = 'x'").schema;
    const view = schema.table('ks', 'mv')!;
    expect(view.view).toMatchObject({ includeAllColumns: true, baseNonKeyColumnInKey: null, whereClause: 'k IS NOT NULL AND c > 2 AND w IS NOT NULL' });
    expect(view.view!.filter).toEqual([{ column: 'c', operator: '>', values: [Buffer.from([0, 0, 0, 2])] }]);
    expect(view.options.comment).toBe('x');
    const ordered = run(base(), 'CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.plain WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k) WITH CLUSTERING ORDER BY (k DESC)').schema;
    expect(ordered.table('ks', 'mv')!.clustering[0]!.clusteringOrder).toBe('desc');
  });

  it('is a no-op under IF NOT EXISTS, still with the warning, and AlreadyExists otherwise', () => {
    const schema = run(base(), VIEW).schema;
    const again = run(schema, VIEW.replace('VIEW ks.mv', 'VIEW IF NOT EXISTS ks.mv'));
    expect(again.change).toBeNull();
    expect(again.warnings).toEqual([VIEW_USAGE_WARNING]);
    expect(failure(schema, VIEW)).toEqual({ type: 'AlreadyExistsError', message: 'Cannot add already existing table "mv" to keyspace "ks"' });
  });

  it('refuses what CreateViewStatement refuses, with its messages', () => {
    const sel = (select: string, where: string, key: string, from = 'ks.plain'): string =>
      `CREATE MATERIALIZED VIEW ks.mv AS SELECT ${select} FROM ${from} WHERE ${where} PRIMARY KEY ${key}`;
    const all = 'k IS NOT NULL AND c IS NOT NULL';
    expect(message(sel('*', all, '(k, c)', 'ks.nope'))).toBe("Base table 'nope' doesn't exist");
    expect(message(sel('*', all, '(k, c)', 'other.plain'))).toBe('Cannot create a materialized view on a table in a different keyspace');
    expect(message(sel('*', 'k IS NOT NULL AND c = ?', '(k, c)'))).toBe('Bind variables are not allowed in CREATE MATERIALIZED VIEW statements');
    expect(message(sel('*', all, '(k, c)').replace('ks.mv', 'ks.t'))).toBe("Cannot create materialized view 't' - a table with the same name already exists");
    expect(message(sel('*', all, '(k, c)', 'ks.t'))).toBe("Cannot include static column 's' in materialized view 'mv'");
    expect(message(sel('k, c, v AS x', all, '(k, c)'))).toBe('Cannot use aliases when defining a materialized view (got v AS x)');
    expect(message(sel('k, c, ttl(v)', all, '(k, c)'))).toBe('Can only select columns by name when defining a materialized view (got ttl(v))');
    expect(message(sel('k, c, zz', all, '(k, c)'))).toBe('Undefined column name zz in table ks.plain');
    expect(message(sel('k, c', all, '(k, c, v)'))).toBe("Unknown column 'v' referenced in PRIMARY KEY for materialized view 'mv'");
    expect(message(sel('*', all, '(k, c, k)'))).toBe("Duplicate column 'k' in PRIMARY KEY clause for materialized view 'mv'");
    expect(message(sel('*', `${all} AND l IS NOT NULL`, '(l, k, c)'))).toBe("Invalid non-frozen collection type 'org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)' for PRIMARY KEY column 'l'");
    expect(message(sel('*', `${all} AND d IS NOT NULL`, '(d, k, c)'))).toBe("duration type is not supported for PRIMARY KEY column 'd'");
    expect(message(sel('*', all, '(c, k) WITH CLUSTERING ORDER BY (c ASC)'))).toBe('Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive');
    expect(message(sel('*', 'k IS NOT NULL', '(k)'))).toBe("Cannot create materialized view 'mv' without primary key columns c from base table 'plain'");
    expect(message(sel('*', `${all} AND v IS NOT NULL AND w IS NOT NULL`, '(v, w, k, c)'))).toBe('Cannot include more than one non-primary key column in materialized view primary key (got v, w)');
    expect(message(sel('*', 'token(k) > 0 AND c IS NOT NULL', '(k, c)'))).toBe('Cannot use token relation when defining a materialized view');
    expect(message(sel('*', 'k IS NOT NULL', '(c, k)'))).toBe("Primary key columns c must be restricted with 'IS NOT NULL' or otherwise");
    expect(message(sel('*', `${all} AND v = 1`, '(k, c)'))).toBe("Non-primary key columns can only be restricted with 'IS NOT NULL' (got: v restricted illegally)");
    expect(message(sel('*', all, '(k, c) WITH default_time_to_live = 10'))).toBe(
      'Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table.');
    expect(message(sel('*', all, '(k, c) WITH CLUSTERING ORDER BY (c ASC, c DESC)'))).toBe("Duplicate column 'c' in CLUSTERING ORDER BY clause for view 'ks.mv'");
  });

  it('refuses views of counter tables, of views, and of tables with gc_grace_seconds 0', () => {
    const schema = run(base(), VIEW).schema;
    const counters = run(schema, 'CREATE TABLE ks.cnt (k int PRIMARY KEY, n counter)').schema;
    const zero = run(counters, 'CREATE TABLE ks.zero (k int PRIMARY KEY, v int) WITH gc_grace_seconds = 0').schema;
    const on = (table: string): string => `CREATE MATERIALIZED VIEW ks.mv2 AS SELECT * FROM ks.${table} WHERE k IS NOT NULL PRIMARY KEY (k)`;
    expect(failure(zero, on('cnt')).message).toBe('Materialized views are not supported on counter tables');
    expect(failure(zero, 'CREATE MATERIALIZED VIEW ks.mv2 AS SELECT * FROM ks.mv WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)').message)
      .toBe("Base table 'mv' doesn't exist");
    expect(failure(zero, on('zero')).message).toBe("Cannot create materialized view 'mv2' for base table 'zero' with gc_grace_seconds of 0, since this value "
      + 'is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.');
  });

  it("gives Cassandra's refusal when materialized views are disabled", () => {
    const { statement } = parseStatement(VIEW);
    if (!isSchemaStatement(statement)) throw new Error('not a schema statement');
    expect(() => executeSchemaStatement(statement, { schema: base(), keyspace: null, nowMicros: NOW_MICROS, random: new SeededRandom(1), materializedViewsEnabled: false }))
      .toThrow('Materialized views are disabled. Enable in cassandra.yaml to use.');
  });
});

describe('ALTER and DROP MATERIALIZED VIEW', () => {
  it('alters options, refusing gc_grace_seconds 0 and a default TTL', () => {
    const schema = run(base(), VIEW).schema;
    const altered = run(schema, "ALTER MATERIALIZED VIEW ks.mv WITH comment = 'c'");
    expect(altered.change).toEqual({ change: 'UPDATED', target: 'TABLE', keyspace: 'ks', name: 'mv', argTypes: [] });
    expect(altered.schema.table('ks', 'mv')!.options.comment).toBe('c');
    expect(message('ALTER MATERIALIZED VIEW ks.mv WITH gc_grace_seconds = 0', schema)).toMatch(/^Cannot alter gc_grace_seconds of a materialized view to 0/);
    expect(message('ALTER MATERIALIZED VIEW ks.mv WITH default_time_to_live = 5', schema)).toMatch(/^Forbidden default_time_to_live detected for a materialized view/);
    expect(message('ALTER MATERIALIZED VIEW ks.nope WITH comment = \'c\'', schema)).toBe("Materialized view 'ks.nope' doesn't exist");
    expect(run(schema, "ALTER MATERIALIZED VIEW IF EXISTS ks.nope WITH comment = 'c'").change).toBeNull();
  });

  it('drops a view, not a table, reported as a dropped TABLE', () => {
    const schema = run(base(), VIEW).schema;
    const dropped = run(schema, 'DROP MATERIALIZED VIEW ks.mv');
    expect(dropped.change).toEqual({ change: 'DROPPED', target: 'TABLE', keyspace: 'ks', name: 'mv', argTypes: [] });
    expect(dropped.schema.table('ks', 'mv')).toBeUndefined();
    expect(message('DROP MATERIALIZED VIEW ks.plain', schema)).toBe("Materialized view 'ks.plain' doesn't exist");
    expect(run(schema, 'DROP MATERIALIZED VIEW IF EXISTS ks.nope').change).toBeNull();
  });
});

describe('the base table of a view', () => {
  const schema = (): ReturnType<typeof base> => run(base(), VIEW).schema;

  it('cannot be dropped, nor have columns dropped, while views depend on it', () => {
    expect(message('DROP TABLE ks.plain', schema())).toBe('Cannot drop a table when materialized views still depend on it (ks)');
    expect(message('DROP TABLE ks.mv', schema())).toBe('Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.');
    expect(message('ALTER TABLE ks.plain DROP w', schema())).toBe('Cannot drop column w on base table plain with materialized views');
    expect(message('ALTER TABLE ks.mv ADD x int', schema())).toBe('Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead');
    expect(message('ALTER TABLE ks.plain WITH gc_grace_seconds = 0', schema())).toMatch(/^Cannot alter gc_grace_seconds of the base table of a materialized view to 0/);
    expect(message('CREATE INDEX ON ks.mv (k)', schema())).toBe("Secondary indexes on materialized views aren't supported");
  });

  it('passes new columns to the views that select every column, and renames key columns in its views', () => {
    const all = run(base(), 'CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.plain WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)').schema;
    const added = run(all, 'ALTER TABLE ks.plain ADD x int').schema;
    expect(added.table('ks', 'mv')!.columns.has('x')).toBe(true);
    const renamed = run(added, 'ALTER TABLE ks.plain RENAME c TO cc').schema.table('ks', 'mv')!;
    expect(renamed.partitionKey.map((c) => c.name)).toEqual(['cc']);
    expect(renamed.view!.whereClause).toBe('k IS NOT NULL AND cc IS NOT NULL');
  });

  it('keeps case-sensitive names quoted in the WHERE clause, through a rename (ViewSchemaTest.testCaseSensitivity)', () => {
    const schema = run(withKeyspace('CREATE TABLE ks.cs ("theKey" int, "theClustering" int, "theValue" int, PRIMARY KEY ("theKey", "theClustering"))'),
      'CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.cs WHERE "theKey" IS NOT NULL AND "theClustering" IS NOT NULL AND "theValue" IS NOT NULL PRIMARY KEY ("theKey", "theClustering")').schema;
    expect(schema.table('ks', 'mv')!.view!.whereClause).toBe('"theKey" IS NOT NULL AND "theClustering" IS NOT NULL AND "theValue" IS NOT NULL');
    const renamed = run(schema, 'ALTER TABLE ks.cs RENAME "theClustering" TO "Col"').schema.table('ks', 'mv')!;
    expect(renamed.clustering.map((c) => c.name)).toEqual(['Col']);
    expect(renamed.view!.whereClause).toBe('"theKey" IS NOT NULL AND "Col" IS NOT NULL AND "theValue" IS NOT NULL');
  });
});
