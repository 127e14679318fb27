/**
 * The parser's nesting limit: statements nested up to MAX_NESTING_DEPTH levels parse; one level more
 * is a SyntaxError naming the limit, raised before the recursion can exhaust the stack, also inside a
 * speculative sub-parse (a type hint) whose failures are otherwise swallowed.
 */
import { describe, expect, it } from 'vitest';
import { SyntaxError } from '../../errors/index.js';
import { MAX_NESTING_DEPTH } from './parser.js';
import { parseStatement } from './statement.js';

const limitMessage = `nested more than ${MAX_NESTING_DEPTH} levels deep`;

/** Statements that nest `n` levels, one for each construct that nests. */
const nesting: Record<string, (n: number) => string> = {
  'parentheses in a term': (n) => `SELECT * FROM t WHERE k = ${'('.repeat(n)}1${')'.repeat(n)}`,
  'list literals': (n) => `INSERT INTO t (k, l) VALUES (0, ${'['.repeat(n)}${']'.repeat(n)})`,
  'set literals': (n) => `INSERT INTO t (k, s) VALUES (0, ${'{'.repeat(n)}${'}'.repeat(n)})`,
  'map literals': (n) => `INSERT INTO t (k, m) VALUES (0, ${'{1: '.repeat(n)}1${'}'.repeat(n)})`,
  'function calls in a term': (n) => `UPDATE t SET v = ${'f('.repeat(n)}1${')'.repeat(n)} WHERE k = 0`,
  'casts in a term': (n) => `SELECT * FROM t WHERE k = ${'CAST('.repeat(n)}1${' AS int)'.repeat(n)}`,
  'type hints': (n) => `SELECT * FROM t WHERE k = ${'(int)'.repeat(n)}1`,
  'an arithmetic chain in a term': (n) => `SELECT * FROM t WHERE k = 1${' + 1'.repeat(n)}`,
  'a product chain in a term': (n) => `SELECT * FROM t WHERE k = 1${' * 1'.repeat(n)}`,
  'parentheses in a selector': (n) => `SELECT ${'('.repeat(n)}k${')'.repeat(n)} FROM t`,
  'function calls in a selector': (n) => `SELECT ${'f('.repeat(n)}k${')'.repeat(n)} FROM t`,
  'negations in a selector': (n) => `SELECT ${'- '.repeat(n)}k FROM t`,
  'an arithmetic chain in a selector': (n) => `SELECT k${' - 1'.repeat(n)} FROM t`,
  'field selections': (n) => `SELECT k${'.f'.repeat(n)} FROM t`,
  'element selections': (n) => `SELECT k${'[0]'.repeat(n)} FROM t`,
  'parenthesised relations': (n) => `SELECT * FROM t WHERE ${'('.repeat(n)}k = 1${')'.repeat(n)}`,
  'tuple types': (n) => `CREATE TABLE t (k int PRIMARY KEY, v ${'tuple<'.repeat(n)}int${'>'.repeat(n)})`,
  'frozen list types': (n) => `CREATE TABLE t (k int PRIMARY KEY, v ${'frozen<list<'.repeat(n / 2)}int${'>>'.repeat(n / 2)})`,
  'a type in a type hint': (n) => `SELECT * FROM t WHERE k = (${'tuple<'.repeat(n)}int${'>'.repeat(n)}) (1)`,
  'a property map value': (n) => `CREATE KEYSPACE ks WITH replication = {'class': ${'('.repeat(n)}1${')'.repeat(n)}}`,
};

function syntaxErrorOf(cql: string): SyntaxError {
  try {
    parseStatement(cql);
  } catch (e) {
    if (e instanceof SyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${cql.slice(0, 80)}`);
}

describe('the nesting limit', () => {
  it.each(Object.entries(nesting))('refuses %s one level past the limit, and 50,000 levels, naming the limit', (_, build) => {
    for (const depth of [MAX_NESTING_DEPTH + 2, 50_000]) {
      const error = syntaxErrorOf(build(depth));
      expect(error.message).toContain(limitMessage);
      expect(error.message).toMatch(/^line 1:\d+ statement nested more than/);
    }
  });

  it.each(Object.entries(nesting))('parses %s at depths the limit allows', (_, build) => {
    // A few levels are spent on the statement around the nested part.
    expect(() => parseStatement(build(MAX_NESTING_DEPTH - 4))).not.toThrow(/nested more than/);
  });

  it('counts levels, not length: many siblings at one level are fine', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `[${i}]`).join(', ');
    expect(() => parseStatement(`INSERT INTO t (k, l) VALUES (0, [${items}])`)).not.toThrow();
    const relations = Array.from({ length: 5_000 }, (_, i) => `(c${i} = ${i})`).join(' AND ');
    expect(() => parseStatement(`SELECT * FROM t WHERE ${relations}`)).not.toThrow();
  });

  it('gives the limit back after each nested part: deep siblings one after another parse', () => {
    const deep = `${'['.repeat(MAX_NESTING_DEPTH - 10)}${']'.repeat(MAX_NESTING_DEPTH - 10)}`;
    const chain = `1${' + 1'.repeat(MAX_NESTING_DEPTH - 10)}`;
    expect(() => parseStatement(`INSERT INTO t (k, a, b, c, d) VALUES (0, ${deep}, ${deep}, ${chain}, ${chain})`)).not.toThrow();
  });
});
