import { partitionKeyFromLiterals } from '../../query/index.js';
import { notFound } from '../admin-error.js';
import { observerOf } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, NODE_ID, object, STRING, TOKEN } from '../schemas.js';

interface ReplicasQuery {
  readonly keyspace: string;
  readonly table: string;
  readonly key: string;
}

const REPLICAS = object({
  keyspace: STRING,
  table: STRING,
  key: STRING,
  token: TOKEN,
  replicas: arrayOf(object({ id: NODE_ID, address: STRING, endpoint: STRING, dataCenter: STRING, rack: STRING }, ['id', 'address', 'endpoint', 'dataCenter', 'rack'])),
}, ['keyspace', 'table', 'key', 'token', 'replicas']);

/** nodetool getendpoints: the replicas of one partition, the key written as CQL literals. */
export const replicaRoutes: readonly AdminRoute[] = [
  route<unknown, ReplicasQuery>({
    method: 'GET', url: '/replicas', tag: 'replicas', summary: 'The replicas of a partition key, in the order the coordinator ranks them',
    querystring: object({
      keyspace: { type: 'string', minLength: 1 },
      table: { type: 'string', minLength: 1 },
      key: { type: 'string', minLength: 1, description: "the partition key columns' values as CQL literals, in order: 42, or 'abc', 7" },
    }, ['keyspace', 'table', 'key']),
    response: REPLICAS, errors: [404],
    handle: ({ cluster }, { query }) => {
      const keyspace = cluster.schema.keyspace(query.keyspace);
      if (keyspace === undefined) throw notFound(`Keyspace ${query.keyspace} does not exist`);
      const table = keyspace.tables.get(query.table);
      if (table === undefined) throw notFound(`Table ${query.keyspace}.${query.table} does not exist`);
      const observer = observerOf(cluster, undefined);
      const { token } = partitionKeyFromLiterals(observer, table, query.key);
      const replicas = cluster.placement(query.keyspace, token, observer).replicas;
      return {
        ...query,
        token: String(token),
        replicas: replicas.map((r) => ({ id: r.id, address: r.address, endpoint: cluster.endpointName(r), dataCenter: r.dataCenter, rack: r.rack })),
      };
    },
  }),
];
