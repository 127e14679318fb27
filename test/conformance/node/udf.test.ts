/**
 * User-defined functions and aggregates through the Node.js driver (Cassandra 4.1's UFTest, UFScriptTest,
 * UFIdentificationTest and AggregationTest's UDA cases): CREATE/DROP FUNCTION and AGGREGATE with their
 * refusals, calls in selections and WHERE terms, overloads beside native functions, null input, collections,
 * tuples and UDTs, UDAs with GROUP BY and paging, FUNCTION_FAILURE, schema events, DESCRIBE and the driver's
 * metadata. JavaScript bodies need scripted_user_defined_functions_enabled on Cassandra 4.1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { startCluster } from '../../../src/index.js';
import { isExternalTarget, useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('udf');
const FUNCTION_FAILURE = 0x1400;

async function run(cql: string, params: unknown[] = [], prepare = params.length > 0): Promise<cassandra.types.ResultSet> {
  return target.client.execute(cql, params, { prepare });
}

/** The driver's typings say string, but metadata types are { code, info } objects. */
function typeCode(type: unknown): number {
  return (type as { code: number }).code;
}

async function values(cql: string, params: unknown[] = [], prepare = params.length > 0): Promise<unknown[][]> {
  const result = await run(cql, params, prepare);
  return result.rows.map((row) => row.values().map((v) => (v instanceof cassandra.types.Long ? v.toNumber() : v)));
}

beforeAll(async () => {
  await run('CREATE TABLE t (k int, c int, v int, s text, d double, l list<int>, m map<text, int>, PRIMARY KEY (k, c))');
  for (let c = 0; c < 4; c++) {
    await run('INSERT INTO t (k, c, v, s, d, l, m) VALUES (?, ?, ?, ?, ?, ?, ?)', [1, c, c * 10, `s${c}`, c / 2, [c, c + 1], { a: c }]);
  }
  await run('INSERT INTO t (k, c) VALUES (2, 0)');
  await run(`CREATE FUNCTION plus_j(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'`);
});

