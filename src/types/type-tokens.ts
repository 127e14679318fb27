/** Tokens of CQL type text: identifiers (unquoted ones lower-cased), quoted strings, integers, symbols. */
import { SyntaxError } from '../errors/index.js';

export interface TypeToken {
  readonly kind: 'identifier' | 'string' | 'integer' | 'symbol' | 'end';
  readonly text: string;
  /** Whether an identifier was double-quoted (its case is kept and it is never a keyword). */
  readonly quoted: boolean;
  /** 0-based position in the text. */
  readonly offset: number;
}

const IDENTIFIER = /[A-Za-z][A-Za-z0-9_]*/y;
const INTEGER = /-?\d+/y;
const SPACE = /\s+/y;

export function tokenizeType(text: string): TypeToken[] {
  const tokens: TypeToken[] = [];
  let offset = 0;
  const take = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    offset += match[0].length;
    return match[0];
  };
  while (offset < text.length) {
    const start = offset;
    const ch = text[offset]!;
    if (take(SPACE) !== undefined) continue;
    const word = take(IDENTIFIER);
    if (word !== undefined) {
      tokens.push({ kind: 'identifier', text: word.toLowerCase(), quoted: false, offset: start });
    } else if (ch === '"' || ch === "'") {
      const body = readQuoted(text, offset, ch);
      offset = body.end;
      tokens.push({ kind: ch === '"' ? 'identifier' : 'string', text: body.text, quoted: true, offset: start });
    } else if ('<>,.'.includes(ch)) {
      offset++;
      tokens.push({ kind: 'symbol', text: ch, quoted: false, offset: start });
    } else {
      const digits = take(INTEGER);
      if (digits === undefined) throw new SyntaxError(`line 1:${start} no viable alternative at character '${ch}'`);
      tokens.push({ kind: 'integer', text: digits, quoted: false, offset: start });
    }
  }
  tokens.push({ kind: 'end', text: '', quoted: false, offset: text.length });
  return tokens;
}

/** A quoted run starting at `start`, where a doubled quote stands for one. */
function readQuoted(text: string, start: number, quote: string): { text: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === quote) {
      if (text[i + 1] !== quote) return { text: out, end: i + 1 };
      i++;
    }
    out += ch;
    i++;
  }
  throw new SyntaxError(`line 1:${start} mismatched input: unterminated quoted text in type '${text}'`);
}
