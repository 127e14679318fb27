/**
 * Token kinds, named as Cassandra's ANTLR grammar names them (Lexer.g), because those names appear
 * verbatim in syntax errors ("mismatched input ';' expecting K_FROM", "... expecting ')'").
 */
import type { KeywordType } from './keywords.js';

export type PunctuationType =
  | "'('" | "')'" | "'['" | "']'" | "'{'" | "'}'" | "','" | "';'" | "':'" | "'.'"
  | "'*'" | "'/'" | "'%'" | "'+'" | "'-'" | "'+='" | "'-='"
  | "'='" | "'<'" | "'<='" | "'>'" | "'>='" | "'!='";

export type LiteralType =
  | 'IDENT' | 'QUOTED_NAME' | 'EMPTY_QUOTED_NAME' | 'STRING_LITERAL' | 'INTEGER' | 'FLOAT'
  | 'BOOLEAN' | 'DURATION' | 'UUID' | 'HEXNUMBER' | 'QMARK' | 'RANGE'
  | 'K_NEGATIVE_NAN' | 'K_NEGATIVE_INFINITY';

/** Whitespace and comments: kept off the parser's channel but counted in error snippets. */
export type HiddenType = 'WS' | 'COMMENT' | 'MULTILINE_COMMENT';

export type TokenType = KeywordType | PunctuationType | LiteralType | HiddenType | 'EOF';

/**
 * A token is a span of the source; its text is read from the source only when needed, so lexing
 * allocates one small object per token and no substrings (keywords aside).
 */
export interface Token {
  readonly type: TokenType;
  /** Offsets into the source, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** 1-based line and 0-based column of the first character, as ANTLR counts them. */
  readonly line: number;
  readonly column: number;
}

export function isHidden(type: TokenType): type is HiddenType {
  return type === 'WS' || type === 'COMMENT' || type === 'MULTILINE_COMMENT';
}

/**
 * The token's text as ANTLR's getText() gives it: string literals and quoted names unescaped and
 * without their quotes, everything else as written.
 */
export function tokenText(source: string, token: Token): string {
  switch (token.type) {
    case 'STRING_LITERAL':
      if (source.charCodeAt(token.start) === 0x24 /* $ */) return source.slice(token.start + 2, token.end - 2);
      return unescape(source.slice(token.start + 1, token.end - 1), "''", "'");
    case 'QUOTED_NAME':
      return unescape(source.slice(token.start + 1, token.end - 1), '""', '"');
    case 'EOF':
      return '<EOF>';
    default:
      return source.slice(token.start, token.end);
  }
}

function unescape(text: string, doubled: string, single: string): string {
  return text.includes(doubled) ? text.split(doubled).join(single) : text;
}
