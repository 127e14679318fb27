import { InvalidRequestError } from '../../../errors/index.js';
import { rebuildTable, type Schema, type TableMetadata } from '../../../schema/index.js';

/**
 * What schema statements on a base table check of its materialized views, and how a change to the base
 * carries over to them, as Cassandra 4.1's DropTableStatement and AlterTableStatement do.
 */

/** DROP TABLE: not on a view, nor on a table views depend on (the message names the keyspace, as 4.1's does). */
export function checkNoViews(schema: Schema, table: TableMetadata): void {
  if (table.view !== undefined) {
    throw new InvalidRequestError('Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.');
  }
  if (schema.viewsOf(table.keyspace, table.name).length > 0) {
    throw new InvalidRequestError(`Cannot drop a table when materialized views still depend on it (${table.keyspace})`);
  }
}

/** ALTER TABLE on a view is refused. */
export function checkNotView(table: TableMetadata): void {
  if (table.view !== undefined) {
    throw new InvalidRequestError('Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead');
  }
}

/**
 * The views of `before` after it became `after` through ALTER TABLE: dropping a column is refused while it
 * has views; gc_grace_seconds may not become 0; new regular columns join the views that select every column;
 * renamed primary key columns are renamed in the views too (their WHERE clause as well).
 */
export function viewsAfterAlter(schema: Schema, before: TableMetadata, after: TableMetadata, droppedNames: readonly string[]): TableMetadata[] {
  const views = schema.viewsOf(before.keyspace, before.name);
  if (views.length === 0) return [];
  const dropped = droppedNames.find((n) => before.columns.has(n) && !after.columns.has(n));
  if (dropped !== undefined) throw new InvalidRequestError(`Cannot drop column ${dropped} on base table ${before.name} with materialized views`);
  if (after.options.gcGraceSeconds === 0 && before.options.gcGraceSeconds !== 0) {
    throw new InvalidRequestError('Cannot alter gc_grace_seconds of the base table of a materialized view to 0, since this value is used to TTL '
      + 'undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.');
  }
  const added = after.regularColumns.filter((c) => !before.columns.has(c.name));
  const renames = renamedKeyColumns(before, after);
  return views.map((view) => {
    let updated = view;
    if (added.length > 0 && view.view!.includeAllColumns) {
      updated = rebuildTable(updated, {
        regularColumns: [...updated.regularColumns, ...added].map((c) => ({ name: c.name, type: c.type })),
      });
    }
    if (renames.size > 0) updated = renameInView(updated, renames);
    return updated;
  });
}

function renamedKeyColumns(before: TableMetadata, after: TableMetadata): Map<string, string> {
  const renames = new Map<string, string>();
  const pairs = [
    ...before.partitionKey.map((c, i) => [c.name, after.partitionKey[i]!.name] as const),
    ...before.clustering.map((c, i) => [c.name, after.clustering[i]!.name] as const),
  ];
  for (const [from, to] of pairs) if (from !== to) renames.set(from, to);
  return renames;
}

function renameInView(view: TableMetadata, renames: ReadonlyMap<string, string>): TableMetadata {
  const rename = <C extends { name: string }>(c: C): C => ({ ...c, name: renames.get(c.name) ?? c.name });
  const plain = (c: TableMetadata['partitionKey'][number]) => ({ name: c.name, type: c.type });
  const definition = view.view!;
  let whereClause = definition.whereClause;
  for (const [from, to] of renames) whereClause = renameInWhere(whereClause, from, to);
  return rebuildTable(view, {
    partitionKey: view.partitionKey.map(plain).map(rename),
    clustering: view.clustering.map((c) => ({ ...plain(c), order: c.clusteringOrder === 'desc' ? 'desc' as const : 'asc' as const })).map(rename),
    regularColumns: view.regularColumns.map(plain).map(rename),
    view: {
      ...definition,
      whereClause,
      filter: definition.filter.map((r) => ({ ...r, column: renames.get(r.column) ?? r.column })),
    },
  });
}

/** Renames a column where the WHERE clause names it (as an identifier, quoted or not), not inside literals. */
function renameInWhere(where: string, from: string, to: string): string {
  const quote = (n: string) => (/^[a-z][a-z0-9_]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);
  return where.split(' AND ').map((relation) => {
    const name = quote(from);
    return relation.startsWith(`${name} `) ? `${quote(to)}${relation.slice(name.length)}` : relation;
  }).join(' AND ');
}
