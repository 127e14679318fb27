/**
 * CQL type expressions (Parser.g's comparatorType), captured as normalised text rather than resolved:
 * user types can only be resolved against a keyspace, which the parser does not know. The text is
 * canonical: keywords lower-cased, `, ` between arguments, no other spaces, names quoted only when
 * they must be, so `FROZEN< Map<TEXT,"Addr"> >` becomes `frozen<map<text, "Addr">>`.
 */
import { KEYWORDS, NATIVE_TYPES, isNativeTypeKeyword, isTypeNameKeyword } from '../lexer/keywords.js';
import type { Token, TokenType } from '../lexer/token.js';
import { userTypeName } from './identifiers.js';
import type { Parser } from './parser.js';

/** A name as CQL text: bare when it reads back the same, otherwise double-quoted. */
function formatName(name: string): string {
  if (/^[a-z][a-z0-9_]*$/.test(name) && !KEYWORDS.has(name) && name !== 'true' && name !== 'false') return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** native_type: the keyword of a native type, as its canonical name. */
export function nativeType(p: Parser): string {
  const type = p.type();
  if (!isNativeTypeKeyword(type)) p.noViable();
  p.consume();
  return NATIVE_TYPES[type];
}

/** Whether a type can start with this token: cheap filter before speculating on a type hint. */
export function startsComparatorType(type: TokenType): boolean {
  return type === 'STRING_LITERAL' || type === 'QUOTED_NAME' || type === 'IDENT' || type === 'K_SET'
    || isNativeTypeKeyword(type) || isTypeNameKeyword(type);
}

/** comparatorType, as normalised text; each type argument is one level of nesting. */
export function comparatorType(p: Parser): string {
  return p.nested(() => comparatorTypeAtLevel(p));
}

function comparatorTypeAtLevel(p: Parser): string {
  const token = p.la();
  const type = token.type;
  if (isNativeTypeKeyword(type)) return nativeType(p);
  if (type === 'STRING_LITERAL') {
    p.consume();
    return `'${p.text(token).replace(/'/g, "''")}'`;
  }
  // map, list, tuple, frozen and vector are unreserved: followed by '<' they build a type,
  // otherwise they name a user type. set is reserved and can only build a type.
  if (p.is("'<'", 2) || type === 'K_SET') {
    switch (type) {
      case 'K_MAP': return parameterised(p, token, 2);
      case 'K_SET': case 'K_LIST': case 'K_FROZEN': return parameterised(p, token, 1);
      case 'K_TUPLE': return parameterised(p, token, -1);
      case 'K_VECTOR': return vectorType(p);
      default: break;
    }
  }
  const name = userTypeName(p);
  return name.keyspace === null ? formatName(name.name) : `${formatName(name.keyspace)}.${formatName(name.name)}`;
}

/** `kw<t1, ..., tn>` with a fixed number of type arguments, or one or more when `count` is -1. */
function parameterised(p: Parser, keyword: Token, count: number): string {
  p.consume();
  p.expect("'<'");
  const args = [comparatorType(p)];
  while (count < 0 ? p.is("','") : args.length < count) {
    p.expect("','");
    args.push(comparatorType(p));
  }
  p.expect("'>'");
  return `${p.text(keyword).toLowerCase()}<${args.join(', ')}>`;
}

/** vector<type, dimension> (Cassandra 5.0). */
function vectorType(p: Parser): string {
  p.consume();
  p.expect("'<'");
  const element = comparatorType(p);
  p.expect("','");
  const dimension = p.text(p.expect('INTEGER'));
  p.expect("'>'");
  return `vector<${element}, ${dimension}>`;
}
