/**
 * The recursive-descent parser's state and primitives: a lazily filled token buffer with lookahead,
 * bind marker numbering, speculation (for the grammar's syntactic predicates) and the two ANTLR error
 * forms, "mismatched input" (a required token is missing) and "no viable alternative" (no branch of a
 * decision fits). The grammar itself lives in the statement-family modules beside this one.
 */
import { SyntaxError } from '../../errors/index.js';
import type { BindMarker } from '../ast/index.js';
import { Lexer } from '../lexer/lexer.js';
import { tokenText, type Token, type TokenType } from '../lexer/token.js';
import { syntaxErrorAt, tokenDisplay } from './syntax-error.js';

/** Thrown when a speculative sub-parse fails: shared, since it never escapes attempt(). */
const SPECULATION_FAILED = new SyntaxError('speculation failed');

/**
 * How deeply terms, selectors, relations and types may nest in one statement: parentheses, brackets,
 * braces, function calls, casts, type hints, signs and operator chains each count one level. The parser
 * and everything that walks its AST recurse once per level, so this bounds their stack; far more than
 * any real statement needs (Cassandra's own ANTLR parser runs out of stack well before).
 */
export const MAX_NESTING_DEPTH = 500;

export class Parser {
  private readonly lexer: Lexer;
  /** Parser-channel tokens read so far; the last one may be EOF. */
  private readonly tokens: Token[] = [];
  private pos = 0;
  private readonly markers: BindMarker[] = [];
  /** While speculating, failures are expected and cheap: no message or snippet is built. */
  private speculationDepth = 0;
  /** Levels of nesting open at the current position (see MAX_NESTING_DEPTH). */
  private nestingDepth = 0;
  /** Set once the nesting limit is hit: that error is final, even while speculating. */
  private nestingError: SyntaxError | null = null;

  constructor(readonly source: string) {
    this.lexer = new Lexer(source);
  }

  /** The k-th token ahead (1 is the next one); EOF repeats past the end. */
  la(k = 1): Token {
    const i = this.pos + k - 1;
    const tokens = this.tokens;
    while (tokens.length <= i) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && last.type === 'EOF') return last;
      tokens.push(this.lexer.next());
    }
    return tokens[i] as Token;
  }

  type(k = 1): TokenType {
    return this.la(k).type;
  }

  is(type: TokenType, k = 1): boolean {
    return this.la(k).type === type;
  }

  /** Consumes the next token; like ANTLR's stream, reads the one after it at once. */
  consume(): Token {
    const token = this.la(1);
    if (token.type !== 'EOF') this.pos++;
    this.la(1);
    return token;
  }

  /** Consumes the next token if it has this type. */
  accept(type: TokenType): boolean {
    if (this.la(1).type !== type) return false;
    this.consume();
    return true;
  }

  /** Consumes a required token: ANTLR's match(). */
  expect(type: TokenType): Token {
    if (this.la(1).type !== type) this.mismatch(type);
    return this.consume();
  }

  text(token: Token): string {
    return tokenText(this.source, token);
  }

  /** Source text from the start of one token to the end of another (inclusive). */
  span(first: Token, last: Token): string {
    return this.source.slice(first.start, Math.max(first.start, last.end));
  }

  /** The last token consumed. */
  previous(): Token {
    return this.tokens[this.pos - 1] ?? this.la(1);
  }

  mismatch(expected: TokenType): never {
    const token = this.la(1);
    if (this.speculationDepth > 0) throw SPECULATION_FAILED;
    throw this.error(`mismatched input ${tokenDisplay(this.source, token)} expecting ${expected}`, token, this.pos);
  }

  /**
   * No alternative of a decision fits. `at` is the token where the decision failed; `decisionStart`
   * the first token it looked at, which Cassandra's snippet highlights.
   */
  noViable(at: Token = this.la(1), decisionStart: Token = at): never {
    if (this.speculationDepth > 0) throw SPECULATION_FAILED;
    const message = `no viable alternative at input ${tokenDisplay(this.source, at)}`;
    throw this.error(message, at, Math.max(0, this.tokens.indexOf(decisionStart)));
  }

  /** Errors Parser.g raises from its actions (addRecognitionError): a bare message, no position. */
  recognitionError(message: string): never {
    throw new SyntaxError(message);
  }

  /**
   * Runs the parse of one nested level (a parenthesised term, a type argument, …), refusing the
   * statement before the nesting can exhaust the stack.
   */
  nested<T>(parse: () => T): T {
    this.deepen(1);
    try {
      return parse();
    } finally {
      this.nestingDepth--;
    }
  }

  /**
   * Opens `levels` levels of nesting that the caller closes with shallow(): for left-deep chains
   * built in a loop (`a + b + c`), which deepen the AST without recursing here.
   */
  deepen(levels: number): void {
    this.nestingDepth += levels;
    if (this.nestingDepth <= MAX_NESTING_DEPTH) return;
    this.nestingDepth -= levels;
    const token = this.la(1);
    this.nestingError = this.error(
      `statement nested more than ${MAX_NESTING_DEPTH} levels deep at input ${tokenDisplay(this.source, token)}`,
      token, this.pos);
    throw this.nestingError;
  }

  shallow(levels: number): void {
    this.nestingDepth -= levels;
  }

  /** Registers a bind marker: markers are numbered in order of appearance. */
  bindMarker(name: string | null): BindMarker {
    const marker: BindMarker = { kind: 'bind', index: this.markers.length, name };
    this.markers.push(marker);
    return marker;
  }

  bindMarkers(): readonly BindMarker[] {
    return this.markers;
  }

  /**
   * Runs a sub-parse that may fail: on success its result is kept, on a syntax error the position and
   * bind markers are rolled back and null is returned. This stands in for ANTLR's backtracking predicates.
   */
  attempt<T>(parse: () => T): T | null {
    const pos = this.pos;
    const markerCount = this.markers.length;
    this.speculationDepth++;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof SyntaxError) || e === this.nestingError) throw e;
      this.pos = pos;
      this.markers.length = markerCount;
      return null;
    } finally {
      this.speculationDepth--;
    }
  }

  /** Whether a sub-parse would succeed, without consuming anything. */
  lookahead(parse: () => unknown): boolean {
    const pos = this.pos;
    const markerCount = this.markers.length;
    const ok = this.attempt(() => {
      parse();
      return true;
    }) !== null;
    this.pos = pos;
    this.markers.length = markerCount;
    return ok;
  }

  private error(message: string, offending: Token, streamIndex: number): SyntaxError {
    return syntaxErrorAt(this.source, message, offending, streamIndex, this.tokens.length);
  }
}
