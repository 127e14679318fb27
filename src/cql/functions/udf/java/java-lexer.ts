/** Tokens of the Java subset user functions may be written in (JLS §3, the parts the subset uses). */

export type JavaTokenKind = 'ident' | 'int' | 'long' | 'float' | 'double' | 'string' | 'char' | 'op' | 'eof';

export interface JavaToken {
  readonly kind: JavaTokenKind;
  /** Identifiers and operators as written; literals decoded (numbers as their digits, strings unescaped). */
  readonly text: string;
  readonly line: number;
}

/** A body outside the subset, or not Java: reported as Cassandra reports compile errors, by line. */
export class JavaCompileError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

const OPERATORS = [
  '>>>=', '<<=', '>>=', '>>>', '...', '->', '::', '++', '--', '&&', '||', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '<<', '>>',
  '(', ')', '{', '}', '[', ']', ';', ',', '.', '@', '=', '>', '<', '!', '~', '?', ':', '+', '-', '*', '/', '&', '|', '^', '%',
];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', "'": "'", '"': '"', '\\': '\\' };

export function lexJava(source: string): JavaToken[] {
  const tokens: JavaToken[] = [];
  let i = 0;
  let line = 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (source.startsWith('//', i)) { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new JavaCompileError(line, 'Unexpected end of comment');
      line += source.slice(i, end).split('\n').length - 1;
      i = end + 2;
      continue;
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i, i + 256));
    if (word !== null) { tokens.push({ kind: 'ident', text: word[0], line }); i += word[0].length; continue; }
    const number = /^(0[xX][0-9a-fA-F_]+[lL]?|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?[fFdDlL]?)/.exec(source.slice(i, i + 64));
    if (number !== null && /^\.?\d/.test(source.slice(i, i + 2))) { tokens.push(numberToken(number[0], line)); i += number[0].length; continue; }
    if (c === '"' || c === "'") {
      const { text, end } = quoted(source, i, line);
      tokens.push({ kind: c === '"' ? 'string' : 'char', text, line });
      i = end;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) throw new JavaCompileError(line, `Syntax error on token "${c}", delete this token`);
    tokens.push({ kind: 'op', text: op, line });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', line });
  return tokens;
}

function numberToken(text: string, line: number): JavaToken {
  const digits = text.replace(/_/g, '');
  const suffix = digits.slice(-1).toLowerCase();
  const isHex = /^0x/i.test(digits);
  if (suffix === 'l') return { kind: 'long', text: digits.slice(0, -1), line };
  if (!isHex && suffix === 'f') return { kind: 'float', text: digits.slice(0, -1), line };
  if (!isHex && suffix === 'd') return { kind: 'double', text: digits.slice(0, -1), line };
  if (!isHex && /[.eE]/.test(digits)) return { kind: 'double', text: digits, line };
  return { kind: 'int', text: digits, line };
}

function quoted(source: string, start: number, line: number): { text: string; end: number } {
  const quote = source[start]!;
  let text = '';
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    const c = source[i]!;
    if (c === '\n') break;
    if (c !== '\\') { text += c; i++; continue; }
    const next = source[i + 1] ?? '';
    if (next === 'u') {
      text += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
      continue;
    }
    const escaped = ESCAPES[next];
    if (escaped === undefined) throw new JavaCompileError(line, 'Invalid escape sequence (valid ones are  \\b  \\t  \\n  \\f  \\r  \\"  \\\'  \\\\ )');
    text += escaped;
    i += 2;
  }
  if (source[i] !== quote) throw new JavaCompileError(line, quote === '"' ? 'String literal is not properly closed by a double-quote' : 'Invalid character constant');
  return { text, end: i + 1 };
}
