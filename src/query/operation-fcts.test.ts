/**
 * Arithmetic operators as Cassandra 4.1's OperationFctsTest checks them: result types and values for
 * every pair of numeric types, literals typed by their preferred type or the receiver, precedence and
 * parentheses, division by zero, NaN and infinities into decimals, refusals, overflow, and timestamp/date
 * ± duration.
 */
import { describe, expect, it } from 'vitest';
import { FunctionFailureError } from '../errors/index.js';
import { parseDecimal, type DecimalValue } from '../types/index.js';
import { useCqlTester, row } from './testing/cql-tester.js';

const tester = useCqlTester();
const { execute, rows, createTable, assertInvalidMessage } = tester;

function dec(text: string): DecimalValue {
  return parseDecimal(text)!;
}

const f32 = Math.fround;

async function failure(query: string, ...values: unknown[]): Promise<Error> {
  const e = await tester.cql.error(query, ...values);
  expect(e).toBeInstanceOf(Error);
  return e as Error;
}

describe('operations between columns (testSingleOperations)', () => {
  const where = 'FROM %s WHERE a = 1 AND b = 2 AND c = ';

  it('adds with the wider type as result, named as written', async () => {
    await createTable('(a tinyint, b smallint, c int, d bigint, e float, f double, g varint, h decimal, PRIMARY KEY(a, b, c))');
    await execute('INSERT INTO %s (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.5, 6.5, 7, 8.5)');
    const sum = await execute(`SELECT a + a, b + a, c + a, d + a, e + a, f + a, g + a, h + a ${where}1 + 2`);
    expect(sum.columns).toEqual(['a + a', 'b + a', 'c + a', 'd + a', 'e + a', 'f + a', 'g + a', 'h + a']);
    expect(sum.rows).toEqual([row(2, 3, 4, 5n, 6.5, 7.5, 8n, dec('9.5'))]);
    expect(await rows(`SELECT a + e, b + e, c + e, d + e, e + e, f + e, g + e, h + e ${where}1 + 2`))
      .toEqual([row(6.5, 7.5, 8.5, 9.5, 11, 12, dec('12.5'), dec('14.0'))]);
    expect(await rows(`SELECT a + g, d + g, e + g, g + g, h + g ${where}1 + 2`)).toEqual([row(8n, 11n, dec('12.5'), 14n, dec('15.5'))]);
  });

  it('subtracts, multiplies, divides and takes remainders as Java does in each type', async () => {
    expect(await rows(`SELECT a - b, c - d, e - f, g - h ${where}4 - 1`)).toEqual([row(-1, -1n, -1, dec('-1.5'))]);
    expect(await rows(`SELECT a * h, d * h, e * h, g * e, f * g, h * h ${where}3 * 1`))
      .toEqual([row(dec('8.50'), dec('34.00'), dec('46.75'), dec('38.5'), dec('45.5'), dec('72.25'))]);
    expect(await rows(`SELECT a / c, b / c, d / c, e / c, f / c, g / c, h / c ${where}3 / 1`))
      .toEqual([row(0, 0, 1n, f32(1.8333334), 2.1666666666666665, 2n, dec('2.833333333333333333333333333333333'))]);
    expect(await rows(`SELECT a / h, g / h, h / h, h / a ${where}3 / 1`)).toEqual([row(
      dec('0.1176470588235294117647058823529412'), dec('0.8235294117647058823529411764705882'), dec('1'), dec('8.5'))]);
    expect(await rows(`SELECT e % a, c % b, d % c, a % h, g % h, h % g, h % h ${where}23 % 5`))
      .toEqual([row(0.5, 1, 1n, dec('1.0'), dec('7'), dec('1.5'), dec('0.0'))]);
  });

  it('negates in the operand type, and gives null for a null operand', async () => {
    const negated = await execute('SELECT -a, -b, -c, -d, -e, -f, -g, -h FROM %s WHERE a = 1 AND b = 2');
    expect(negated.columns).toEqual(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h']);
    expect(negated.rows).toEqual([row(-1, -2, -3, -4n, -5.5, -6.5, -7n, dec('-8.5'))]);
    await execute('UPDATE %s SET d = ? WHERE a = ? AND b = ? AND c = ?', null, 1, 2, 3);
    expect(await rows('SELECT a + d, h + d, -d FROM %s WHERE a = 1 AND b = 2')).toEqual([row(null, null, null)]);
  });
});

describe('operations with literals (testSingleOperationsWithLiterals)', () => {
  it('types literals by the receiver in WHERE, or refuses an ambiguous operation', async () => {
    await createTable('(pk int, c1 tinyint, c2 smallint, v text, PRIMARY KEY(pk, c1, c2))');
    await execute("INSERT INTO %s (pk, c1, c2, v) VALUES (2, 2, 2, 'test')");
    const expected = [row(2, 2, 2, 'test')];
    expect(await rows('SELECT * FROM %s WHERE pk = 2 AND c1 = 1 + 1')).toEqual(expected);
    expect(await rows('SELECT * FROM %s WHERE pk = 2 AND c1 = 1 + ?', 1)).toEqual(expected);
    expect(await rows('SELECT * FROM %s WHERE pk = 1 + 1 AND c1 = 2')).toEqual(expected);
    expect(await rows('SELECT * FROM %s WHERE pk = 2 AND c1 = 2 AND c2 = 1 + 1')).toEqual(expected);
    expect(await rows('SELECT * FROM %s WHERE pk = 2 AND c1 = 2 AND c2 = 1 * (1 + 1)')).toEqual(expected);
    await assertInvalidMessage("Ambiguous '+' operation: use type casts to disambiguate", 'SELECT * FROM %s WHERE pk = ? + 1 AND c1 = 2', 1);
    await assertInvalidMessage("Ambiguous '+' operation: use type casts to disambiguate", 'SELECT * FROM %s WHERE pk = 2 AND c1 = 2 AND c2 = 1 * (? + 1)', 1);
    expect(await rows('SELECT 1 + 1, v FROM %s WHERE pk = 2 AND c1 = 2')).toEqual([row(2, 'test')]);
    expect(await rows('SELECT 100 + 50, v FROM %s WHERE pk = 2 AND c1 = 2')).toEqual([row(150, 'test')]);
    await assertInvalidMessage("Ambiguous '+' operation: use type casts to disambiguate", 'SELECT 1 + ?, v FROM %s WHERE pk = 2 AND c1 = 2', 1);
    await assertInvalidMessage("Ambiguous '+' operation: use type casts to disambiguate", 'SELECT ? + 50, v FROM %s WHERE pk = 2 AND c1 = 2', 100);
  });

  it('gives a literal its preferred type against a column (int, bigint, double)', async () => {
    await createTable('(a tinyint, b smallint, c int, d bigint, e float, f double, g varint, h decimal, PRIMARY KEY(a, b)) WITH CLUSTERING ORDER BY (b DESC)');
    await execute('INSERT INTO %s (a, b, c, d, e, f, g, h) VALUES (1, 2, 3, 4, 5.5, 6.5, 7, 8.5)');
    const plusOne = await execute('SELECT a + 1, b + 1, c + 1, d + 1, e + 1, f + 1, g + 1, h + 1 FROM %s WHERE a = 1 AND b = 2');
    expect(plusOne.columns).toEqual(['a + 1', 'b + 1', 'c + 1', 'd + 1', 'e + 1', 'f + 1', 'g + 1', 'h + 1']);
    expect(plusOne.rows).toEqual([row(2, 3, 4, 5n, 6.5, 7.5, 8n, dec('9.5'))]);
    const big = 2147483657n;
    expect(await rows(`SELECT a + ${big}, e + ${big}, g + ${big}, h + ${big} FROM %s WHERE a = 1 AND b = 2`))
      .toEqual([row(1n + big, 5.5 + Number(big), 7n + big, dec('2147483665.5'))]);
    expect(await rows('SELECT a / 5.5, e / 5.5, g / 5.5, h / 5.5 FROM %s WHERE a = 1 AND b = 2'))
      .toEqual([row(0.18181818181818182, 1, dec('1.272727272727272727272727272727273'), dec('1.545454545454545454545454545454545'))]);
    expect(await rows('SELECT a, b, 1 + 1, 2 - 1, 2 * 2, 2 / 1 , 2 % 1, (int) -1 FROM %s WHERE a = 1 AND b = 2'))
      .toEqual([row(1, 2, 2, 1, 4, 2, 0, -1)]);
  });
});

describe('counters, precedence, division by zero, NaN and refusals', () => {
  it('computes with a counter as a bigint (testWithCounters)', async () => {
    await createTable('(a int PRIMARY KEY, b counter)');
    await execute('UPDATE %s SET b = b + 1 WHERE a = 1');
    await execute('UPDATE %s SET b = b + 1 WHERE a = 1');
    expect(await rows('SELECT b + (tinyint) 1, b + 1, b + (float) 1.5, b + 1.5, b + (varint) 1, b + (decimal) 1.5, b + b FROM %s WHERE a = 1'))
      .toEqual([row(3n, 3n, 3.5, 3.5, 3n, dec('3.5'), 4n)]);
    expect(await rows('SELECT b / (decimal) 0.5, b % (decimal) 0.5, b * (decimal) 1.5, -b FROM %s WHERE a = 1'))
      .toEqual([row(dec('4'), dec('0.0'), dec('3.00'), -2n)]);
  });

  it('follows the grammar: * / % before + -, left to right, parentheses named (testPrecedenceAndParentheses)', async () => {
    await createTable('(a int, b int, c int, d int, PRIMARY KEY(a, b))');
    await execute('INSERT INTO %s (a, b, c, d) VALUES (2, 5, 25, 4)');
    const cases: [string, number][] = [
      ['a - c / b + d', 1], ['(c - b) / a + d', 14], ['c / a / b', 2], ['c / b / d', 1], ['(c - a) % d / a', 1],
      ['(c - a) % d / a + d', 5], ['-(c - a) % d / a + d', 3], ['(-c - a) % d / a + d', 3], ['c - a % d / a + d', 28],
    ];
    for (const [expression, value] of cases) {
      const result = await execute(`SELECT ${expression} FROM %s`);
      expect(result.columns).toEqual([expression]);
      expect(result.rows).toEqual([row(value)]);
    }
    const hinted = await execute('SELECT (int)((c - a) % d / (a + d)) FROM %s');
    expect(hinted.columns).toEqual(['(int)((c - a) % d / (a + d))']);
    expect(hinted.rows).toEqual([row(0)]);
    expect((await execute('SELECT (int)((c - a) % d / (a + d)) as result FROM %s')).columns).toEqual(['result']);
    expect((await execute('SELECT c / a / b as divisions FROM %s')).columns).toEqual(['divisions']);
    await assertInvalidMessage('Cannot assign value (boolean)(c - a) to (boolean)(c - a) of type boolean', 'SELECT (boolean)(c - a) FROM %s');
    expect(await rows('SELECT * FROM %s WHERE a = ? AND b = (int) ? / 2 - 5', 2, 20)).toEqual([row(2, 5, 25, 4)]);
    expect(await rows('SELECT * FROM %s WHERE a = ? AND b = (int) ? / (2 + 2)', 2, 20)).toEqual([row(2, 5, 25, 4)]);
  });

  it('fails integer and decimal division by zero, as a function failure (testWithDivisionByZero)', async () => {
    await createTable('(a tinyint, b smallint, c int, d bigint, e float, f double, g varint, h decimal, PRIMARY KEY(a, b))');
    await execute('INSERT INTO %s (a, b, c, d, e, f, g, h) VALUES (0, 2, 3, 4, 5.5, 6.5, 7, 8.5)');
    const cases: [string, string][] = [
      ['a / a', "the operation 'tinyint / tinyint' failed: / by zero"],
      ['b / a', "the operation 'smallint / tinyint' failed: / by zero"],
      ['c / a', "the operation 'int / tinyint' failed: / by zero"],
      ['d / a', "the operation 'bigint / tinyint' failed: / by zero"],
      ['g / a', "the operation 'varint / tinyint' failed: BigInteger divide by zero"],
      ['h / a', "the operation 'decimal / tinyint' failed: Division by zero"],
    ];
    for (const [expression, message] of cases) {
      const e = await failure(`SELECT ${expression} FROM %s WHERE a = 0 AND b = 2`);
      expect(e).toBeInstanceOf(FunctionFailureError);
      expect(e.message).toBe(message);
    }
    expect((await failure('SELECT a FROM %s WHERE a = 0 AND b = 10/0')).message).toBe("the operation 'smallint / smallint' failed: / by zero");
    expect(await rows('SELECT e / a, f / a FROM %s WHERE a = 0 AND b = 2')).toEqual([row(Infinity, Infinity)]);
  });

  it('refuses NaN and infinities into decimals (testWithNanAndInfinity)', async () => {
    await createTable('(a int PRIMARY KEY, b double, c decimal)');
    await assertInvalidMessage("Ambiguous '+' operation: use type casts to disambiguate", 'INSERT INTO %s (a, b, c) VALUES (? + 1, ?, ?)', 0, NaN, dec('1'));
    await execute('INSERT INTO %s (a, b, c) VALUES ((int) ? + 1, -?, ?)', 0, NaN, dec('1'));
    expect(await rows('SELECT * FROM %s')).toEqual([row(1, NaN, dec('1'))]);
    expect(await rows('SELECT a + NAN, b + 1, a + (float) -INFINITY FROM %s')).toEqual([row(NaN, NaN, -Infinity)]);
    expect((await failure('SELECT c + NAN FROM %s')).message).toBe("the operation 'decimal + double' failed: A NaN cannot be converted into a decimal");
    expect((await failure('SELECT c + (float) INFINITY FROM %s')).message)
      .toBe("the operation 'decimal + float' failed: An infinite number cannot be converted into a decimal");
  });

  it('refuses operations on types that have none (testInvalidTypes)', async () => {
    await createTable('(a int PRIMARY KEY, b boolean, c text)');
    await execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', 1, true, 'test');
    const cases: [string, string][] = [
      ['a + b', "the '+' operation is not supported between a and b"], ['b + c', "the '+' operation is not supported between b and c"],
      ['b + 1', "the '+' operation is not supported between b and 1"], ['1 + b', "the '+' operation is not supported between 1 and b"],
      ['b + NaN', "the '+' operation is not supported between b and NaN"], ['a / b', "the '/' operation is not supported between a and b"],
      ['NaN / b', "the '/' operation is not supported between NaN and b"],
      ['-Infinity / b', "the '/' operation is not supported between -Infinity and b"],
    ];
    for (const [expression, message] of cases) await assertInvalidMessage(message, `SELECT ${expression} FROM %s`);
  });

  it('wraps fixed-size integers on overflow (testOverflow)', async () => {
    await createTable('(a int PRIMARY KEY, b tinyint, c smallint)');
    await execute('INSERT INTO %s (a, b, c) VALUES (?, ?, ?)', 1, 1, 1);
    expect(await rows('SELECT a + (int) ?, b + (tinyint) ?, c + (smallint) ? FROM %s', 2147483647, 127, 32767)).toEqual([row(-2147483648, -128, -32768)]);
  });
});

describe('timestamp and date with durations (testOperationsWithDuration)', () => {
  it('moves timestamps by durations in WHERE and in selections', async () => {
    await createTable('(pk int, time timestamp, v int, primary key (pk, time))');
    const minutes = [10, 12, 14, 15, 21, 22];
    for (const [i, m] of minutes.entries()) await execute(`INSERT INTO %s (pk, time, v) VALUES (1, '2016-09-27 16:${m}:00 UTC', ${i + 1})`);
    const at = (m: number): Date => new Date(Date.UTC(2016, 8, 27, 16, m));
    const ms = (m: number): bigint => BigInt(at(m).getTime());
    const v = async (query: string, ...values: unknown[]) => (await rows(query, ...values)).map((r) => r[2]);
    expect(await v('SELECT * FROM %s WHERE pk = 1 AND time > ? - 5m', at(20))).toEqual([5, 6]);
    expect(await v('SELECT * FROM %s WHERE pk = 1 AND time >= ? - 10m', at(25))).toEqual([4, 5, 6]);
    expect(await v('SELECT * FROM %s WHERE pk = 1 AND time >= ? + 5m', at(15))).toEqual([5, 6]);
    expect((await rows('SELECT time - 10m FROM %s WHERE pk = 1')).map((r) => r[0])).toEqual(minutes.map((m) => ms(m - 10)));
    await assertInvalidMessage("the '%' operation is not supported between time and 10m", 'SELECT time % 10m FROM %s WHERE pk = 1');
    await assertInvalidMessage("the '*' operation is not supported between time and 10m", 'SELECT time * 10m FROM %s WHERE pk = 1');
    await assertInvalidMessage("the operation 'timestamp - duration' failed: The duration must have a millisecond precision. Was: 10us",
      'SELECT * FROM %s WHERE pk = 1 AND time > ? - 10us', at(15));
    expect(await rows("SELECT time + 1mo FROM %s WHERE pk = 1 AND time = '2016-09-27 16:10:00 UTC'")).toEqual([row(BigInt(Date.UTC(2016, 9, 27, 16, 10)))]);
  });

  it('moves dates by whole days, months clamped to the month end', async () => {
    await createTable('(pk int, time date, v int, primary key (pk, time))');
    const days = ['2016-09-27', '2016-09-28', '2016-09-29', '2016-09-30', '2016-10-01', '2016-10-04'];
    for (const [i, d] of days.entries()) await execute(`INSERT INTO %s (pk, time, v) VALUES (1, '${d}', ${i + 1})`);
    const v = async (query: string) => (await rows(query)).map((r) => r[2]);
    expect(await v("SELECT * FROM %s WHERE pk = 1 AND time > '2016-10-04' - 5d")).toEqual([4, 5, 6]);
    expect(await v("SELECT * FROM %s WHERE pk = 1 AND time >= '2016-10-01' + 1d")).toEqual([6]);
    const day = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;
    expect(await rows("SELECT time - 2d, time + 1mo FROM %s WHERE pk = 1 AND time = '2016-10-01'")).toEqual([row(day('2016-09-29'), day('2016-11-01'))]);
    // Calendar.add: a month on from the last of August is the last of September, then the days.
    expect(await rows("SELECT time + 5mo, time - 7mo, time + 1mo1d FROM %s WHERE pk = 1 AND time = '2016-09-30'"))
      .toEqual([row(day('2017-02-28'), day('2016-02-29'), day('2016-10-31'))]);
    await assertInvalidMessage("the operation 'date - duration' failed: The duration must have a day precision. Was: 5h",
      "SELECT * FROM %s WHERE pk = 1 AND time > '2016-10-04' - 5h");
  });
});
