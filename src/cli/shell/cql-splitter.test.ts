import { describe, expect, it } from 'vitest';
import { splitStatements } from './cql-splitter.js';

const texts = (input: string): string[] => splitStatements(input).statements.map((s) => s.text);

describe('splitStatements', () => {
  it('ends statements at ; and keeps an unfinished one', () => {
    expect(splitStatements('SELECT 1 FROM t; SELECT 2\nFROM u;\nSELECT').statements).toEqual([
      { text: 'SELECT 1 FROM t', endLine: 1 }, { text: 'SELECT 2\nFROM u', endLine: 2 },
    ]);
    expect(splitStatements('SELECT 1 FROM t; SELECT\n').rest).toBe(' SELECT\n');
  });

  it('ignores ; in strings, quoted names, $$ bodies and comments', () => {
    expect(texts("INSERT INTO t (k, v) VALUES (1, 'a;b''c');")).toEqual(["INSERT INTO t (k, v) VALUES (1, 'a;b''c')"]);
    expect(texts('SELECT "we;ird" FROM t;')).toEqual(['SELECT "we;ird" FROM t']);
    expect(texts('CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return 1; $$;')).toHaveLength(1);
    expect(texts('SELECT * -- not; here\nFROM t; // also; here\n/* and ; \n here */ SELECT 2;')).toEqual(['SELECT * \nFROM t', 'SELECT 2']);
    expect(splitStatements("SELECT 'open;").rest).toBe("SELECT 'open;");
    expect(splitStatements('/* open ;').rest).toBe('/* open ;');
    expect(splitStatements('-- only a comment\n').rest).toBe('');
  });

  it('ends shell commands at the end of their line, without ;', () => {
    expect(texts('CONSISTENCY QUORUM\nexit\nSELECT 1\nFROM t;')).toEqual(['CONSISTENCY QUORUM', 'exit', 'SELECT 1\nFROM t']);
    expect(splitStatements('TRACING ON').rest).toBe('TRACING ON');
    expect(texts('help;')).toEqual(['help']);
  });

  it('keeps a batch whole until APPLY BATCH', () => {
    expect(texts('BEGIN BATCH\nINSERT INTO t (k) VALUES (1);\nINSERT INTO t (k) VALUES (2);\nAPPLY BATCH;\nSELECT 1;')).toEqual([
      'BEGIN BATCH\nINSERT INTO t (k) VALUES (1);\nINSERT INTO t (k) VALUES (2);\nAPPLY BATCH', 'SELECT 1',
    ]);
    expect(texts('begin unlogged batch insert into t (k) values (1); apply batch;')).toHaveLength(1);
  });
});
