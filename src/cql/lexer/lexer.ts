/**
 * The CQL lexer: Cassandra's Lexer.g written out by hand. Tokens are produced on demand, so a lexer
 * error is reported exactly when the parser first needs the token, as with ANTLR's buffered stream.
 * Ties between rules resolve the way ANTLR resolves them: longest match first, then the rule written
 * first in Lexer.g (keywords, INTEGER, FLOAT, BOOLEAN, DURATION, IDENT, HEXNUMBER, UUID).
 */
import { SyntaxError } from '../../errors/index.js';
import { KEYWORDS, MAX_KEYWORD_LENGTH } from './keywords.js';
import { isDigit, isHex, isLetter, scanDuration, scanExponent, scanIsoDuration, scanUuid } from './scanners.js';
import { isHidden, type Token, type TokenType } from './token.js';

export class Lexer {
  private pos = 0;
  private line = 1;
  private column = 0;
  /** Where the token just scanned starts. */
  private tokenStart = 0;
  private tokenLine = 1;
  private tokenColumn = 0;
  /** A lexer error is sticky: asking again after a failure fails the same way. */
  private failure: SyntaxError | null = null;

  constructor(private readonly source: string) {}

  /** The next token on the parser's channel; whitespace and comments are skipped without allocating. */
  next(): Token {
    for (;;) {
      const type = this.advance();
      if (!isHidden(type)) return this.lastToken(type);
    }
  }

  /** The next token of any channel; EOF once the input is exhausted. */
  scan(): Token {
    return this.lastToken(this.advance());
  }

  private advance(): TokenType {
    if (this.failure !== null) throw this.failure;
    const start = this.pos;
    this.tokenStart = start;
    this.tokenLine = this.line;
    this.tokenColumn = this.column;
    const type = this.scanType(start);
    this.advancePosition(start, this.pos);
    return type;
  }

  private lastToken(type: TokenType): Token {
    return { type, start: this.tokenStart, end: this.pos, line: this.tokenLine, column: this.tokenColumn };
  }

  private scanType(start: number): TokenType {
    const s = this.source;
    if (start >= s.length) return 'EOF';
    const c = s.charCodeAt(start);
    if (isLetter(c)) return this.word(start);
    if (isDigit(c)) return this.numeric(start);
    switch (c) {
      case 0x20: case 0x09: case 0x0a: case 0x0d: return this.whitespace(start);
      case 0x27 /* ' */: return this.quotedString(start);
      case 0x24 /* $ */: return this.dollarString(start);
      case 0x22 /* " */: return this.quotedName(start);
      case 0x2d /* - */: return this.minus(start);
      case 0x2f /* / */:
        if (s.charCodeAt(start + 1) === 0x2f) return this.lineComment(start);
        if (s.charCodeAt(start + 1) === 0x2a) return this.blockComment(start);
        return this.take(start, 1, "'/'");
      case 0x28: return this.take(start, 1, "'('");
      case 0x29: return this.take(start, 1, "')'");
      case 0x5b: return this.take(start, 1, "'['");
      case 0x5d: return this.take(start, 1, "']'");
      case 0x7b: return this.take(start, 1, "'{'");
      case 0x7d: return this.take(start, 1, "'}'");
      case 0x2c: return this.take(start, 1, "','");
      case 0x3b: return this.take(start, 1, "';'");
      case 0x3a: return this.take(start, 1, "':'");
      case 0x3f: return this.take(start, 1, 'QMARK');
      case 0x2a: return this.take(start, 1, "'*'");
      case 0x25: return this.take(start, 1, "'%'");
      case 0x3d: return this.take(start, 1, "'='");
      case 0x2e: return s.charCodeAt(start + 1) === 0x2e ? this.take(start, 2, 'RANGE') : this.take(start, 1, "'.'");
      case 0x2b: return s.charCodeAt(start + 1) === 0x3d ? this.take(start, 2, "'+='") : this.take(start, 1, "'+'");
      case 0x3c: return s.charCodeAt(start + 1) === 0x3d ? this.take(start, 2, "'<='") : this.take(start, 1, "'<'");
      case 0x3e: return s.charCodeAt(start + 1) === 0x3d ? this.take(start, 2, "'>='") : this.take(start, 1, "'>'");
      case 0x21 /* ! */:
        if (s.charCodeAt(start + 1) === 0x3d) return this.take(start, 2, "'!='");
        return this.fail(start + 1, `mismatched character ${this.charDisplay(start + 1)} expecting '='`);
      default:
        return this.fail(start, `no viable alternative at character ${this.charDisplay(start)}`);
    }
  }

