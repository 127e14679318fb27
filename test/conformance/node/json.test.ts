/**
 * JSON in CQL as Cassandra 4.1 speaks it (JsonTest): SELECT JSON rows, INSERT JSON with DEFAULT NULL and
 * DEFAULT UNSET, toJson() and fromJson(), and the refusals, through the Node driver, literal and prepared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeTarget } from '../support/node-client.js';
import { ErrorCodes, expectServerError } from '../support/node-values.js';

const target = useNodeTarget('json');
const run = (cql: string, params: unknown[] = []) => target.client.execute(cql, params, { prepare: params.length > 0 });
const jsonRows = async (cql: string, params: unknown[] = []): Promise<string[]> => {
  const result = await run(cql, params);
  expect(result.columns.map((c) => c.name)).toEqual(['[json]']);
  return result.rows.map((r) => r['[json]'] as string);
};

beforeAll(async () => {
  await run('CREATE TABLE j (k int, c text, v int, "Mixed" text, l list<int>, m map<text, int>, PRIMARY KEY (k, c))');
});

describe('SELECT JSON', () => {
  it('writes each row as one JSON object, names quoted as CQL quotes them', async () => {
    await run(`INSERT INTO j (k, c, v, "Mixed", l, m) VALUES (1, 'a', 7, 'x', [1, 2], {'p': 3})`);
    expect(await jsonRows('SELECT JSON * FROM j WHERE k = 1')).toEqual([
      '{"k": 1, "c": "a", "Mixed": "x", "l": [1, 2], "m": {"p": 3}, "v": 7}'.replace('"Mixed"', '"\\"Mixed\\""'),
    ]);
    expect(await jsonRows('SELECT JSON k, v AS value, "Mixed" FROM j WHERE k = ?', [1])).toEqual(['{"k": 1, "value": 7, "\\"Mixed\\"": "x"}']);
    expect(await jsonRows('SELECT JSON count(*) FROM j WHERE k = 1')).toEqual(['{"count": 1}']);
    expect(await jsonRows('SELECT JSON v FROM j WHERE k = 99')).toEqual([]);
  });

  it('writes null for a missing value', async () => {
    await run(`INSERT INTO j (k, c) VALUES (2, 'b')`);
    expect(await jsonRows('SELECT JSON k, v, l FROM j WHERE k = 2')).toEqual(['{"k": 2, "v": null, "l": null}']);
  });
});

describe('INSERT JSON', () => {
  it('writes every column, absent ones as null (DEFAULT NULL) or untouched (DEFAULT UNSET)', async () => {
    await run(`INSERT INTO j JSON '{"k": 3, "c": "a", "v": 1, "\\"Mixed\\"": "m", "l": [4, 5], "m": {"q": 6}}'`);
    expect(await jsonRows(`SELECT JSON v, "Mixed", l, m FROM j WHERE k = 3 AND c = 'a'`))
      .toEqual(['{"v": 1, "\\"Mixed\\"": "m", "l": [4, 5], "m": {"q": 6}}']);
    await run('INSERT INTO j JSON ? DEFAULT UNSET', ['{"k": 3, "c": "a", "v": 2}']);
    expect(await jsonRows(`SELECT JSON v, l FROM j WHERE k = 3 AND c = 'a'`)).toEqual(['{"v": 2, "l": [4, 5]}']);
    await run('INSERT INTO j JSON ?', ['{"K": 3, "C": "a", "v": 9}']);
    expect(await jsonRows(`SELECT JSON v, l FROM j WHERE k = 3 AND c = 'a'`)).toEqual(['{"v": 9, "l": null}']);
  });

  it.each([
    [`INSERT INTO j JSON '{"k": 4, "c": "a", "zzz": 1}'`, [], 'JSON values map contains unrecognized column: zzz'],
    ['INSERT INTO j JSON ?', ['{"k": 4, "c": "a", "v": "notanint"}'], 'Error decoding JSON value for v'],
    ['INSERT INTO j JSON ?', ['null'], 'Got null for INSERT JSON values'],
    ['INSERT INTO j JSON ?', ['"notamap"'], 'Could not decode JSON string as a map'],
    ['INSERT INTO j JSON ?', ['{"k": 4'], 'Could not decode JSON string as a map'],
    [`INSERT INTO j JSON '{"c": "a"}'`, [], 'Invalid null value in condition for column k'],
  ])('refuses %s %j', async (cql, params, message) => {
    await expectServerError(run(cql, params), ErrorCodes.invalid, message);
  });
});

describe('toJson() and fromJson()', () => {
  it('selects values as JSON text and writes values from JSON text', async () => {
    await run(`INSERT INTO j (k, c, l, m) VALUES (5, 'a', fromJson('[1, 2, 3]'), fromJson('{"z": 1}'))`);
    const row = (await run(`SELECT toJson(l), toJson(m), toJson(v) FROM j WHERE k = 5 AND c = 'a'`)).first();
    expect([row?.['system.tojson(l)'], row?.['system.tojson(m)'], row?.['system.tojson(v)']]).toEqual(['[1, 2, 3]', '{"z": 1}', 'null']);
    await run(`UPDATE j SET v = fromJson(?) WHERE k = 5 AND c = 'a'`, ['"12"']);
    expect((await run(`SELECT v FROM j WHERE k = 5 AND c = 'a'`)).first()?.['v']).toBe(12);
  });

  it('fails the function for undecodable JSON', async () => {
    await expectServerError(run(`INSERT INTO j (k, c, v) VALUES (6, 'a', fromJson('{'))`), 0x1400, 'Could not decode JSON string');
  });
});
