/**
 * Names: identifiers, keyspace/table/index/type names and function names (Parser.g's ident, cident,
 * ksName, cfName, idxName, userTypeName, functionName). Unquoted names are case-insensitive and come
 * out lower-cased; quoted names keep their case.
 */
import type { QualifiedName } from '../ast/index.js';
import { isFunctionNameKeyword, isTypeNameKeyword, isUnreservedKeyword } from '../lexer/keywords.js';
import type { Token, TokenType } from '../lexer/token.js';
import { FOLLOW_INDEX_NAME, FOLLOW_TABLE_NAME } from './follow-sets.js';
import type { Parser } from './parser.js';

/** User type names Cassandra refuses although the lexer does not reserve them (Parser.g's reservedTypeNames). */
const RESERVED_TYPE_NAMES = new Set(['byte', 'complex', 'enum', 'date', 'interval', 'macaddr', 'bitstring']);

/** Whether a token can be an identifier: IDENT, QUOTED_NAME or an unreserved keyword. */
export function isIdentifier(type: TokenType): boolean {
  return type === 'IDENT' || type === 'QUOTED_NAME' || isUnreservedKeyword(type);
}

/** The name a token stands for: quoted names as written, everything else lower-cased. */
function nameOf(p: Parser, token: Token): string {
  return token.type === 'QUOTED_NAME' ? p.text(token) : p.text(token).toLowerCase();
}

/** ident / noncol_ident / fident / sident. */
export function ident(p: Parser): string {
  if (!isIdentifier(p.type())) p.noViable();
  return nameOf(p, p.consume());
}

/** cident: an identifier or `""`, the empty name of legacy super columns. */
export function cident(p: Parser): string {
  if (p.accept('EMPTY_QUOTED_NAME')) return '';
  return ident(p);
}

/** A parenthesised list of column names: `(a, b, c)`. */
export function identifierTuple(p: Parser): string[] {
  p.expect("'('");
  const names = [cident(p)];
  while (p.accept("','")) names.push(cident(p));
  p.expect("')'");
  return names;
}

type NameKind = 'keyspace' | 'table' | 'index';

/** ksName / cfName / idxName: an identifier, or a bind marker, which Cassandra rejects by name. */
function schemaName(p: Parser, kind: NameKind): string {
  if (p.is('QMARK')) {
    p.consume();
    p.recognitionError(`Bind variables cannot be used for ${kind} names`);
  }
  return ident(p);
}

export function keyspaceName(p: Parser): string {
  return schemaName(p, 'keyspace');
}

function startsSchemaName(type: TokenType): boolean {
  return type === 'QMARK' || isIdentifier(type);
}

/** columnFamilyName / indexName: `[keyspace.]name`. */
export function qualifiedName(p: Parser, kind: 'table' | 'index' = 'table'): QualifiedName {
  let keyspace: string | null = null;
  const first = p.la();
  if (startsSchemaName(first.type)) {
    const next = p.la(2);
    if (next.type === "'.'") {
      keyspace = keyspaceName(p);
      p.consume();
    } else if (!(kind === 'table' ? FOLLOW_TABLE_NAME : FOLLOW_INDEX_NAME).has(next.type)) {
      p.noViable(next, first);
    }
  }
  return { keyspace, name: schemaName(p, kind) };
}

/** userTypeName: `[keyspace.]name`, where the name may not be a native type or a reserved type name. */
export function userTypeName(p: Parser): QualifiedName {
  let keyspace: string | null = null;
  if (isIdentifier(p.type()) && p.is("'.'", 2)) {
    keyspace = ident(p);
    p.consume();
  }
  const token = p.la();
  if (token.type === 'IDENT') {
    const text = p.text(token);
    if (RESERVED_TYPE_NAMES.has(text)) p.recognitionError(`Invalid (reserved) user type name ${text}`);
  } else if (token.type !== 'QUOTED_NAME' && !isTypeNameKeyword(token.type)) {
    p.noViable();
  }
  return { keyspace, name: nameOf(p, p.consume()) };
}

/** Whether a token can be a function name (allowedFunctionName). */
export function isFunctionName(type: TokenType): boolean {
  return type === 'IDENT' || type === 'QUOTED_NAME' || isFunctionNameKeyword(type);
}

/**
 * Where the lookahead for a function call (`name(` or `ks.name(`) at the k-th token stops matching,
 * or null if a call starts there. Cassandra reports a failed prediction at that token.
 */
export function functionCallMismatch(p: Parser, k = 1): Token | null {
  const type = p.type(k);
  if (!startsSchemaName(type) && !isFunctionName(type)) return p.la(k);
  if (p.is("'('", k + 1) && isFunctionName(type)) return null;
  if (!p.is("'.'", k + 1) || !startsSchemaName(type)) return p.la(k + 1);
  if (!isFunctionName(p.type(k + 2))) return p.la(k + 2);
  return p.is("'('", k + 3) ? null : p.la(k + 3);
}

/** Whether a function call starts at the k-th token. */
export function startsFunctionCall(p: Parser, k = 1): boolean {
  return functionCallMismatch(p, k) === null;
}

/** functionName: `[keyspace.]name`. */
export function qualifiedFunctionName(p: Parser): QualifiedName {
  let keyspace: string | null = null;
  if (startsSchemaName(p.type()) && p.is("'.'", 2)) {
    keyspace = keyspaceName(p);
    p.consume();
  }
  if (!isFunctionName(p.type())) p.noViable();
  return { keyspace, name: nameOf(p, p.consume()) };
}

/** functionName as one string: "ks.name" when qualified. */
export function functionName(p: Parser): string {
  const { keyspace, name } = qualifiedFunctionName(p);
  return keyspace === null ? name : `${keyspace}.${name}`;
}