describe('scalar functions', () => {
  it('runs Java and JavaScript bodies, arguments by name, nested and beside native functions', async () => {
    await run(`CREATE FUNCTION plus_js(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'a + b'`);
    await run(`CREATE FUNCTION shout(s text) CALLED ON NULL INPUT RETURNS text LANGUAGE java
      AS $$ if (s == null) return "none"; return s.toUpperCase() + "!"; $$`);
    expect(await values('SELECT plus_j(c, v), plus_js(c, v), shout(s) FROM t WHERE k = 1')).toEqual([
      [0, 0, 'S0!'], [11, 11, 'S1!'], [22, 22, 'S2!'], [33, 33, 'S3!'],
    ]);
    expect(await values(`SELECT ${target.keyspace}.plus_j(plus_j(c, 1), v), plus_js(c, 1) + 1, shout(blobastext(textasblob(s))) FROM t WHERE k = 1 AND c = 2`))
      .toEqual([[23, 4, 'S2!']]);
    const named = await run('SELECT plus_j(c, v) FROM t WHERE k = 1 LIMIT 1');
    expect(named.columns.map((c) => c.name)).toEqual([`${target.keyspace}.plus_j(c, v)`]);
  });

  it('gives null without calling the body on null input, unless CALLED ON NULL INPUT', async () => {
    expect(await values('SELECT plus_j(c, v), shout(s) FROM t WHERE k = 2')).toEqual([[null, 'none']]);
    await run(`CREATE FUNCTION nvl(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a == null ? b : a;'`);
    expect(await values('SELECT nvl(v, 7), nvl(null, c) FROM t WHERE k = 2')).toEqual([[7, 0]]);
  });

  it('calls functions in WHERE terms and binds markers with the parameter type', async () => {
    expect(await values('SELECT c FROM t WHERE k = plus_j(0, 1) AND c = plus_j(?, 1)', [1])).toEqual([[2]]);
    await run('INSERT INTO t (k, c, v) VALUES (3, plus_j(1, 1), plus_js(?, ?))', [20, 1], true);
    expect(await values('SELECT c, v FROM t WHERE k = 3')).toEqual([[2, 21]]);
  });

  it('calls functions in SET, IF conditions and SELECT JSON', async () => {
    await run('UPDATE t SET v = plus_j(?, 100) WHERE k = 3 AND c = 2 IF v = plus_js(20, 1)', [5], true);
    expect(await values('SELECT v FROM t WHERE k = 3')).toEqual([[105]]);
    const json = await values('SELECT JSON plus_j(c, 1) FROM t WHERE k = 3');
    expect(json).toEqual([[`{"${target.keyspace}.plus_j(c, 1)": 3}`]]);
  });

  it('resolves overloads, user and native, and refuses ambiguous calls with type hints as the way out', async () => {
    await run(`CREATE FUNCTION describe_it(x int) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return "int " + x;'`);
    await run(`CREATE FUNCTION describe_it(x text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return "text " + x;'`);
    await run(`CREATE FUNCTION describe_it(x double) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return "double " + x;'`);
    expect(await values("SELECT describe_it(c), describe_it(s), describe_it(d), describe_it('lit'), describe_it((int) 5) FROM t WHERE k = 1 AND c = 1"))
      .toEqual([['int 1', 'text s1', 'double 0.5', 'text lit', 'int 5']]);
    await expectServerError(run('SELECT describe_it(?) FROM t WHERE k = 1', [1], true), ErrorCodes.invalid,
      `Ambiguous call to function describe_it (can be matched by following signatures: ${target.keyspace}.describe_it : (int) -> text, `);
    expect(await values('SELECT describe_it((double) ?) FROM t WHERE k = 1 AND c = 0', [2.5])).toEqual([['double 2.5']]);
    // A two-argument `max` of this keyspace stands beside the native aggregate of one argument.
    await run(`CREATE FUNCTION max(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return Math.max(a, b);'`);
    expect(await values('SELECT max(c, 2) FROM t WHERE k = 1')).toEqual([[2], [2], [2], [3]]);
    expect(await values('SELECT max(c) FROM t WHERE k = 1')).toEqual([[3]]);
  });

  it('maps collections, tuples and user types both ways', async () => {
    await run('CREATE TYPE point (x int, y int)');
    await run('CREATE TABLE shapes (k int PRIMARY KEY, p frozen<point>, tp tuple<int, text>, st set<text>, l list<int>, m map<text, int>)');
    await run("INSERT INTO shapes (k, p, tp, st, l, m) VALUES (1, {x: 3, y: 4}, (7, 'seven'), {'a', 'b'}, [1, 2, 3], {'a': 1, 'b': 2})");
    await run(`CREATE FUNCTION norm(p point) RETURNS NULL ON NULL INPUT RETURNS double LANGUAGE javascript AS 'Math.sqrt(p.x * p.x + p.y * p.y)'`);
    await run(`CREATE FUNCTION second(tp tuple<int, text>) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE javascript AS 'tp[1] + tp[0]'`);
    await run(`CREATE FUNCTION total(l list<int>) RETURNS NULL ON NULL INPUT RETURNS bigint LANGUAGE java
      AS $$ long sum = 0; for (Integer i : l) sum += i; return sum; $$`);
    await run(`CREATE FUNCTION with_c(st set<text>) RETURNS NULL ON NULL INPUT RETURNS set<text> LANGUAGE java
      AS $$ Set<String> copy = new HashSet<>(st); copy.add("c"); return copy; $$`);
    await run(`CREATE FUNCTION lookup(m map<text, int>, key text) CALLED ON NULL INPUT RETURNS int LANGUAGE java
      AS $$ return m.containsKey(key) ? m.get(key) : -1; $$`);
    await run(`CREATE FUNCTION mirror(p point) RETURNS NULL ON NULL INPUT RETURNS point LANGUAGE javascript AS '({x: p.y, y: p.x})'`);
    const row = (await run("SELECT norm(p), second(tp), total(l), with_c(st), lookup(m, 'b'), lookup(m, 'z'), mirror(p) FROM shapes WHERE k = 1")).rows[0]!;
    expect(row.values().slice(0, 3).map(String)).toEqual(['5', 'seven7', '6']);
    expect(row.values()[3]).toEqual(['a', 'b', 'c']);
    expect(row.values().slice(4, 6)).toEqual([2, -1]);
    expect({ ...(row.values()[6] as object) }).toEqual({ x: 4, y: 3 });
  });
});

