/**
 * Terms: constants, bind markers, collection/tuple/UDT literals, function calls, type hints, casts
 * and arithmetic (Parser.g's term, value, constant, marker). Arithmetic and CAST become calls to the
 * native functions Cassandra uses for them: `_add`, `_substract`, `_multiply`, `_divide`, `_modulo`,
 * `_negate`, and `castAs<Type>` (e.g. castAsInt).
 */
import type { BindMarker, Constant, Term } from '../ast/index.js';
import type { Token, TokenType } from '../lexer/token.js';
import { functionCallMismatch, functionName, ident, isIdentifier, startsFunctionCall } from './identifiers.js';
import { FOLLOW_TERM } from './follow-sets.js';
import type { Parser } from './parser.js';
import { comparatorType, nativeType, startsComparatorType } from './types.js';

export type ArithmeticOperator = "'+'" | "'-'" | "'*'" | "'/'" | "'%'";

/** The native functions Cassandra's grammar turns arithmetic operators into. */
export const OPERATOR_FUNCTIONS: Readonly<Record<ArithmeticOperator, string>> = {
  "'+'": '_add', "'-'": '_substract', "'*'": '_multiply', "'/'": '_divide', "'%'": '_modulo',
};

/** The constant a token stands for, or null if it is not a constant token. */
export function constantOf(p: Parser, token: Token): Constant | null {
  switch (token.type) {
    case 'STRING_LITERAL': return { kind: 'string', value: p.text(token) };
    case 'INTEGER': return { kind: 'integer', text: p.text(token) };
    case 'FLOAT': return { kind: 'float', text: p.text(token) };
    case 'BOOLEAN': return { kind: 'boolean', value: p.text(token).toLowerCase() === 'true' };
    case 'DURATION': return { kind: 'duration', text: p.text(token) };
    case 'UUID': return { kind: 'uuid', text: p.text(token) };
    case 'HEXNUMBER': return { kind: 'hex', text: p.text(token).slice(2) };
    case 'K_POSITIVE_NAN': case 'K_NEGATIVE_NAN': return { kind: 'float', text: 'NaN' };
    case 'K_POSITIVE_INFINITY': return { kind: 'float', text: 'Infinity' };
    case 'K_NEGATIVE_INFINITY': return { kind: 'float', text: '-Infinity' };
    default: return null;
  }
}

function isConstant(type: TokenType): boolean {
  switch (type) {
    case 'STRING_LITERAL': case 'INTEGER': case 'FLOAT': case 'BOOLEAN': case 'DURATION': case 'UUID':
    case 'HEXNUMBER': case 'K_POSITIVE_NAN': case 'K_NEGATIVE_NAN': case 'K_POSITIVE_INFINITY':
    case 'K_NEGATIVE_INFINITY':
      return true;
    default:
      return false;
  }
}

export function isMarkerStart(type: TokenType): boolean {
  return type === 'QMARK' || type === "':'";
}

/** marker: `?` or `:name`. */
export function marker(p: Parser): BindMarker {
  if (p.accept('QMARK')) return p.bindMarker(null);
  p.expect("':'");
  return p.bindMarker(ident(p));
}

/** intValue: an integer literal or a bind marker (LIMIT, TTL, TIMESTAMP). */
export function intValue(p: Parser): Term {
  const token = p.la();
  if (token.type === 'INTEGER') return { kind: 'constant', value: { kind: 'integer', text: p.text(p.consume()) } };
  if (isMarkerStart(token.type)) return marker(p);
  return p.noViable();
}

/** Whether a simpleTerm (a term without leading sign or operators) starts at the k-th token. */
export function startsSimpleTerm(p: Parser, k = 1): boolean {
  const type = p.type(k);
  switch (type) {
    case "'['": case "'{'": case "'('": case 'K_NULL': case 'QMARK': case "':'": return true;
    case 'K_CAST': return p.is("'('", k + 1);
    default: return isConstant(type) || startsFunctionCall(p, k);
  }
}

/** term: arithmetic over simple terms. Each operator nests the terms before it one level deeper. */
export function term(p: Parser): Term {
  let left = termMultiplication(p);
  let operators = 0;
  try {
    for (;;) {
      const type = p.type();
      // In `c = [1] + c` the '+' is not arithmetic: it goes on only if a term follows.
      const more = type === "'-'" || (type === "'+'" && (startsSimpleTerm(p, 2) || p.is("'-'", 2)));
      if (!more) {
        if (!FOLLOW_TERM.has(type)) p.noViable();
        return left;
      }
      p.deepen(1);
      operators++;
      p.consume();
      left = call(OPERATOR_FUNCTIONS[type], [left, termMultiplication(p)]);
    }
  } finally {
    p.shallow(operators);
  }
}

