import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, MAX_JSON_DEPTH, parseJson } from './json-parser.js';
import { jsonNumber, jsonObject, type JsonObject, type JsonValue } from './json-value.js';

function syntaxErrorOf(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('parseJson values', () => {
  it.each<[string, JsonValue]>([
    ['null', null], ['true', true], ['false', false], ['"abc"', 'abc'], ['""', ''],
    ['0', jsonNumber('0')], ['-0', jsonNumber('-0')], ['123', jsonNumber('123')], ['-1.5e-3', jsonNumber('-1.5e-3')],
    ['1E+10', jsonNumber('1E+10')], ['[]', []], ['{}', jsonObject([])],
    [' \t\r\n 42 \n', jsonNumber('42')],
  ])('%j', (text, value) => {
    expect(parseJson(text)).toEqual(value);
  });

  it('keeps big numbers as their text', () => {
    const text = '[123456789012345678901234567890, 0.1000000000000000055511151231257827, 1e400]';
    expect(parseJson(text)).toEqual([
      jsonNumber('123456789012345678901234567890'), jsonNumber('0.1000000000000000055511151231257827'), jsonNumber('1e400'),
    ]);
  });

  it('reads nested structures with keys in order', () => {
    const parsed = parseJson('{"b": [1, {"c": null, "a": [true, false]}], "a": {"x": "y"}, "": []}');
    expect(parsed).toEqual(jsonObject([
      ['b', [jsonNumber('1'), jsonObject([['c', null], ['a', [true, false]]])]],
      ['a', jsonObject([['x', 'y']])],
      ['', []],
    ]));
    expect([...(parsed as JsonObject).entries.keys()]).toEqual(['b', 'a', '']);
  });

  it('keeps the first place and the last value of a repeated key, as a LinkedHashMap does', () => {
    const parsed = parseJson('{"a": 1, "b": 2, "a": 3}');
    expect(parsed).toEqual(jsonObject([['a', jsonNumber('3')], ['b', jsonNumber('2')]]));
    expect([...(parsed as JsonObject).entries.keys()]).toEqual(['a', 'b']);
  });

  it('decodes every escape', () => {
    expect(parseJson(String.raw`"\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u2013"`)).toBe('" \\ / \b \f \n \r \t A é –');
  });

  it('decodes surrogate pairs and keeps lone surrogates', () => {
    expect(parseJson(String.raw`"\ud83d\ude00"`)).toBe('😀');
    expect(parseJson(String.raw`"\ud800x"`)).toBe('\ud800x');
  });

  it('takes non-ASCII characters as they are', () => {
    expect(parseJson('"ΎΔδϠ 😀 \u007f"')).toBe('ΎΔδϠ 😀 \u007f');
    expect(parseJson('{"ключ": "значение"}')).toEqual(jsonObject([['ключ', 'значение']]));
  });

  it(`accepts nesting up to ${MAX_JSON_DEPTH} levels`, () => {
    const deep = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(() => parseJson(deep)).not.toThrow();
    expect(syntaxErrorOf('[' + deep + ']').reason).toBe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  });
});

describe('parseJson errors', () => {
  it.each<[string, string, number]>([
    ['', 'Unexpected end of input: expected a JSON value', 0],
    ['   ', 'Unexpected end of input: expected a JSON value', 3],
    ['abc', "Unexpected character \"a\" (code 97): expected a JSON value", 0],
    ['ΎΔδϠ', 'Unexpected character "Ύ" (code 910): expected a JSON value', 0],
    ['tru', "Unrecognized token 'tru': expected true, false or null", 0],
    ['nullx', "Unrecognized token 'nullx': expected true, false or null", 0],
    ['True', 'Unexpected character "T" (code 84): expected a JSON value', 0],
    ['NaN', 'Unexpected character "N" (code 78): expected a JSON value', 0],
    ['01', 'Malformed number', 0],
    ['1.', 'Malformed number', 0],
    ['.5', 'Unexpected character "." (code 46): expected a JSON value', 0],
    ['+1', 'Unexpected character "+" (code 43): expected a JSON value', 0],
    ['-', 'Malformed number', 0],
    ['1e', 'Malformed number', 0],
    ['1 2', 'Unexpected character "2" (code 50) after the JSON value', 2],
    ['{} x', 'Unexpected character "x" (code 120) after the JSON value', 3],
    ['"abc', 'Unterminated string', 0],
    ['"a\tb"', 'Unescaped control character (code 9) in a string', 2],
    [String.raw`"\x"`, "Invalid escape '\\x' in a string", 1],
    ['"ab\\', "Invalid escape '\\' in a string", 3],
    [String.raw`"\u12g4"`, 'Invalid \\u escape: expected 4 hexadecimal digits', 1],
    ['[1, 2', "Unexpected end of input: expected ',' between array elements (or ']' to end the array)", 5],
    ['[1,]', 'Unexpected character "]" (code 93): expected a JSON value', 3],
    ['{"a" 1}', "Unexpected character \"1\" (code 49): expected ':' after a field name", 5],
    ['{"a": 1,}', 'Unexpected character "}" (code 125): expected a field name', 8],
    ["{'a': 1}", 'Unexpected character "\'" (code 39): expected a field name', 1],
    ['{a: 1}', 'Unexpected character "a" (code 97): expected a field name', 1],
    ['{"a": 1 "b": 2}', "Unexpected character \"\\\"\" (code 34): expected ',' between object entries (or '}' to end the object)", 8],
  ])('%j', (text, reason, position) => {
    const error = syntaxErrorOf(text);
    expect(error.reason).toBe(reason);
    expect(error.position).toBe(position);
  });

  it('gives the line and column', () => {
    const error = syntaxErrorOf('{\n  "a": 1,\n  "b": x\n}');
    expect(error.line).toBe(3);
    expect(error.column).toBe(8);
    expect(error.message).toBe('Unexpected character "x" (code 120): expected a JSON value at line 3, column 8');
    expect(error.name).toBe('JsonSyntaxError');
  });
});
