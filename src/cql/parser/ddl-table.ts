/**
 * CREATE TABLE and DROP TABLE. Like Cassandra's CreateTableStatement.Raw, the parser itself rejects
 * duplicate columns, a second PRIMARY KEY and a column ordered twice (as invalid requests).
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { ColumnDefinition, CreateTableStatement, DropTableStatement, OptionValue, QualifiedName } from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { ident, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { property } from './properties.js';
import { comparatorType } from './types.js';

/** How Cassandra prints a QualifiedName in messages. */
function nameText(name: QualifiedName): string {
  return name.keyspace === null ? name.name : `${name.keyspace}.${name.name}`;
}

/** A column definition in CREATE TABLE or ALTER TABLE ADD: `name type [STATIC]`. */
export function columnDefinition(p: Parser): ColumnDefinition {
  const name = ident(p);
  const type = comparatorType(p);
  return { name, type, isStatic: p.accept('K_STATIC'), isPrimaryKey: false };
}

class TableBuilder {
  readonly columns: ColumnDefinition[] = [];
  partitionKey: readonly string[] | null = null;
  readonly clusteringColumns: string[] = [];
  readonly clusteringOrder: { column: string; descending: boolean }[] = [];
  compactStorage = false;
  readonly properties: (readonly [string, OptionValue])[] = [];

  constructor(readonly table: QualifiedName) {}

  addColumn(column: ColumnDefinition): void {
    if (this.columns.some((c) => c.name === column.name)) {
      throw new InvalidRequestError(`Duplicate column '${column.name}' declaration for table '${nameText(this.table)}'`);
    }
    this.columns.push(column);
  }

  setPartitionKey(columns: readonly string[]): void {
    if (this.partitionKey !== null) {
      throw new InvalidRequestError(`Multiple PRIMARY KEY specified for table '${nameText(this.table)}' (exactly one required)`);
    }
    this.partitionKey = columns;
  }

  extendClusteringOrder(column: string, descending: boolean): void {
    if (this.clusteringOrder.some((o) => o.column === column)) {
      throw new InvalidRequestError(`Duplicate column '${column}' in CLUSTERING ORDER BY clause for table '${nameText(this.table)}'`);
    }
    this.clusteringOrder.push({ column, descending });
  }
}

export function createTableStatement(p: Parser): CreateTableStatement {
  p.expect('K_CREATE');
  p.expect('K_COLUMNFAMILY');
  const notExists = ifNotExists(p);
  const table = new TableBuilder(qualifiedName(p));
  p.expect("'('");
  tableColumns(p, table);
  while (p.accept("','")) {
    if (!p.is("')'")) tableColumns(p, table);
  }
  p.expect("')'");
  if (p.accept('K_WITH')) {
    do tableProperty(p, table); while (p.accept('K_AND'));
  }
  return {
    kind: 'createTable', table: table.table, ifNotExists: notExists, columns: table.columns,
    partitionKey: table.partitionKey ?? [], clusteringColumns: table.clusteringColumns,
    clusteringOrder: table.clusteringOrder, compactStorage: table.compactStorage,
    properties: { entries: table.properties },
  };
}

/** A column definition, possibly `PRIMARY KEY` inline, or the `PRIMARY KEY ((a, b), c)` clause. */
function tableColumns(p: Parser, table: TableBuilder): void {
  if (p.accept('K_PRIMARY')) {
    p.expect('K_KEY');
    p.expect("'('");
    if (p.accept("'('")) {
      const partitionKey = [ident(p)];
      while (p.accept("','")) partitionKey.push(ident(p));
      p.expect("')'");
      table.setPartitionKey(partitionKey);
    } else {
      table.setPartitionKey([ident(p)]);
    }
    while (p.accept("','")) table.clusteringColumns.push(ident(p));
    p.expect("')'");
    return;
  }
  const column = columnDefinition(p);
  const isPrimaryKey = p.accept('K_PRIMARY');
  table.addColumn(isPrimaryKey ? { ...column, isPrimaryKey } : column);
  if (isPrimaryKey) {
    p.expect('K_KEY');
    table.setPartitionKey([column.name]);
  }
}

/** CLUSTERING ORDER BY (c1 ASC, c2 DESC) of a table or a view: each column's direction is required. */
export function clusteringOrderBy(p: Parser, add: (column: string, descending: boolean) => void): void {
  p.expect('K_CLUSTERING');
  p.expect('K_ORDER');
  p.expect('K_BY');
  p.expect("'('");
  do {
    const column = ident(p);
    if (p.accept('K_DESC')) add(column, true);
    else if (p.accept('K_ASC')) add(column, false);
    else p.noViable();
  } while (p.accept("','"));
  p.expect("')'");
}

function tableProperty(p: Parser, table: TableBuilder): void {
  if (p.is('K_COMPACT') && p.is('K_STORAGE', 2)) {
    p.consume();
    p.consume();
    table.compactStorage = true;
  } else if (p.is('K_CLUSTERING') && p.is('K_ORDER', 2)) {
    clusteringOrderBy(p, (column, descending) => table.extendClusteringOrder(column, descending));
  } else {
    property(p, table.properties);
  }
}

export function dropTableStatement(p: Parser): DropTableStatement {
  p.expect('K_DROP');
  p.expect('K_COLUMNFAMILY');
  const exists = ifExists(p);
  return { kind: 'dropTable', table: qualifiedName(p), ifExists: exists };
}
