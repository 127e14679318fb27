/**
 * SELECT selectors (Parser.g's selector ... selectionFunction). Arithmetic and negation become calls
 * to `_add`, `_substract`, `_multiply`, `_divide`, `_modulo` and `_negate`, as in Cassandra; literals
 * and bind markers become `term` selectors. Collection and tuple literals, and type hints, are kept
 * only when everything inside is a term, which is all the AST can express.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { SelectClause, Selector, Term } from '../ast/index.js';
import { functionName, ident, isFunctionName, isIdentifier, startsFunctionCall } from './identifiers.js';
import { FOLLOW_SELECTOR_NAME } from './follow-sets.js';
import type { TokenType } from '../lexer/token.js';
import type { Parser } from './parser.js';
import { OPERATOR_FUNCTIONS, constantOf, type ArithmeticOperator, isMarkerStart, marker, startsSimpleTerm, term } from './terms.js';
import { comparatorType, nativeType, startsComparatorType } from './types.js';

/** selectors: `*` (null) or a list of possibly aliased selectors. */
export function selectors(p: Parser): SelectClause[] | null {
  if (p.accept("'*'")) return null;
  const clauses: SelectClause[] = [];
  do {
    const selector = unaliasedSelector(p);
    clauses.push({ selector, alias: p.accept('K_AS') ? ident(p) : null });
  } while (p.accept("','"));
  return clauses;
}

/** unaliasedSelector: selectionAddition. */
function unaliasedSelector(p: Parser): Selector {
  return leftDeep(p, selectionMultiplication, (type) => type === "'+'" || type === "'-'");
}

function selectionMultiplication(p: Parser): Selector {
  return leftDeep(p, selectionGroup, (type) => type === "'*'" || type === "'/'" || type === "'%'");
}

/** Operands joined by operators, each of which nests the selectors before it one level deeper. */
function leftDeep(p: Parser, operand: (p: Parser) => Selector, isOperator: (type: TokenType) => type is ArithmeticOperator): Selector {
  let left = operand(p);
  let operators = 0;
  try {
    for (let type = p.type(); isOperator(type); type = p.type()) {
      p.deepen(1);
      operators++;
      p.consume();
      left = { kind: 'function', name: OPERATOR_FUNCTIONS[type], args: [left, operand(p)] };
    }
    return left;
  } finally {
    p.shallow(operators);
  }
}

function selectionGroup(p: Parser): Selector {
  if (p.accept("'-'")) return p.nested(() => ({ kind: 'function', name: '_negate', args: [selectionGroup(p)] }));
  return selectorModifiers(p, selectionGroupWithoutField(p));
}

/** Field access `.f` and element or slice access `[k]`, `[a..b]`, `[..b]`, `[a..]`; each nests a level. */
function selectorModifiers(p: Parser, receiver: Selector): Selector {
  let modifiers = 0;
  try {
    for (;;) {
      if (p.is("'.'") || p.is("'['")) {
        p.deepen(1);
        modifiers++;
      }
      if (p.accept("'.'")) {
        receiver = { kind: 'field', selector: receiver, field: ident(p) };
      } else if (p.accept("'['")) {
        receiver = collectionSubSelection(p, receiver);
        p.expect("']'");
      } else {
        return receiver;
      }
    }
  } finally {
    p.shallow(modifiers);
  }
}

/** Inside `[...]`: an element `k`, or a slice `a..b`, `..b` or `a..`. */
function collectionSubSelection(p: Parser, receiver: Selector): Selector {
  if (p.accept('RANGE')) return { kind: 'slice', selector: receiver, from: null, to: term(p) };
  const from = term(p);
  if (!p.accept('RANGE')) return { kind: 'element', selector: receiver, key: from };
  return { kind: 'slice', selector: receiver, from, to: p.is("']'") ? null : term(p) };
}

/** One level of nesting: a parenthesised, collection or function selector opens the next. */
function selectionGroupWithoutField(p: Parser): Selector {
  return p.nested(() => selectionGroupAtLevel(p));
}

function selectionGroupAtLevel(p: Parser): Selector {
  switch (p.type()) {
    case "'('": return typeHintOrTuple(p);
    case "'['": return termLiteral(listOf(p, "'['", "']'"), 'list');
    case "'{'": return mapOrSet(p);
    default: return simpleUnaliasedSelector(p);
  }
}

