import type { Cluster } from '../../cluster/index.js';
import { formatCqlType, isSystemKeyspace, type ColumnMetadata, type TableMetadata } from '../../query/index.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, BOOLEAN, INTEGER, object, STRING } from '../schemas.js';
import { uuidText } from '../uuid-text.js';

const COLUMN = object({
  name: STRING,
  type: { type: 'string', description: 'as CQL writes it: map<text, frozen<list<int>>>' },
  kind: { type: 'string', enum: ['partition_key', 'clustering', 'static', 'regular'] },
  position: { ...INTEGER, description: 'its place in the partition key or among the clustering columns (-1 otherwise)' },
  clusteringOrder: { type: 'string', enum: ['asc', 'desc', 'none'] },
}, ['name', 'type', 'kind', 'position', 'clusteringOrder']);

const TABLE = object({
  name: STRING,
  virtual: BOOLEAN,
  baseTable: { type: ['string', 'null'], description: 'for a materialized view, the table it is kept from' },
  columns: arrayOf(COLUMN, { description: 'partition key, clustering, static then regular columns, as DESCRIBE lists them' }),
}, ['name', 'virtual', 'baseTable', 'columns']);

const SCHEMA = object({
  version: { type: 'string', format: 'uuid', description: 'the schema version every node agrees on' },
  keyspaces: arrayOf(object({
    name: STRING,
    system: { ...BOOLEAN, description: "one of Cassandra's built-in keyspaces" },
    virtual: BOOLEAN,
    replication: { type: 'object', additionalProperties: STRING, description: "as system_schema.keyspaces.replication: 'class' and the factors" },
    tables: arrayOf(TABLE, { description: 'tables and materialized views, by name' }),
  }, ['name', 'system', 'virtual', 'replication', 'tables'])),
}, ['version', 'keyspaces']);

interface SchemaQuery {
  readonly system?: boolean;
}

const byName = (a: { readonly name: string }, b: { readonly name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function columnView(column: ColumnMetadata): unknown {
  return { name: column.name, type: formatCqlType(column.type), kind: column.kind, position: column.position, clusteringOrder: column.clusteringOrder };
}

function tableView(table: TableMetadata): unknown {
  const columns = [...table.partitionKey, ...table.clustering, ...table.staticColumns, ...table.regularColumns];
  return { name: table.name, virtual: table.virtual, baseTable: table.view?.baseTableName ?? null, columns: columns.map(columnView) };
}

function schemaView(cluster: Cluster, withSystem: boolean): unknown {
  const schema = cluster.schema;
  const keyspaces = [...schema.keyspaces.values()].filter((ks) => withSystem || !isSystemKeyspace(ks.name)).sort(byName);
  return {
    version: uuidText(schema.version),
    keyspaces: keyspaces.map((ks) => ({
      name: ks.name,
      system: isSystemKeyspace(ks.name),
      virtual: ks.virtual,
      replication: Object.fromEntries(ks.replication),
      tables: [...ks.tables.values()].sort(byName).map(tableView),
    })),
  };
}

/** The schema as the dashboard and scripts read it: keyspaces, their tables and views, and their columns. */
export const schemaRoutes: readonly AdminRoute[] = [
  route<unknown, SchemaQuery>({
    method: 'GET', url: '/schema', tag: 'schema', summary: 'Keyspaces, their tables and views, and their columns with CQL types',
    querystring: object({ system: { ...BOOLEAN, description: "include Cassandra's built-in keyspaces (default false)" } }),
    response: SCHEMA,
    handle: ({ cluster }, { query }) => schemaView(cluster, query.system ?? false),
  }),
];