describe('failures', () => {
  it('reports exceptions in bodies as FUNCTION_FAILURE naming the function and its argument types', async () => {
    await run(`CREATE FUNCTION divide(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a / b;'`);
    const error = await expectServerError(run('SELECT divide(v, c) FROM t WHERE k = 1'), FUNCTION_FAILURE,
      `execution of '${target.keyspace}.divide[int, int]' failed: java.lang.ArithmeticException: / by zero`);
    expect(error['keyspace']).toBe(target.keyspace);
    expect(error['functionName']).toBe('divide');
    expect(error['argTypes']).toEqual(['int', 'int']);
    await run(`CREATE FUNCTION boom(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'throw new Error("boom " + a)'`);
    await expectServerError(run('SELECT boom(c) FROM t WHERE k = 1'), FUNCTION_FAILURE,
      `execution of '${target.keyspace}.boom[int]' failed: Error: boom 0`);
    await run(`CREATE FUNCTION wrong(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS '"text"'`);
    await expectServerError(run('SELECT wrong(c) FROM t WHERE k = 1'), FUNCTION_FAILURE, 'java.lang.ClassCastException');
  });

  it('stops a body that runs past user_defined_functions_fail_timeout', async () => {
    await run(`CREATE FUNCTION spin(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'while (true) {}'`);
    await expectServerError(run('SELECT spin(c) FROM t WHERE k = 1 AND c = 1'), FUNCTION_FAILURE,
      `ran longer than 1500ms`);
  });

  it("refuses what Cassandra's CREATE FUNCTION refuses", async () => {
    const invalid = (cql: string, message: string) => expectServerError(run(cql), ErrorCodes.invalid, message);
    await invalid(`CREATE FUNCTION plus_j(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'`,
      "Function 'plus_j' already exists");
    await invalid(`CREATE OR REPLACE FUNCTION IF NOT EXISTS f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'`,
      "Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives");
    await invalid(`CREATE OR REPLACE FUNCTION plus_j(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'`,
      // Cassandra names the directive of the new definition.
      "Function 'plus_j' must have CALLED ON NULL INPUT directive");
    await invalid(`CREATE OR REPLACE FUNCTION plus_j(a int, b int) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return "a";'`,
      "Cannot replace function 'plus_j', the new return type text is not compatible with the return type int of existing function");
    await invalid(`CREATE FUNCTION dup(a int, a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'`,
      'Duplicate argument names for given function dup with argument names [a, a]');
    await invalid(`CREATE FUNCTION fr(a frozen<list<int>>) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'`,
      "Argument 'frozen<list<int>>' cannot be frozen; remove frozen<> modifier from 'frozen<list<int>>'");
    await invalid(`CREATE FUNCTION lang(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE cobol AS 'x'`,
      "Invalid language 'cobol' for function");
    await invalid(`CREATE FUNCTION bad(a int) RETURNS NULL ON NULL INPUT RETURNS bigint LANGUAGE java AS 'return a;'`,
      'Java source compilation failed:\nLine 1: Type mismatch: cannot convert from Integer to Long');
    await invalid(`CREATE FUNCTION bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return System.exit(1);'`,
      "Java source compilation failed:\nLine 1: Cassanova's Java UDF subset does not support System.*");
    await invalid(`CREATE FUNCTION bad(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'a +'`,
      "Failed to compile function '" + target.keyspace + ".bad' for language javascript");
    await invalid(`CREATE FUNCTION nope.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'`,
      "Keyspace 'nope' doesn't exist");
  });
});