function simpleUnaliasedSelector(p: Parser): Selector {
  const token = p.la();
  const constant = constantOf(p, token);
  if (constant !== null) {
    p.consume();
    return { kind: 'term', term: { kind: 'constant', value: constant } };
  }
  if (token.type === 'K_NULL') {
    p.consume();
    return { kind: 'term', term: { kind: 'null' } };
  }
  if (isMarkerStart(token.type)) return { kind: 'term', term: marker(p) };
  if (!isIdentifier(token.type) && !isFunctionName(token.type)) p.noViable();
  if (p.is("'('", 2)) {
    switch (token.type) {
      case 'K_COUNT':
        if (p.is("'*'", 3)) return countStar(p);
        break;
      case 'K_WRITETIME': return writetimeOrTtl(p, 'writetime');
      case 'K_MAXWRITETIME': return writetimeOrTtl(p, 'maxwritetime');
      case 'K_TTL': return writetimeOrTtl(p, 'ttl');
      case 'K_CAST': return cast(p);
      default: break;
    }
  }
  if (startsFunctionCall(p)) return functionSelector(p);
  if (!isIdentifier(token.type) || !FOLLOW_SELECTOR_NAME.has(p.type(2))) p.noViable(p.la(2), token);
  return { kind: 'column', name: ident(p) };
}

function countStar(p: Parser): Selector {
  p.consume();
  p.expect("'('");
  p.expect("'*'");
  p.expect("')'");
  return { kind: 'countStar' };
}

function writetimeOrTtl(p: Parser, kind: 'writetime' | 'maxwritetime' | 'ttl'): Selector {
  p.consume();
  p.expect("'('");
  const column = ident(p);
  p.expect("')'");
  return { kind, column };
}

function cast(p: Parser): Selector {
  p.consume();
  p.expect("'('");
  const selector = unaliasedSelector(p);
  p.expect('K_AS');
  const type = nativeType(p);
  p.expect("')'");
  return { kind: 'cast', selector, type };
}

/** A function call; count(1) counts rows exactly like count(*). */
function functionSelector(p: Parser): Selector {
  const name = functionName(p);
  const args = listOf(p, "'('", "')'");
  const only = args.length === 1 ? args[0] : undefined;
  if (name === 'count' && only?.kind === 'term' && only.term.kind === 'constant'
    && only.term.value.kind === 'integer' && only.term.value.text === '1') return { kind: 'countStar' };
  return { kind: 'function', name, args };
}

function listOf(p: Parser, open: "'('" | "'['", close: "')'" | "']'"): Selector[] {
  p.expect(open);
  const items: Selector[] = [];
  if (!p.is(close)) {
    items.push(unaliasedSelector(p));
    while (p.accept("','")) items.push(unaliasedSelector(p));
  }
  p.expect(close);
  return items;
}

/** `(type) selector` is a type hint; otherwise parentheses group one selector or build a tuple. */
function typeHintOrTuple(p: Parser): Selector {
  const type = !startsComparatorType(p.type(2)) ? null : p.attempt(() => {
    p.expect("'('");
    const hinted = comparatorType(p);
    p.expect("')'");
    return startsSimpleTerm(p) || isIdentifier(p.type()) ? hinted : p.noViable();
  });
  if (type !== null) {
    const hinted = selectionGroupWithoutField(p);
    if (hinted.kind !== 'term') return { kind: 'typeHint', type, selector: hinted };
    return { kind: 'term', term: { kind: 'cast', type, term: hinted.term } };
  }
  const items = listOf(p, "'('", "')'");
  const only = items.length === 1 ? items[0] : undefined;
  // One selector between parentheses keeps them in its name (Selectable.BetweenParenthesesOrWithTuple).
  if (only === undefined || only.kind === 'term') return termLiteral(items, 'tuple');
  return { kind: 'parenthesized', selector: only };
}

function mapOrSet(p: Parser): Selector {
  p.expect("'{'");
  if (p.accept("'}'")) return { kind: 'term', term: { kind: 'set', items: [] } };
  const first = unaliasedSelector(p);
  if (!p.accept("':'")) {
    const items = [first];
    while (p.accept("','")) items.push(unaliasedSelector(p));
    p.expect("'}'");
    return termLiteral(items, 'set');
  }
  const entries: [Selector, Selector][] = [[first, unaliasedSelector(p)]];
  while (p.accept("','")) {
    const key = unaliasedSelector(p);
    p.expect("':'");
    entries.push([key, unaliasedSelector(p)]);
  }
  p.expect("'}'");
  // Keys that read as column names make a UDT literal, as Cassandra's WithMapOrUdt decides.
  if (entries.every(([key]) => key.kind === 'column')) {
    const fields = entries.map(([key, value]) => [key.kind === 'column' ? key.name : '', termOf(value)] as const);
    return { kind: 'term', term: { kind: 'udt', fields } };
  }
  return { kind: 'term', term: { kind: 'map', entries: entries.map(([k, v]) => [termOf(k), termOf(v)] as const) } };
}

function termLiteral(items: Selector[], kind: 'list' | 'set' | 'tuple'): Selector {
  return { kind: 'term', term: { kind, items: items.map(termOf) } };
}

function termOf(selector: Selector): Term {
  if (selector.kind !== 'term') {
    throw unsupported('Collection and tuple literals in selections may only contain literals and bind markers');
  }
  return selector.term;
}

/** Selections Cassandra accepts but the AST cannot express: a deliberate, documented difference. */
function unsupported(message: string): InvalidRequestError {
  return new InvalidRequestError(`${message} in Cassanova`);
}
