/**
 * parseJson: strict RFC 8259 JSON into JsonValue. Numbers stay text, so nothing is rounded here. Unlike
 * Jackson's default, anything after the value other than whitespace is refused, and nesting is limited to
 * MAX_JSON_DEPTH so that a hostile document cannot exhaust the stack.
 */
import { jsonNumber, type JsonObject, type JsonValue } from './json-value.js';

export const MAX_JSON_DEPTH = 1000;

/** Malformed JSON: the message says what was expected and where (line and column count from 1). */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    /** Offset in UTF-16 code units from the start of the text. */
    readonly position: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

export function parseJson(text: string): JsonValue {
  return new JsonParser(text).parseDocument();
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

class JsonParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) throw this.fail(`Unexpected ${this.describeHere()} after the JSON value`);
    return value;
  }

  private parseValue(): JsonValue {
    const ch = this.text[this.pos];
    switch (ch) {
      case '{': return this.nested(() => this.parseObject());
      case '[': return this.nested(() => this.parseArray());
      case '"': return this.parseString();
      case 't': return this.parseLiteral('true', true);
      case 'f': return this.parseLiteral('false', false);
      case 'n': return this.parseLiteral('null', null);
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.parseNumber();
        throw this.fail(`Unexpected ${this.describeHere()}: expected a JSON value`);
    }
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_JSON_DEPTH) throw this.fail(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    const value = parse();
    this.depth--;
    return value;
  }

  private parseObject(): JsonObject {
    const entries = new Map<string, JsonValue>();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'json-object', entries };
    }
    for (;;) {
      if (this.text[this.pos] !== '"') throw this.fail(`Unexpected ${this.describeHere()}: expected a field name`);
      const key = this.parseString();
      this.skipWhitespace();
      this.expect(':', 'after a field name');
      this.skipWhitespace();
      entries.set(key, this.parseValue());
      this.skipWhitespace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return { kind: 'json-object', entries };
      }
      this.expect(',', "between object entries (or '}' to end the object)");
      this.skipWhitespace();
    }
  }

  private parseArray(): JsonValue[] {
    const items: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      items.push(this.parseValue());
      this.skipWhitespace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      this.expect(',', "between array elements (or ']' to end the array)");
      this.skipWhitespace();
    }
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let runStart = this.pos;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) {
        this.pos = start;
        throw this.fail('Unterminated string');
      }
      if (code === 0x22) break;
      if (code < 0x20) throw this.fail(`Unescaped control character (code ${code}) in a string`);
      if (code === 0x5c) {
        out += this.text.slice(runStart, this.pos) + this.parseEscape();
        runStart = this.pos;
      } else {
        this.pos++;
      }
    }
    out += this.text.slice(runStart, this.pos);
    this.pos++;
    return out;
  }

  /** At a backslash: the escaped character, leaving the position after the escape. */
  private parseEscape(): string {
    const letter = this.text[this.pos + 1];
    if (letter === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!HEX4.test(hex)) throw this.fail('Invalid \\u escape: expected 4 hexadecimal digits');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const escaped = letter === undefined ? undefined : ESCAPES[letter];
    if (escaped === undefined) throw this.fail(`Invalid escape '\\${letter ?? ''}' in a string`);
    this.pos += 2;
    return escaped;
  }

  private parseNumber(): JsonValue {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    const end = match === null ? this.pos : this.pos + match[0].length;
    const next = this.text[end];
    if (match === null || (next !== undefined && /[0-9.eE+\-]/.test(next))) {
      throw this.fail('Malformed number');
    }
    this.pos = end;
    return jsonNumber(match[0]);
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos) || /[A-Za-z0-9_]/.test(this.text[this.pos + word.length] ?? '')) {
      throw this.fail(`Unrecognized token '${this.tokenHere()}': expected true, false or null`);
    }
    this.pos += word.length;
    return value;
  }

  private expect(ch: string, where: string): void {
    if (this.text[this.pos] !== ch) throw this.fail(`Unexpected ${this.describeHere()}: expected '${ch}' ${where}`);
    this.pos++;
  }

  private skipWhitespace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return;
      this.pos++;
    }
  }

  private describeHere(): string {
    const code = this.text.codePointAt(this.pos);
    if (code === undefined) return 'end of input';
    return `character ${JSON.stringify(String.fromCodePoint(code))} (code ${code})`;
  }

  private tokenHere(): string {
    return /^[A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0] ?? '';
  }

  private fail(reason: string): JsonSyntaxError {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < this.pos; i++) {
      if (this.text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new JsonSyntaxError(reason, this.pos, line, this.pos - lineStart + 1);
  }
}
