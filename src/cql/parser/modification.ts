/**
 * INSERT, UPDATE, DELETE and BATCH (Parser.g's insertStatement ... batchStatement).
 */
import type {
  BatchStatement, Conditions, DeleteStatement, Deletion, InsertStatement, ModificationStatement, Term,
  UpdateStatement, UsingClause,
} from '../ast/index.js';
import { assignments } from './assignments.js';
import { ifNotExists } from './existence.js';
import { FOLLOW_DELETION } from './follow-sets.js';
import { cident, ident, isIdentifier, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { conditions, whereClause } from './relations.js';
import { intValue, marker, term } from './terms.js';

const NO_USING: UsingClause = { ttl: null, timestamp: null };

/** usingClause: USING TTL x AND TIMESTAMP y, in either order. */
function usingClause(p: Parser): UsingClause {
  if (!p.accept('K_USING')) return NO_USING;
  let ttl: Term | null = null;
  let timestamp: Term | null = null;
  do {
    if (p.accept('K_TIMESTAMP')) timestamp = intValue(p);
    else if (p.accept('K_TTL')) ttl = intValue(p);
    else p.noViable();
  } while (p.accept('K_AND'));
  return { ttl, timestamp };
}

function optionalConditions(p: Parser): Conditions {
  return p.accept('K_IF') ? conditions(p) : { kind: 'none' };
}

export function insertStatement(p: Parser): InsertStatement {
  p.expect('K_INSERT');
  p.expect('K_INTO');
  const table = qualifiedName(p);
  if (p.accept('K_JSON')) return jsonInsert(p, table);
  if (!p.is("'('")) p.noViable();
  p.consume();
  const columns = [cident(p)];
  while (p.accept("','")) columns.push(cident(p));
  p.expect("')'");
  p.expect('K_VALUES');
  p.expect("'('");
  const values = [term(p)];
  while (p.accept("','")) values.push(term(p));
  p.expect("')'");
  const notExists = ifNotExists(p);
  return {
    kind: 'insert', table, columns, values, json: null, jsonDefaultUnset: false, ifNotExists: notExists,
    using: usingClause(p),
  };
}

function jsonInsert(p: Parser, table: InsertStatement['table']): InsertStatement {
  const token = p.la();
  let json: Term;
  if (token.type === 'STRING_LITERAL') json = { kind: 'constant', value: { kind: 'string', value: p.text(p.consume()) } };
  else if (token.type === 'QMARK' || token.type === "':'") json = marker(p);
  else return p.noViable();
  let jsonDefaultUnset = false;
  if (p.accept('K_DEFAULT')) {
    if (p.accept('K_UNSET')) jsonDefaultUnset = true;
    else if (!p.accept('K_NULL')) p.noViable();
  }
  const notExists = ifNotExists(p);
  return {
    kind: 'insert', table, columns: [], values: null, json, jsonDefaultUnset, ifNotExists: notExists,
    using: usingClause(p),
  };
}

export function updateStatement(p: Parser): UpdateStatement {
  p.expect('K_UPDATE');
  const table = qualifiedName(p);
  const using = usingClause(p);
  p.expect('K_SET');
  const sets = assignments(p);
  p.expect('K_WHERE');
  const where = whereClause(p);
  return { kind: 'update', table, using, assignments: sets, where, conditions: optionalConditions(p) };
}

export function deleteStatement(p: Parser): DeleteStatement {
  p.expect('K_DELETE');
  const columns: Deletion[] = [];
  if (!p.is('K_FROM')) {
    do columns.push(deletion(p)); while (p.accept("','"));
  }
  p.expect('K_FROM');
  const table = qualifiedName(p);
  let timestamp: Term | null = null;
  if (p.accept('K_USING')) {
    p.expect('K_TIMESTAMP');
    timestamp = intValue(p);
  }
  p.expect('K_WHERE');
  const where = whereClause(p);
  return { kind: 'delete', table, columns, timestamp, where, conditions: optionalConditions(p) };
}

/** deleteOp: `c`, `c[k]` or `c.f`. */
function deletion(p: Parser): Deletion {
  const first = p.la();
  if (first.type !== 'EMPTY_QUOTED_NAME' && !isIdentifier(first.type)) p.noViable();
  const next = p.la(2);
  if (next.type !== "'['" && next.type !== "'.'" && !FOLLOW_DELETION.has(next.type)) p.noViable(next, first);
  const column = cident(p);
  if (p.accept("'['")) {
    const element = term(p);
    p.expect("']'");
    return { column, element, field: null };
  }
  if (p.accept("'.'")) return { column, element: null, field: ident(p) };
  return { column, element: null, field: null };
}

export function batchStatement(p: Parser): BatchStatement {
  p.expect('K_BEGIN');
  let type: BatchStatement['type'] = 'LOGGED';
  if (p.accept('K_UNLOGGED')) type = 'UNLOGGED';
  else if (p.accept('K_COUNTER')) type = 'COUNTER';
  p.expect('K_BATCH');
  const using = usingClause(p);
  const statements: ModificationStatement[] = [];
  for (;;) {
    const next = p.type();
    if (next === 'K_INSERT') statements.push(insertStatement(p));
    else if (next === 'K_UPDATE') statements.push(updateStatement(p));
    else if (next === 'K_DELETE') statements.push(deleteStatement(p));
    else break;
    p.accept("';'");
  }
  p.expect('K_APPLY');
  p.expect('K_BATCH');
  return { kind: 'batch', type, using, statements };
}