describe('aggregates', () => {
  beforeAll(async () => {
    await run('CREATE TABLE scores (team text, player int, score int, PRIMARY KEY (team, player))');
    for (let p = 0; p < 10; p++) await run('INSERT INTO scores (team, player, score) VALUES (?, ?, ?)', [p % 2 === 0 ? 'even' : 'odd', p, p * 3]);
    await run(`CREATE FUNCTION acc(state tuple<int, bigint>, val int) CALLED ON NULL INPUT RETURNS tuple<int, bigint> LANGUAGE javascript
      AS 'if (val !== null) { state[0] = state[0] + 1; state[1] = state[1] + val; } state'`);
    await run(`CREATE FUNCTION finish(state tuple<int, bigint>) CALLED ON NULL INPUT RETURNS double LANGUAGE javascript
      AS 'state[0] === 0 ? null : state[1] / state[0]'`);
    await run(`CREATE AGGREGATE average(int) SFUNC acc STYPE tuple<int, bigint> FINALFUNC finish INITCOND (0, 0)`);
    await run(`CREATE FUNCTION sum_state(state int, val int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return state + val;'`);
    await run('CREATE AGGREGATE total(int) SFUNC sum_state STYPE int INITCOND 0');
  });

  it('aggregates every row, per group, and over pages', async () => {
    expect(await values('SELECT average(score), total(score), count(*) FROM scores')).toEqual([[13.5, 135, 10]]);
    expect(await values('SELECT team, average(score), total(score) FROM scores GROUP BY team')).toEqual([
      ['even', 12, 60], ['odd', 15, 75],
    ]);
    const paged = await target.client.execute('SELECT team, total(score) FROM scores GROUP BY team', [], { fetchSize: 1 });
    expect(paged.rows.map((r) => r.values())).toEqual([['even', 60]]);
    const next = await target.client.execute('SELECT team, total(score) FROM scores GROUP BY team', [], { fetchSize: 1, pageState: paged.pageState });
    expect(next.rows.map((r) => r.values())).toEqual([['odd', 75]]);
    expect(await values("SELECT average(score) FROM scores WHERE team = 'none'")).toEqual([[null]]);
  });

  it('refuses what CREATE and DROP refuse for aggregates and the functions they use', async () => {
    const invalid = (cql: string, message: string) => expectServerError(run(cql), ErrorCodes.invalid, message);
    const ks = target.keyspace;
    await invalid('CREATE AGGREGATE a1(int) SFUNC nothing STYPE int', `State function ${ks}.nothing(int, int) doesn't exist`);
    await invalid('CREATE AGGREGATE a1(int) SFUNC sum_state STYPE int FINALFUNC nothing', `Final function ${ks}.nothing(int) doesn't exist`);
    await invalid('CREATE AGGREGATE a1(int) SFUNC sum_state STYPE int',
      `Cannot create aggregate 'a1' without INITCOND because state function ${ks}.sum_state does not accept 'null' arguments`);
    await invalid("CREATE AGGREGATE a1(int) SFUNC sum_state STYPE int INITCOND 'x'", 'Invalid STRING constant');
    await invalid('CREATE AGGREGATE total(int) SFUNC sum_state STYPE int INITCOND 0', "Aggregate 'total' already exists");
    await invalid('DROP FUNCTION sum_state', `Function '${ks}.sum_state' is still referenced by aggregates ${ks}.total`);
    await invalid('DROP FUNCTION describe_it',
      "'DROP FUNCTION describe_it' matches multiple function definitions; specify the argument types by issuing a statement like 'DROP FUNCTION describe_it (type, type, ...)'. You can use cqlsh 'DESCRIBE FUNCTION describe_it' command to find all overloads");
    await invalid('DROP FUNCTION missing(int)', `Function '${ks}.missing(int)' doesn't exist`);
    await invalid('DROP AGGREGATE missing', `Aggregate '${ks}.missing' doesn't exist`);
    await run('DROP FUNCTION IF EXISTS missing');
    await run('DROP FUNCTION describe_it(double)');
    await expectServerError(run('SELECT describe_it(d) FROM t WHERE k = 1'), ErrorCodes.invalid, 'Invalid call to function');
  });
});

