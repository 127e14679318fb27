import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_REQUEST } from '../common/index.js';
import type { Cluster } from '../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../cluster/testing/virtual-cluster.js';
import { ConsistencyLevel, InvalidRequestError, SyntaxError } from '../errors/index.js';
import { partitionKeyFromLiterals } from './partition-key-literals.js';
import { QueryProcessor } from './query-processor.js';

let cluster: Cluster;
let processor: QueryProcessor;

const PARAMETERS = {
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null, skipMetadata: false,
  pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
};

async function execute(cql: string): Promise<unknown> {
  return runUntilSettled(cluster, processor.query(cql, PARAMETERS, { keyspace: null }, 5, INTERNAL_REQUEST));
}

beforeAll(async () => {
  cluster = await virtualCluster(1, 1, []);
  processor = new QueryProcessor(cluster.node(1));
  await execute('CREATE TABLE ks.composite (a int, b text, c frozen<list<int>>, d int, PRIMARY KEY ((a, b, c), d))');
  await execute('CREATE TABLE ks.single (k uuid PRIMARY KEY)');
});

afterAll(() => cluster?.close());

function table(name: string) {
  return cluster.schema.keyspace('ks')!.tables.get(name)!;
}

/** The token SELECT token(...) reports for a row written with the same literals. */
async function tokenOfRow(insertValues: string, tableName: string, keyColumns: string, where: string): Promise<bigint> {
  await execute(`INSERT INTO ks.${tableName} (${keyColumns}${tableName === 'composite' ? ', d' : ''}) VALUES (${insertValues}${tableName === 'composite' ? ', 0' : ''})`);
  const result = await execute(`SELECT token(${keyColumns}) FROM ks.${tableName} WHERE ${where}`) as { rows: Buffer[][] };
  return result.rows[0]![0]!.readBigInt64BE(0);
}

describe('partitionKeyFromLiterals', () => {
  it('places a key of several columns, a collection among them, where CQL places the row', async () => {
    const literals = "1, 'x', [2, 3]";
    const expected = await tokenOfRow(literals, 'composite', 'a, b, c', "a = 1 AND b = 'x' AND c = [2, 3]");
    expect(partitionKeyFromLiterals(cluster.node(1), table('composite'), literals).token).toBe(expected);
  });

  it('reads constants as the column type wants them (a uuid unquoted)', async () => {
    const uuid = '6ab1e0a2-5f1d-4c47-9d2e-3b1f0c8a7e55';
    const expected = await tokenOfRow(uuid, 'single', 'k', `k = ${uuid}`);
    expect(partitionKeyFromLiterals(cluster.node(1), table('single'), ` ${uuid} `).token).toBe(expected);
  });

  it('refuses the wrong number of values, nulls, bind markers, wrong types and broken syntax', () => {
    const composite = table('composite');
    const node = cluster.node(1);
    expect(() => partitionKeyFromLiterals(node, composite, "1, 'x'")).toThrow(
      new InvalidRequestError('ks.composite has 3 partition key column(s) (a, b, c) but 2 value(s) were given'),
    );
    expect(() => partitionKeyFromLiterals(node, composite, "1, null, [1]")).toThrow('Invalid null value for partition key part b');
    expect(() => partitionKeyFromLiterals(node, composite, "?, 'x', [1]")).toThrow('Bind markers have no value here: give the key as literals');
    expect(() => partitionKeyFromLiterals(node, composite, "'one', 'x', [1]")).toThrow(InvalidRequestError);
    expect(() => partitionKeyFromLiterals(node, composite, "1, 'x', [1] AND")).toThrow(SyntaxError);
  });
});
