import { describe, expect, it } from 'vitest';
import { SyntaxError } from '../../errors/index.js';
import { parseStatement } from './statement.js';
import { syntaxError } from './testing/parse-helpers.js';

describe('syntax errors', () => {
  it('are SyntaxError, code 0x2000', () => {
    expect(() => parseStatement('SELEC * FROM t')).toThrow(SyntaxError);
    try {
      parseStatement('SELEC * FROM t');
    } catch (e) {
      expect((e as SyntaxError).code).toBe(0x2000);
    }
  });

  // Messages marked "as Cassandra" were taken from real Cassandra output.
  it.each([
    ['SELEC * FROM t', "line 1:0 no viable alternative at input 'SELEC' ([SELEC]...)"],
    ['SELECT FROM t', "line 1:7 no viable alternative at input 'FROM' (SELECT [FROM]...)"],
    ['SELECT', "line 0:-1 no viable alternative at input '<EOF>'"], // as Cassandra
    ['DELETE cqlkeyspace.t;', "line 1:20 mismatched input ';' expecting K_FROM (DELETE cqlkeyspace.t[;])"], // as Cassandra
    ['DROP cqlkeyspace.t;', "line 1:5 no viable alternative at input 'cqlkeyspace' ([DROP] cqlkeyspace...)"], // as Cassandra
    ['BEGIN;', "line 1:5 mismatched input ';' expecting K_BATCH (BEGIN[;])"],
    ['select SELECT * FROM players WHERE idplayer >= 1 ORDER BY idplayers;',
      "line 1:7 no viable alternative at input 'SELECT' (select [SELECT]...)"], // as Cassandra
    ["SELECT * FROM users WHERE state='TX' USING CONSISTENCY QUORUM;",
      "line 1:37 no viable alternative at input 'USING' (...FROM users WHERE state='TX' [USING]...)"],
    ['insert into "xephonnaive".metrics (metric_name, metric_timestamp, value) values ("cpu.load", now(), 30);',
      'line 1:91 no viable alternative at input \',\' (... metric_timestamp, value) values (["cpu.loa]d",...)'], // as Cassandra
    ['INSERT INTO t (a, b) VALUES (1, 2', "line 0:-1 mismatched input '<EOF>' expecting ')'"],
    ['SELECT * FROM t WHERE k = 1 ORDER c', "line 1:34 mismatched input 'c' expecting K_BY (...WHERE k = 1 ORDER [c])"],
    ['SELECT * FROM t garbage', "line 1:16 no viable alternative at input 'garbage' (SELECT * FROM [t] garbage)"],
    ['SELECT * FROM t;garbage', "line 1:16 mismatched input 'garbage' expecting EOF (SELECT * FROM t;[garbage])"],
    ['UPDATE t SET a = 1', "line 0:-1 mismatched input '<EOF>' expecting K_WHERE"],
    ['CREATE TABLE t (k int PRIMARY KEY, v text) WITH CLUSTERING ORDER BY (v)',
      "line 1:70 no viable alternative at input ')' (...WITH CLUSTERING ORDER BY (v[)])"],
    ['CREATE TABLE t (select int PRIMARY KEY)', "line 1:16 no viable alternative at input 'select' (CREATE TABLE t ([select]...)"],
    ['SELECT * FROM t LIMIT x', "line 1:22 no viable alternative at input 'x' (SELECT * FROM t LIMIT [x])"],
  ])('%s', (source, message) => {
    expect(syntaxError(source)).toBe(message);
  });

  it('reports positions on later lines and snippets spanning lines', () => {
    const source = 'CREATE TABLE Monkey (\nidentifier uuid,\nspecies text,\nnickname text,\npopulation int,\n'
      + 'PRIMARY KEY ((identifier), species);';
    // As Cassandra reports it.
    expect(syntaxError(source)).toBe("line 6:35 mismatched input ';' expecting ')' (...KEY ((identifier), species)[;])");
    expect(syntaxError('SELECT *\n  FROM t\n  WHERE')).toBe("line 0:-1 no viable alternative at input '<EOF>'");
    expect(syntaxError('SELECT *\nFROM t\nWHERE k = 1 LIMT 2')).toBe(
      "line 3:12 no viable alternative at input 'LIMT' (...tWHERE k = 1 [LIMT]...)");
  });

  it('reports lexer errors', () => {
    expect(syntaxError("SELECT * FROM t WHERE k = 'abc")).toBe("line 1:30 mismatched character '<EOF>' expecting '''");
    expect(syntaxError('SELECT * FROM t WHERE k = #')).toBe("line 1:26 no viable alternative at character '#'");
    expect(syntaxError('SELECT * FROM t -- comment')).toBe("line 1:26 mismatched character '<EOF>' expecting set null");
    expect(syntaxError('SELECT * FROM "t')).toBe("line 1:16 mismatched character '<EOF>' expecting '\"'");
  });

  it('reports the first error in the order the statement is read', () => {
    // The parser fails at WHERE before the lexer reaches the bad character.
    expect(syntaxError('SELECT * FROM t WHERE WHERE k = #')).toBe(
      "line 1:22 no viable alternative at input 'WHERE' (SELECT * FROM t WHERE [WHERE]...)");
  });

  it('rejects bind markers for names', () => {
    expect(syntaxError('SELECT * FROM ? WHERE k = 1')).toBe('Bind variables cannot be used for table names');
    expect(syntaxError('SELECT * FROM ?.t')).toBe('Bind variables cannot be used for keyspace names');
    expect(syntaxError('DROP INDEX ?')).toBe('Bind variables cannot be used for index names');
  });
});
