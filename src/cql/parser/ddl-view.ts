/**
 * CREATE, ALTER and DROP MATERIALIZED VIEW (Parser.g's createMaterializedViewStatement and friends). Like
 * CreateViewStatement.Raw, the parser refuses a column ordered twice in CLUSTERING ORDER BY.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type {
  AlterViewStatement, CreateViewStatement, DropViewStatement, OptionValue, QualifiedName,
} from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { clusteringOrderBy } from './ddl-table.js';
import { ident, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { properties, property } from './properties.js';
import { whereClause } from './relations.js';
import { selectors } from './selectors.js';

export function createViewStatement(p: Parser): CreateViewStatement {
  p.expect('K_CREATE');
  p.expect('K_MATERIALIZED');
  p.expect('K_VIEW');
  const notExists = ifNotExists(p);
  const view = qualifiedName(p);
  p.expect('K_AS');
  p.expect('K_SELECT');
  const selection = selectors(p);
  p.expect('K_FROM');
  const baseTable = qualifiedName(p);
  const where = p.accept('K_WHERE') ? whereClause(p) : [];
  const key = viewPrimaryKey(p);
  const clusteringOrder: { column: string; descending: boolean }[] = [];
  const entries: (readonly [string, OptionValue])[] = [];
  if (p.accept('K_WITH')) {
    do viewProperty(p, view, clusteringOrder, entries); while (p.accept('K_AND'));
  }
  return {
    kind: 'createView', view, baseTable, ifNotExists: notExists, selection, where, ...key, clusteringOrder,
    properties: { entries }, hasBindMarkers: p.bindMarkers().length > 0,
  };
}

/** PRIMARY KEY (k, c1, c2) or PRIMARY KEY ((k1, k2), c1). */
function viewPrimaryKey(p: Parser): { partitionKey: string[]; clusteringColumns: string[] } {
  p.expect('K_PRIMARY');
  p.expect('K_KEY');
  p.expect("'('");
  const partitionKey: string[] = [];
  if (p.accept("'('")) {
    do partitionKey.push(ident(p)); while (p.accept("','"));
    p.expect("')'");
  } else {
    partitionKey.push(ident(p));
  }
  const clusteringColumns: string[] = [];
  while (p.accept("','")) clusteringColumns.push(ident(p));
  p.expect("')'");
  return { partitionKey, clusteringColumns };
}

function viewProperty(
  p: Parser, view: QualifiedName, order: { column: string; descending: boolean }[], entries: (readonly [string, OptionValue])[],
): void {
  if (p.is('K_COMPACT') && p.is('K_STORAGE', 2)) {
    p.recognitionError('COMPACT STORAGE tables are not allowed starting with version 4.0');
  }
  if (!(p.is('K_CLUSTERING') && p.is('K_ORDER', 2))) {
    property(p, entries);
    return;
  }
  clusteringOrderBy(p, (column, descending) => {
    if (order.some((o) => o.column === column)) {
      const name = view.keyspace === null ? view.name : `${view.keyspace}.${view.name}`;
      throw new InvalidRequestError(`Duplicate column '${column}' in CLUSTERING ORDER BY clause for view '${name}'`);
    }
    order.push({ column, descending });
  });
}

export function alterViewStatement(p: Parser): AlterViewStatement {
  p.expect('K_ALTER');
  p.expect('K_MATERIALIZED');
  p.expect('K_VIEW');
  const exists = ifExists(p);
  const view = qualifiedName(p);
  p.expect('K_WITH');
  return { kind: 'alterView', view, ifExists: exists, properties: properties(p) };
}

export function dropViewStatement(p: Parser): DropViewStatement {
  p.expect('K_DROP');
  p.expect('K_MATERIALIZED');
  p.expect('K_VIEW');
  const exists = ifExists(p);
  return { kind: 'dropView', view: qualifiedName(p), ifExists: exists };
}