function termMultiplication(p: Parser): Term {
  let left = termGroup(p);
  let operators = 0;
  try {
    for (;;) {
      const type = p.type();
      if (type !== "'*'" && type !== "'/'" && type !== "'%'") return left;
      p.deepen(1);
      operators++;
      p.consume();
      left = call(OPERATOR_FUNCTIONS[type], [left, termGroup(p)]);
    }
  } finally {
    p.shallow(operators);
  }
}

function termGroup(p: Parser): Term {
  if (p.accept("'-'")) return call('_negate', [simpleTerm(p)]);
  return simpleTerm(p);
}

/** The native function Cassandra's grammar turns CAST(x AS type) into, named as its messages show it. */
function castFunctionName(type: string): string {
  return `system.castAs${type.charAt(0).toUpperCase()}${type.slice(1)}`;
}

function call(name: string, args: Term[]): Term {
  return { kind: 'function', name, args };
}

/** simpleTerm: a value, a function call, a type hint `(type) term` or `CAST(term AS type)`; one level of nesting. */
function simpleTerm(p: Parser): Term {
  return p.nested(() => simpleTermAtLevel(p));
}

function simpleTermAtLevel(p: Parser): Term {
  const token = p.la();
  const constant = constantOf(p, token);
  if (constant !== null) {
    p.consume();
    return { kind: 'constant', value: constant };
  }
  switch (token.type) {
    case 'K_NULL': p.consume(); return { kind: 'null' };
    case 'QMARK': case "':'": return marker(p);
    case "'['": return listLiteral(p);
    case "'{'": return braceLiteral(p);
    case "'('": return typeHintOrTuple(p);
    case 'K_CAST': if (p.is("'('", 2)) return castCall(p); break;
    default: break;
  }
  const mismatch = functionCallMismatch(p);
  return mismatch === null ? functionCall(p) : p.noViable(mismatch, token);
}

/** functionName '(' args ')'. */
function functionCall(p: Parser): Term {
  const name = functionName(p);
  p.expect("'('");
  const args: Term[] = [];
  if (!p.is("')'")) {
    args.push(term(p));
    while (p.accept("','")) args.push(term(p));
  }
  p.expect("')'");
  return { kind: 'function', name, args };
}

/** CAST(term AS type) is a call to Cassandra's castAs<Type> function. */
function castCall(p: Parser): Term {
  p.expect('K_CAST');
  p.expect("'('");
  const arg = simpleTerm(p);
  p.expect('K_AS');
  const type = nativeType(p);
  p.expect("')'");
  return call(castFunctionName(type), [arg]);
}

function typeHintOrTuple(p: Parser): Term {
  if (!startsComparatorType(p.type(2))) return tupleLiteral(p);
  const type = p.attempt(() => {
    p.expect("'('");
    const hinted = comparatorType(p);
    p.expect("')'");
    return startsSimpleTerm(p) ? hinted : p.noViable();
  });
  if (type !== null) return { kind: 'cast', type, term: simpleTerm(p) };
  return tupleLiteral(p);
}

/** tupleLiteral: `(t1, ..., tn)`. */
export function tupleLiteral(p: Parser): Term {
  p.expect("'('");
  const items = [term(p)];
  while (p.accept("','")) items.push(term(p));
  p.expect("')'");
  return { kind: 'tuple', items };
}

function listLiteral(p: Parser): Term {
  p.expect("'['");
  const items: Term[] = [];
  if (!p.is("']'")) {
    items.push(term(p));
    while (p.accept("','")) items.push(term(p));
  }
  p.expect("']'");
  return { kind: 'list', items };
}

/** `{}` (an empty set, map or UDT), `{a, b}`, `{k: v}`, or `{field: v}` when keys are plain names. */
function braceLiteral(p: Parser): Term {
  p.expect("'{'");
  if (p.accept("'}'")) return { kind: 'set', items: [] };
  if (isIdentifier(p.type()) && p.is("':'", 2)) return userTypeLiteral(p);
  const first = term(p);
  if (p.accept("':'")) {
    const entries: (readonly [Term, Term])[] = [[first, term(p)]];
    while (p.accept("','")) {
      const key = term(p);
      p.expect("':'");
      entries.push([key, term(p)]);
    }
    p.expect("'}'");
    return { kind: 'map', entries };
  }
  const items = [first];
  while (p.accept("','")) items.push(term(p));
  p.expect("'}'");
  return { kind: 'set', items };
}

function userTypeLiteral(p: Parser): Term {
  const fields: (readonly [string, Term])[] = [];
  do {
    const field = ident(p);
    p.expect("':'");
    fields.push([field, term(p)]);
  } while (p.accept("','"));
  p.expect("'}'");
  return { kind: 'udt', fields };
}
