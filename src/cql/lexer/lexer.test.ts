import { describe, expect, it } from 'vitest';
import { SyntaxError } from '../../errors/index.js';
import { Lexer } from './lexer.js';
import { tokenText, type Token } from './token.js';

function lex(source: string): Array<[string, string]> {
  const lexer = new Lexer(source);
  const out: Array<[string, string]> = [];
  for (let t: Token = lexer.next(); t.type !== 'EOF'; t = lexer.next()) out.push([t.type, tokenText(source, t)]);
  return out;
}

function lexError(source: string): string {
  try {
    lex(source);
  } catch (e) {
    expect(e).toBeInstanceOf(SyntaxError);
    return (e as Error).message;
  }
  throw new Error(`no error lexing ${source}`);
}

describe('Lexer', () => {
  it('lexes keywords case-insensitively and identifiers as written', () => {
    expect(lex('SeLeCt myCol FROM "My""Tab" table columnfamily')).toEqual([
      ['K_SELECT', 'SeLeCt'], ['IDENT', 'myCol'], ['K_FROM', 'FROM'], ['QUOTED_NAME', 'My"Tab'],
      ['K_COLUMNFAMILY', 'table'], ['K_COLUMNFAMILY', 'columnfamily'],
    ]);
    expect(lex('"" selects a_1 """"')).toEqual([
      ['EMPTY_QUOTED_NAME', '""'], ['IDENT', 'selects'], ['IDENT', 'a_1'], ['QUOTED_NAME', '"'],
    ]);
    expect(lexError('_x')).toBe("line 1:0 no viable alternative at character '_'");
  });

  it('lexes every constant kind', () => {
    expect(lex("'it''s' $$a'b$$ 12 -7 1.5 -2.5e-3 3E10 1. true FALSE 0xCafe 0x")).toEqual([
      ['STRING_LITERAL', "it's"], ['STRING_LITERAL', "a'b"], ['INTEGER', '12'], ['INTEGER', '-7'],
      ['FLOAT', '1.5'], ['FLOAT', '-2.5e-3'], ['FLOAT', '3E10'], ['FLOAT', '1.'], ['BOOLEAN', 'true'],
      ['BOOLEAN', 'FALSE'], ['HEXNUMBER', '0xCafe'], ['HEXNUMBER', '0x'],
    ]);
    expect(lex('NaN -nan Infinity -INFINITY')).toEqual([
      ['K_POSITIVE_NAN', 'NaN'], ['K_NEGATIVE_NAN', '-nan'], ['K_POSITIVE_INFINITY', 'Infinity'],
      ['K_NEGATIVE_INFINITY', '-INFINITY'],
    ]);
    expect(lex('123e4567-e89b-12d3-a456-426614174000 a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')).toEqual([
      ['UUID', '123e4567-e89b-12d3-a456-426614174000'], ['UUID', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ]);
  });

  it('lexes durations in all three notations', () => {
    const durations = ['1h30m', '12mo3d', '-3d', '1y2mo3w4d5h6m7s8ms9us10ns', '5µs', 'P1Y2M', 'PT1H', 'P2W',
      'P1Y2M3DT4H5M6S', 'P0001-02-03T04:05:06', '-PT5M'];
    expect(lex(durations.join(' '))).toEqual(durations.map((d) => ['DURATION', d]));
    expect(lex('P p1d P1 P1Dx')).toEqual([['IDENT', 'P'], ['IDENT', 'p1d'], ['IDENT', 'P1'], ['IDENT', 'P1Dx']]);
  });

  it('lexes operators, ranges and bind markers', () => {
    expect(lex('a<=b>=c!=d+=1-=? :n 1..2 [..]').map(([t]) => t)).toEqual([
      'IDENT', "'<='", 'IDENT', "'>='", 'IDENT', "'!='", 'IDENT', "'+='", 'INTEGER', "'-='", 'QMARK', "':'",
      'IDENT', 'INTEGER', 'RANGE', 'INTEGER', "'['", 'RANGE', "']'",
    ]);
    // As in Cassandra, a minus sign directly before a digit belongs to the number.
    expect(lex('c = c -1')).toEqual([['IDENT', 'c'], ["'='", '='], ['IDENT', 'c'], ['INTEGER', '-1']]);
  });

  it('skips comments and whitespace', () => {
    expect(lex('a -- one\nb // two\r\nc /* three\n */ d')).toEqual([
      ['IDENT', 'a'], ['IDENT', 'b'], ['IDENT', 'c'], ['IDENT', 'd'],
    ]);
  });

  it('tracks lines and columns', () => {
    const lexer = new Lexer('a\n  bb /*\n*/ c');
    const positions = [lexer.next(), lexer.next(), lexer.next()].map((t) => [t.line, t.column]);
    expect(positions).toEqual([[1, 0], [2, 2], [3, 3]]);
  });

  it('reports lexer errors the way ANTLR does', () => {
    expect(lexError("SELECT 'abc")).toBe("line 1:11 mismatched character '<EOF>' expecting '''");
    expect(lexError('SELECT "abc')).toBe("line 1:11 mismatched character '<EOF>' expecting '\"'");
    expect(lexError('SELECT a @ b')).toBe("line 1:9 no viable alternative at character '@'");
    expect(lexError('a ! b')).toBe("line 1:3 mismatched character ' ' expecting '='");
    expect(lexError('a -- no newline')).toBe("line 1:15 mismatched character '<EOF>' expecting set null");
    expect(lexError('a /* open')).toBe("line 1:9 mismatched character '<EOF>' expecting '*'");
    expect(lexError('x = $$abc')).toBe("line 1:8 mismatched character 'c' expecting '$'");
    expect(lexError('x = $a')).toBe("line 1:5 mismatched character 'a' expecting '$'");
    expect(lexError('k = eccb34b0-0d4b-11ea-9d48-0b1cc2ad2f9;')).toBe(
      "line 1:39 mismatched character ';' expecting set null");
    expect(lexError('\n\nk = 12345678-1234x')).toBe("line 3:17 mismatched character 'x' expecting '-'");
  });

  it('keeps failing once it has failed', () => {
    const lexer = new Lexer('a # b');
    lexer.next();
    expect(() => lexer.next()).toThrow('no viable alternative');
    expect(() => lexer.next()).toThrow('no viable alternative');
  });
});
