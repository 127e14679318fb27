import { describe, expect, it } from 'vitest';
import { SyntaxError } from '../../errors/index.js';
import { splitCqlScript } from './cql-script.js';

const texts = (script: string): string[] => splitCqlScript(script).map((s) => s.text);

describe('splitCqlScript', () => {
  it('splits at semicolons and keeps the line each statement starts on', () => {
    const script = "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n\n"
      + 'CREATE TABLE ks.t (k int PRIMARY KEY, v text);\nINSERT INTO ks.t (k, v) VALUES (1, \'a\')';
    expect(splitCqlScript(script)).toEqual([
      { text: "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", line: 1 },
      { text: 'CREATE TABLE ks.t (k int PRIMARY KEY, v text)', line: 3 },
      { text: "INSERT INTO ks.t (k, v) VALUES (1, 'a')", line: 4 },
    ]);
  });

  it('does not split at semicolons inside strings, quoted names or comments', () => {
    expect(texts("INSERT INTO t (k, v) VALUES (1, 'a;b');INSERT INTO \"we;ird\" (k) VALUES (2);")).toEqual([
      "INSERT INTO t (k, v) VALUES (1, 'a;b')", 'INSERT INTO "we;ird" (k) VALUES (2)',
    ]);
    expect(texts("INSERT INTO t (k, v) VALUES (1, $$it's; fine$$); -- a comment; still one\n/* block; comment */ SELECT * FROM t")).toEqual([
      "INSERT INTO t (k, v) VALUES (1, $$it's; fine$$)", 'SELECT * FROM t',
    ]);
  });

  it('drops comments and empty statements between semicolons', () => {
    expect(texts('-- schema\n;;\n// nothing here\n/* nor here */;\nUSE ks;;')).toEqual(['USE ks']);
    expect(texts('  \n-- only a comment\n')).toEqual([]);
  });

  it('keeps a batch whole up to APPLY BATCH', () => {
    const batch = "BEGIN BATCH\n  INSERT INTO t (k) VALUES (1);\n  UPDATE t SET v = 'x;y' WHERE k = 2;\nAPPLY BATCH";
    expect(splitCqlScript(`${batch};\nSELECT * FROM t;`)).toEqual([{ text: batch, line: 1 }, { text: 'SELECT * FROM t', line: 5 }]);
    expect(texts('BEGIN UNLOGGED BATCH USING TIMESTAMP 5 INSERT INTO t (k) VALUES (1); APPLY BATCH')).toHaveLength(1);
  });

  it('reports an unterminated string as the lexer does', () => {
    expect(() => splitCqlScript("INSERT INTO t (k, v) VALUES (1, 'open);")).toThrow(SyntaxError);
  });
});