  /** Ends the current token `length` characters after `start`. */
  private take(start: number, length: number, type: TokenType): TokenType {
    this.pos = start + length;
    return type;
  }

  private whitespace(start: number): TokenType {
    const s = this.source;
    let i = start + 1;
    for (let c = s.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = s.charCodeAt(++i));
    this.pos = i;
    return 'WS';
  }

  /** Identifiers, keywords, booleans, and the UUIDs and ISO 8601 durations that start with a letter. */
  private word(start: number): TokenType {
    const s = this.source;
    if (isHex(s.charCodeAt(start))) {
      const uuidEnd = this.uuid(start);
      if (uuidEnd > 0) return this.take(start, uuidEnd - start, 'UUID');
    }
    let end = start + 1;
    for (let c = s.charCodeAt(end); isLetter(c) || isDigit(c) || c === 0x5f; c = s.charCodeAt(++end));
    if (s.charCodeAt(start) === 0x50 /* P */) {
      const durationEnd = scanIsoDuration(s, start);
      if (durationEnd >= end) return this.take(start, durationEnd - start, 'DURATION');
    }
    this.pos = end;
    if (end - start > MAX_KEYWORD_LENGTH) return 'IDENT';
    const lower = s.slice(start, end).toLowerCase();
    if (lower === 'true' || lower === 'false') return 'BOOLEAN';
    return KEYWORDS.get(lower) ?? 'IDENT';
  }

  /** INTEGER, FLOAT, DURATION, HEXNUMBER or UUID starting with a digit. */
  private numeric(start: number): TokenType {
    const s = this.source;
    const uuidEnd = this.uuid(start);
    if (uuidEnd > 0) return this.take(start, uuidEnd - start, 'UUID');
    if (s.charCodeAt(start) === 0x30 && (s.charCodeAt(start + 1) | 0x20) === 0x78 /* x */) {
      let end = start + 2;
      while (isHex(s.charCodeAt(end))) end++;
      return this.take(start, end - start, 'HEXNUMBER');
    }
    return this.signedNumber(start, start);
  }

  /** A number after an optional '-': digitsStart is where the digits begin. */
  private signedNumber(start: number, digitsStart: number): TokenType {
    const s = this.source;
    let digitsEnd = digitsStart;
    while (isDigit(s.charCodeAt(digitsEnd))) digitsEnd++;
    let floatEnd = digitsEnd;
    if (s.charCodeAt(digitsEnd) === 0x2e) {
      // "1..2" is INTEGER RANGE INTEGER; "1...2" is FLOAT("1.") RANGE INTEGER (Lexer.g's FLOAT predicates).
      const range = s.charCodeAt(digitsEnd + 1) === 0x2e;
      if (!range || s.charCodeAt(digitsEnd + 2) === 0x2e) {
        floatEnd = digitsEnd + 1;
        if (!range) {
          while (isDigit(s.charCodeAt(floatEnd))) floatEnd++;
          floatEnd = scanExponent(s, floatEnd);
        }
      }
    } else {
      floatEnd = scanExponent(s, digitsEnd);
    }
    const durationEnd = scanDuration(s, digitsEnd);
    if (durationEnd > floatEnd && durationEnd > digitsEnd) return this.take(start, durationEnd - start, 'DURATION');
    if (floatEnd > digitsEnd) return this.take(start, floatEnd - start, 'FLOAT');
    return this.take(start, digitsEnd - start, 'INTEGER');
  }

