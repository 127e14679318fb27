import { describe, expect, it } from 'vitest';
import { useCqlTester, row } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable } = tester;

describe('smoke', () => {
  it('keeps a view', async () => {
    await createTable('(k int, c int, v int, PRIMARY KEY (k, c))');
    const t = tester.cql.table;
    await execute(`CREATE MATERIALIZED VIEW mv_${t} AS SELECT * FROM ${t} WHERE k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k, c)`);
    await execute('INSERT INTO %s (k, c, v) VALUES (1, 1, 10)');
    expect(await rows(`SELECT * FROM mv_${t}`)).toEqual([row(10, 1, 1)]);
    await execute('UPDATE %s SET v = 20 WHERE k = 1 AND c = 1');
    expect(await rows(`SELECT * FROM mv_${t}`)).toEqual([row(20, 1, 1)]);
    await execute('DELETE FROM %s WHERE k = 1');
    expect(await rows(`SELECT * FROM mv_${t}`)).toEqual([]);
  });
});
