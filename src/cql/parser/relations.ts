/**
 * WHERE relations and IF conditions (Parser.g's whereClause, relation, columnCondition).
 */
import type { Condition, Conditions, Operator, Relation, Term } from '../ast/index.js';
import type { TokenType } from '../lexer/token.js';
import { cident, ident, identifierTuple, isIdentifier } from './identifiers.js';
import type { Parser } from './parser.js';
import { isMarkerStart, marker, term, tupleLiteral } from './terms.js';

type InValue = Relation['value'];

const RELATION_TYPES: Partial<Record<TokenType, Operator>> = {
  "'='": '=', "'<'": '<', "'<='": '<=', "'>'": '>', "'>='": '>=', "'!='": '!=',
};

function isRelationType(type: TokenType): boolean {
  return RELATION_TYPES[type] !== undefined;
}

/** relationType: = < <= > >= != */
function relationType(p: Parser): Operator {
  const operator = RELATION_TYPES[p.type()];
  if (operator === undefined) return p.noViable();
  p.consume();
  return operator;
}

/** whereClause: relation (AND relation)* */
export function whereClause(p: Parser): Relation[] {
  const relations: Relation[] = [];
  do relation(p, relations); while (p.accept('K_AND'));
  return relations;
}

function relation(p: Parser, into: Relation[]): void {
  const start = p.la();
  if (p.accept('K_TOKEN')) {
    const names = identifierTuple(p);
    into.push({ target: { kind: 'token', names }, operator: relationType(p), value: term(p) });
    return;
  }
  if (start.type === "'('") {
    // `(a, b) op ...` is a tuple relation; `(a = 1)` a parenthesised one.
    const second = p.type(3);
    if (second === "','" || second === "')'") into.push(tupleRelation(p));
    else {
      p.consume();
      p.nested(() => relation(p, into));
      p.expect("')'");
    }
    return;
  }
  if (start.type !== 'EMPTY_QUOTED_NAME' && !isIdentifier(start.type)) p.noViable();
  const next = p.la(2);
  if (!isRelationType(next.type) && !isSingleColumnOperator(next.type) && next.type !== "'['" && next.type !== 'K_IS') {
    p.noViable(next, start);
  }
  const name = cident(p);
  if (p.accept('K_IS')) {
    // `c IS NOT NULL`: only materialized views accept it (StatementRestrictions' forView).
    p.expect('K_NOT');
    p.expect('K_NULL');
    into.push({ target: { kind: 'column', name }, operator: 'IS NOT', value: { kind: 'null' } });
    return;
  }
  if (p.accept("'['")) {
    const key = term(p);
    p.expect("']'");
    into.push({ target: { kind: 'mapEntry', name, key }, operator: relationType(p), value: term(p) });
    return;
  }
  const [operator, value] = singleColumnOperation(p);
  into.push({ target: { kind: 'column', name }, operator, value });
}

function isSingleColumnOperator(type: TokenType): boolean {
  return type === 'K_IN' || type === 'K_CONTAINS' || type === 'K_LIKE';
}

/** The operator and value after a column name: relationType term | IN values | CONTAINS [KEY] term | LIKE term. */
function singleColumnOperation(p: Parser): [Operator, InValue] {
  if (p.accept('K_IN')) return ['IN', singleColumnInValues(p)];
  if (p.accept('K_CONTAINS')) return [p.accept('K_KEY') ? 'CONTAINS KEY' : 'CONTAINS', term(p)];
  if (p.accept('K_LIKE')) return ['LIKE', term(p)];
  return [relationType(p), term(p)];
}

/** `(t1, ..., tn)` or a single marker standing for the whole list. */
function singleColumnInValues(p: Parser): InValue {
  if (isMarkerStart(p.type())) return marker(p);
  if (!p.is("'('")) p.noViable();
  p.consume();
  const items: Term[] = [];
  if (!p.is("')'")) {
    items.push(term(p));
    while (p.accept("','")) items.push(term(p));
  }
  p.expect("')'");
  return { kind: 'inList', items };
}

function tupleRelation(p: Parser): Relation {
  const names = identifierTuple(p);
  const target = { kind: 'tuple', names } as const;
  if (p.accept('K_IN')) return { target, operator: 'IN', value: multiColumnInValues(p) };
  const operator = relationType(p);
  if (isMarkerStart(p.type())) return { target, operator, value: marker(p) };
  if (!p.is("'('")) p.noViable();
  return { target, operator, value: tupleLiteral(p) };
}

/** `()`, `?`, `((1, 2), (3, 4))` or `(?, ?)`. */
function multiColumnInValues(p: Parser): InValue {
  if (isMarkerStart(p.type())) return marker(p);
  const open = p.la();
  if (open.type !== "'('") p.noViable();
  p.consume();
  if (p.accept("')'")) return { kind: 'inList', items: [] };
  const tuples = p.is("'('");
  if (!tuples && !isMarkerStart(p.type())) p.noViable(p.la(), open);
  const items: Term[] = [];
  do items.push(tuples ? tupleLiteral(p) : marker(p)); while (p.accept("','"));
  p.expect("')'");
  return { kind: 'inList', items };
}

/** `IF EXISTS` or `IF c1 op v1 AND ...`, after the IF keyword. */
export function conditions(p: Parser): Conditions {
  // EXISTS is unreserved, so `IF exists = 1` is a condition on a column named exists.
  if (p.is('K_EXISTS') && !startsConditionOperator(p.type(2))) {
    p.consume();
    return { kind: 'exists' };
  }
  const list: Condition[] = [];
  do list.push(columnCondition(p)); while (p.accept('K_AND'));
  return { kind: 'columns', conditions: list };
}

function startsConditionOperator(type: TokenType): boolean {
  return isRelationType(type) || type === 'K_IN' || type === "'['" || type === "'.'";
}

function columnCondition(p: Parser): Condition {
  const column = cident(p);
  if (p.accept("'['")) {
    const element = term(p);
    p.expect("']'");
    const [operator, value] = conditionOperation(p);
    return { column, element, field: null, operator, value };
  }
  if (p.accept("'.'")) {
    const field = ident(p);
    const [operator, value] = conditionOperation(p);
    return { column, element: null, field, operator, value };
  }
  // Cassandra 4.1's columnCondition has no CONTAINS (5.0 added it).
  const [operator, value] = conditionOperation(p);
  return { column, element: null, field: null, operator, value };
}

function conditionOperation(p: Parser): [Operator, InValue] {
  if (p.accept('K_IN')) return ['IN', singleColumnInValues(p)];
  return [relationType(p), term(p)];
}
