import { conflict, notFound } from '../admin-error.js';
import { existingNode, nodeListView, nodeView, observerOf } from '../node-view.js';
import { rangeMovementView } from '../result-views.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, BOOLEAN, NODE, NODE_ID, NODE_ID_PARAMS, NODE_LIST, object, RANGE_MOVEMENT, TOKEN } from '../schemas.js';

interface NodeParams {
  readonly id: number;
}

interface ListQuery {
  readonly observer?: number;
  readonly keyspace?: string;
}

interface AddNodeBody {
  readonly dc?: string;
  readonly rack?: string;
  readonly tokens?: readonly string[];
}

interface DecommissionBody {
  readonly force?: boolean;
}

const OBSERVER = { ...NODE_ID, description: 'the node whose gossip view to show (default: the first running member)' };
const OBSERVER_QUERY = object({ observer: OBSERVER });

/** The nodes: their views, adding one, decommissioning one, removing a dead one. */
export const nodeRoutes: readonly AdminRoute[] = [
  route<unknown, ListQuery>({
    method: 'GET', url: '/nodes', tag: 'nodes', summary: 'Every node, as one node sees them (nodetool status)',
    querystring: object({
      observer: OBSERVER,
      keyspace: { type: 'string', minLength: 1, description: "ownership effective for this keyspace's replication" },
    }),
    response: NODE_LIST, errors: [404],
    handle: ({ cluster }, { query }) => {
      if (query.keyspace !== undefined && cluster.schema.keyspace(query.keyspace) === undefined) throw notFound(`Keyspace ${query.keyspace} does not exist`);
      return nodeListView(cluster, observerOf(cluster, query.observer), query.keyspace ?? null);
    },
  }),
  route<NodeParams, ListQuery>({
    method: 'GET', url: '/nodes/:id', tag: 'nodes', summary: 'One node (nodetool info)',
    params: NODE_ID_PARAMS, querystring: OBSERVER_QUERY, response: NODE, errors: [404],
    handle: ({ cluster }, { params, query }) => nodeView(cluster, existingNode(cluster, params.id), observerOf(cluster, query.observer)),
  }),
  route<unknown, unknown, AddNodeBody | undefined>({
    method: 'POST', url: '/nodes', tag: 'nodes', status: 201,
    summary: "Adds a node and bootstraps it: it streams its ranges' data, then joins the ring",
    body: object({
      dc: { type: 'string', minLength: 1, description: "its data center (default: node 1's)" },
      rack: { type: 'string', minLength: 1, description: "its rack (default: node 1's)" },
      tokens: arrayOf(TOKEN, { minItems: 1, description: 'its tokens (default: num_tokens drawn from the seed)' }),
    }),
    response: NODE, errors: [409],
    handle: async ({ cluster, operations }, { body }) => {
      const { id } = await operations.addNode({ dc: body?.dc, rack: body?.rack, tokens: body?.tokens });
      return nodeView(cluster, cluster.node(id), observerOf(cluster, undefined));
    },
  }),
  route<NodeParams, unknown, DecommissionBody | undefined>({
    method: 'POST', url: '/nodes/:id/decommission', tag: 'nodes',
    summary: 'Decommissions a running node: its ranges stream to their new owners, it leaves the ring',
    params: NODE_ID_PARAMS,
    body: object({ force: { ...BOOLEAN, description: 'leave even if fewer nodes than a replication factor would remain' } }),
    response: RANGE_MOVEMENT, errors: [404, 409],
    handle: async ({ cluster, operations }, { params, body }) => {
      existingNode(cluster, params.id);
      return rangeMovementView(await operations.decommission(params.id, { force: body?.force }));
    },
  }),
  route<NodeParams>({
    method: 'DELETE', url: '/nodes/:id', tag: 'nodes',
    summary: 'Removes a dead (stopped or killed) node (nodetool removenode): the others re-replicate its ranges',
    params: NODE_ID_PARAMS, response: RANGE_MOVEMENT, errors: [404, 409],
    handle: async ({ cluster, operations }, { params }) => {
      const node = existingNode(cluster, params.id);
      if (node.status !== 'down') throw conflict(`Node ${params.id} is ${node.status}: decommission a running node, or stop it before removing it`);
      return rangeMovementView(await operations.removeNode(params.id));
    },
  }),
];