  private minus(start: number): TokenType {
    const s = this.source;
    const next = s.charCodeAt(start + 1);
    if (next === 0x2d) return this.lineComment(start);
    if (next === 0x3d) return this.take(start, 2, "'-='");
    if (isDigit(next)) return this.signedNumber(start, start + 1);
    if (next === 0x50 /* P */) {
      const durationEnd = scanIsoDuration(s, start + 1);
      if (durationEnd > 0) return this.take(start, durationEnd - start, 'DURATION');
    }
    if (s.slice(start + 1, start + 9).toLowerCase() === 'infinity') return this.take(start, 9, 'K_NEGATIVE_INFINITY');
    if (s.slice(start + 1, start + 4).toLowerCase() === 'nan') return this.take(start, 4, 'K_NEGATIVE_NAN');
    return this.take(start, 1, "'-'");
  }

  /**
   * Once eight hex digits and a dash are seen the lexer is committed to a UUID, as ANTLR's prediction
   * is, so a malformed UUID is a lexer error rather than a run of other tokens. Returns 0 if no UUID starts here.
   */
  private uuid(start: number): number {
    const result = scanUuid(this.source, start);
    if (result.kind === 'none') return 0;
    if (result.kind === 'uuid') return result.end;
    const expecting = result.expectDash ? "'-'" : 'set null';
    return this.fail(result.end, `mismatched character ${this.charDisplay(result.end)} expecting ${expecting}`);
  }

  private quotedString(start: number): TokenType {
    const s = this.source;
    let i = start + 1;
    for (;;) {
      const close = s.indexOf("'", i);
      if (close < 0) return this.fail(s.length, "mismatched character '<EOF>' expecting '''");
      if (s.charCodeAt(close + 1) !== 0x27) return this.take(start, close + 1 - start, 'STRING_LITERAL');
      i = close + 2;
    }
  }

  /** $$pg-style$$ strings; the body is everything up to the next "$$". */
  private dollarString(start: number): TokenType {
    const s = this.source;
    if (s.charCodeAt(start + 1) !== 0x24) {
      return this.fail(start + 1, `mismatched character ${this.charDisplay(start + 1)} expecting '$'`);
    }
    const close = s.indexOf('$$', start + 2);
    if (close >= 0) return this.take(start, close + 2 - start, 'STRING_LITERAL');
    // Lexer.g stops collecting with one character left, then expects "$$".
    const at = Math.max(start + 2, s.length - 1);
    const failAt = s.charCodeAt(at) === 0x24 ? at + 1 : at;
    return this.fail(failAt, `mismatched character ${this.charDisplay(failAt)} expecting '$'`);
  }

  private quotedName(start: number): TokenType {
    const s = this.source;
    if (s.charCodeAt(start + 1) === 0x22 && s.charCodeAt(start + 2) !== 0x22) return this.take(start, 2, 'EMPTY_QUOTED_NAME');
    let i = start + 1;
    for (;;) {
      const close = s.indexOf('"', i);
      if (close < 0) return this.fail(s.length, "mismatched character '<EOF>' expecting '\"'");
      if (s.charCodeAt(close + 1) !== 0x22) return this.take(start, close + 1 - start, 'QUOTED_NAME');
      i = close + 2;
    }
  }

  /** `--` and `//` comments run to and include the end of the line; Lexer.g requires that line end. */
  private lineComment(start: number): TokenType {
    const s = this.source;
    for (let i = start + 2; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) return this.take(start, i + 1 - start, 'COMMENT');
    }
    return this.fail(s.length, "mismatched character '<EOF>' expecting set null");
  }

  private blockComment(start: number): TokenType {
    const close = this.source.indexOf('*/', start + 2);
    if (close < 0) return this.fail(this.source.length, "mismatched character '<EOF>' expecting '*'");
    return this.take(start, close + 2 - start, 'MULTILINE_COMMENT');
  }

  /** ANTLR's getCharErrorDisplay. */
  private charDisplay(offset: number): string {
    if (offset >= this.source.length) return "'<EOF>'";
    const c = this.source[offset];
    return `'${c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : c}'`;
  }

  private fail(offset: number, message: string): never {
    this.advancePosition(this.pos, offset);
    this.failure = new SyntaxError(`line ${this.line}:${this.column} ${message}`);
    throw this.failure;
  }

  private advancePosition(from: number, to: number): void {
    const s = this.source;
    for (let i = from; i < to; i++) {
      if (s.charCodeAt(i) === 0x0a) {
        this.line++;
        this.column = 0;
      } else {
        this.column++;
      }
    }
    this.pos = to;
  }
}
