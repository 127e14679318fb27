/**
 * Syntax error messages in the form Cassandra's ErrorCollector builds them from ANTLR's:
 * `line 1:13 mismatched input ';' expecting K_FROM (SELECT * FRO[;])`. The snippet counts tokens the
 * way ANTLR's token stream does, whitespace and comments included, and only up to the furthest token
 * the parser had looked at; when the snippet would touch the end of input it is left out, because
 * Cassandra's EOF token has no position.
 */
import { SyntaxError } from '../../errors/index.js';
import { Lexer } from '../lexer/lexer.js';
import { isHidden, tokenText, type Token } from '../lexer/token.js';

/** Snippet bounds relative to the stream position, as in ErrorCollector. */
const FIRST_TOKEN_OFFSET = 10;
const LAST_TOKEN_OFFSET = 2;

/** ANTLR's getTokenErrorDisplay. */
export function tokenDisplay(source: string, token: Token): string {
  const text = tokenText(source, token).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `'${text}'`;
}

/**
 * @param offending the token the error is about (its position is the one reported)
 * @param streamIndex index, among the parser's tokens, of the stream position when the error was
 *        raised: the offending token itself, or the start of the decision that found no alternative
 * @param fetchedCount how many parser tokens had been read from the lexer
 */
export function syntaxErrorAt(
  source: string, message: string, offending: Token, streamIndex: number, fetchedCount: number,
): SyntaxError {
  const header = offending.type === 'EOF' ? 'line 0:-1' : `line ${offending.line}:${offending.column}`;
  return new SyntaxError(`${header} ${message}${querySnippet(source, streamIndex, fetchedCount)}`);
}

function querySnippet(source: string, streamIndex: number, fetchedCount: number): string {
  const tokens: Token[] = [];
  let index = -1;
  // Re-lexing cannot fail: every token up to here was lexed once already.
  const lexer = new Lexer(source);
  for (let onChannel = 0; onChannel < fetchedCount;) {
    const token = lexer.scan();
    if (!isHidden(token.type)) {
      if (onChannel === streamIndex) index = tokens.length;
      onChannel++;
    }
    tokens.push(token);
    if (token.type === 'EOF') break;
  }
  const size = tokens.length;
  const from = tokens[Math.max(0, index - FIRST_TOKEN_OFFSET)];
  const to = tokens[Math.min(size - 1, index + LAST_TOKEN_OFFSET)];
  const highlighted = tokens[Math.min(index, size - 1)];
  if (index < 0 || from === undefined || to === undefined || highlighted === undefined) return '';
  if (from.type === 'EOF' || to.type === 'EOF' || highlighted.type === 'EOF') return '';
  return ` (${snippetText(source, from, to, highlighted)})`;
}

function snippetText(source: string, from: Token, to: Token, highlighted: Token): string {
  const lines = javaSplitLines(source);
  const endOf = (t: Token): number => t.column + tokenText(source, t).length;
  const includeQueryStart = from.line === 1 && from.column === 0;
  const lastLine = lines[lines.length - 1] ?? '';
  const includeQueryEnd = to.line === lines.length && endOf(to) === lastLine.length;

  const toLine = lines[to.line - 1] ?? '';
  lines[to.line - 1] = endOf(to) >= toLine.length ? toLine : toLine.substring(0, endOf(to));
  const line = lines[highlighted.line - 1] ?? '';
  const end = endOf(highlighted);
  lines[highlighted.line - 1] =
    line.substring(0, highlighted.column) + '[' + line.substring(highlighted.column, end) + ']' + line.substring(end);
  lines[from.line - 1] = (lines[from.line - 1] ?? '').substring(from.column);

  let text = includeQueryStart ? '' : '...';
  for (let i = from.line - 1; i <= to.line - 1; i++) text += lines[i] ?? '';
  return includeQueryEnd ? text : text + '...';
}

/** Java's String.split("\n"): trailing empty strings are dropped. */
function javaSplitLines(source: string): string[] {
  if (source === '') return [''];
  const lines = source.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
