/**
 * SELECT (Parser.g's selectStatement).
 */
import type { SelectClause, SelectStatement, Term } from '../ast/index.js';
import { cident, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { whereClause } from './relations.js';
import { selectors } from './selectors.js';
import { intValue } from './terms.js';

export function selectStatement(p: Parser): SelectStatement {
  p.expect('K_SELECT');
  // json and distinct are unreserved: they are modifiers only if a selection can follow them.
  const json = p.is('K_JSON') && p.lookahead(() => {
    p.consume();
    selectClause(p);
  });
  if (json) p.consume();
  const { distinct, selection } = selectClause(p);
  p.expect('K_FROM');
  const table = qualifiedName(p);
  const where = p.accept('K_WHERE') ? whereClause(p) : [];
  const groupBy: string[] = [];
  if (p.accept('K_GROUP')) {
    p.expect('K_BY');
    do groupBy.push(cident(p)); while (p.accept("','"));
  }
  const orderBy: { column: string; descending: boolean }[] = [];
  if (p.accept('K_ORDER')) {
    p.expect('K_BY');
    do orderBy.push(ordering(p)); while (p.accept("','"));
  }
  let perPartitionLimit: Term | null = null;
  if (p.accept('K_PER')) {
    p.expect('K_PARTITION');
    p.expect('K_LIMIT');
    perPartitionLimit = intValue(p);
  }
  const limit = p.accept('K_LIMIT') ? intValue(p) : null;
  let allowFiltering = false;
  if (p.accept('K_ALLOW')) {
    p.expect('K_FILTERING');
    allowFiltering = true;
  }
  return { kind: 'select', table, json, distinct, selection, where, groupBy, orderBy, perPartitionLimit, limit, allowFiltering };
}

function selectClause(p: Parser): { distinct: boolean; selection: SelectClause[] | null } {
  const distinct = p.is('K_DISTINCT') && p.lookahead(() => {
    p.consume();
    selectors(p);
  });
  if (distinct) p.consume();
  return { distinct, selection: selectors(p) };
}

function ordering(p: Parser): { column: string; descending: boolean } {
  const column = cident(p);
  if (p.accept('K_DESC')) return { column, descending: true };
  p.accept('K_ASC');
  return { column, descending: false };
}