describe('schema events, DESCRIBE and driver metadata', () => {
  it('reads functions and aggregates through client.metadata', async () => {
    const ks = target.keyspace;
    const fn = await target.client.metadata.getFunction(ks, 'plus_j', ['int', 'int']);
    expect(fn).toMatchObject({ name: 'plus_j', keyspaceName: ks, argumentNames: ['a', 'b'], body: 'return a + b;', language: 'java', calledOnNullInput: false });
    expect(typeCode(fn.returnType)).toBe(cassandra.types.dataTypes.int);
    expect((await target.client.metadata.getFunctions(ks, 'describe_it')).length).toBeGreaterThanOrEqual(2);
    const aggregate = await target.client.metadata.getAggregate(ks, 'average', ['int']);
    expect(aggregate).toMatchObject({ name: 'average', stateFunction: 'acc', finalFunction: 'finish', initCondition: '(0, 0)' });
    expect(typeCode(aggregate.returnType)).toBe(cassandra.types.dataTypes.double);
    expect(typeCode(aggregate.stateType)).toBe(cassandra.types.dataTypes.tuple);
  });

  it('announces changes with the argument types and drops the driver cache', async () => {
    const ks = target.keyspace;
    await run(`CREATE FUNCTION temp(x int, y text) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x;'`);
    expect(await target.client.metadata.getFunction(ks, 'temp', ['int', 'text'])).toMatchObject({ body: 'return x;' });
    await run(`CREATE OR REPLACE FUNCTION temp(x int, y text) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x + 1;'`);
    expect(await target.client.metadata.getFunction(ks, 'temp', ['int', 'text'])).toMatchObject({ body: 'return x + 1;' });
    await run('DROP FUNCTION temp');
    expect(await target.client.metadata.getFunction(ks, 'temp', ['int', 'text'])).toBeNull();
  });

  it('DESCRIBEs functions and aggregates', async () => {
    const ks = target.keyspace;
    const fn = await run('DESCRIBE FUNCTION plus_j');
    expect(fn.rows.map((r) => [r['type'], r['name'], r['create_statement']])).toEqual([[
      'function', 'plus_j(int, int)',
      `CREATE FUNCTION ${ks}.plus_j(a int, b int)\n    RETURNS NULL ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n    AS $$return a + b;$$;`,
    ]]);
    const agg = await run('DESCRIBE AGGREGATE average');
    expect(agg.rows[0]!['create_statement']).toBe(
      `CREATE AGGREGATE ${ks}.average(int)\n    SFUNC acc\n    STYPE frozen<tuple<int, bigint>>\n    FINALFUNC finish\n    INITCOND (0, 0);`);
    const keyspace = await run(`DESCRIBE KEYSPACE ${ks}`);
    const kinds = keyspace.rows.map((r) => r['type'] as string);
    expect(kinds.indexOf('function')).toBeLessThan(kinds.indexOf('aggregate'));
    expect(kinds.lastIndexOf('aggregate')).toBeLessThan(kinds.indexOf('table'));
    const listed = await run('DESCRIBE AGGREGATES');
    expect(listed.rows.map((r) => r['name'])).toEqual(['average(int)', 'total(int)']);
  });
});

describe.skipIf(isExternalTarget)('userDefinedFunctionsEnabled: false', () => {
  it("refuses CREATE FUNCTION with Cassandra's message", async () => {
    const cluster = await startCluster({ port: 0, userDefinedFunctionsEnabled: false });
    const client = new cassandra.Client({
      contactPoints: cluster.contactPoints, localDataCenter: cluster.localDataCenter,
      protocolOptions: { port: Number(cluster.contactPoints[0]!.split(':').pop()) },
    });
    try {
      await client.connect();
      await client.execute("CREATE KEYSPACE off WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      await expectServerError(
        client.execute("CREATE FUNCTION off.f(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'"),
        ErrorCodes.invalid, 'User-defined functions are disabled in cassandra.yaml - set user_defined_functions_enabled=true to enable');
      const settings = await client.execute("SELECT value FROM system_views.settings WHERE name = 'user_defined_functions_enabled'");
      expect(settings.rows[0]?.['value']).toBe('false');
    } finally {
      await client.shutdown();
      await cluster.close();
    }
  });
});
