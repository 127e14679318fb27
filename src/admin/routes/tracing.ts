import type { Cluster } from '../../cluster/index.js';
import { existingNode } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, NODE_ID, object } from '../schemas.js';

const PROBABILITY = { type: 'number', minimum: 0, maximum: 1, description: 'the share of requests traced unasked' };
const TRACING = object({ nodes: arrayOf(object({ id: NODE_ID, probability: PROBABILITY }, ['id', 'probability'])) }, ['nodes']);

function tracingView(cluster: Cluster): unknown {
  return { nodes: cluster.nodes.map((n) => ({ id: n.identity.id, probability: n.traceProbability })) };
}

/** nodetool gettraceprobability / settraceprobability. */
export const tracingRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/tracing', tag: 'tracing', summary: "Each node's trace probability",
    response: TRACING,
    handle: ({ cluster }) => tracingView(cluster),
  }),
  route<unknown, unknown, { readonly probability: number; readonly node?: number }>({
    method: 'PUT', url: '/tracing', tag: 'tracing', summary: 'Sets the trace probability of one node, or of every node',
    body: object({ probability: PROBABILITY, node: { ...NODE_ID, description: 'default: every node' } }, ['probability']),
    response: TRACING, errors: [404],
    handle: ({ cluster, operations }, { body }) => {
      if (body.node === undefined) operations.setTraceProbability(body.probability);
      else existingNode(cluster, body.node).setTraceProbability(body.probability);
      return tracingView(cluster);
    },
  }),
];
