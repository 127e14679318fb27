import { VERBS, type Cluster, type LinkSettingsChange } from '../../cluster/index.js';
import { badRequest } from '../admin-error.js';
import { existingNode } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, INTEGER, NODE_ID, object } from '../schemas.js';

interface PartitionBody {
  readonly groups: readonly (readonly number[])[];
}

interface LinkQuery {
  readonly from: number;
  readonly to: number;
}

const LATENCY = { type: 'number', minimum: 0, description: 'milliseconds each message takes on the link' };
const LOSS = { type: 'number', minimum: 0, maximum: 1, description: 'the chance that a message is lost' };
const LINK_CHANGE = object({
  from: { ...NODE_ID, description: 'the sending node (default: every node)' },
  to: { ...NODE_ID, description: 'the receiving node (default: every node)' },
  latencyMs: LATENCY,
  loss: LOSS,
});
const MESSAGE_COUNTS = object({ sent: INTEGER, delivered: INTEGER, dropped: INTEGER }, ['sent', 'delivered', 'dropped']);

const NETWORK = object({
  partition: { type: ['array', 'null'], items: arrayOf(NODE_ID), description: 'the groups that cannot reach each other, or null' },
  links: arrayOf(LINK_CHANGE, { description: 'the link settings in force, oldest first (later ones win where they overlap)' }),
  messages: object(Object.fromEntries(VERBS.map((v) => [v, MESSAGE_COUNTS])), [...VERBS], { description: 'messages by verb since the start' }),
}, ['partition', 'links', 'messages']);

function networkView(cluster: Cluster): unknown {
  const network = cluster.network;
  return {
    partition: network.partitionGroups(),
    links: network.linkChanges(),
    messages: Object.fromEntries(network.stats()),
  };
}

/** Every node named must exist (404), and none may be on two sides (400). */
function checkGroups(cluster: Cluster, groups: readonly (readonly number[])[]): void {
  const seen = new Set<number>();
  for (const id of groups.flat()) {
    existingNode(cluster, id);
    if (seen.has(id)) throw badRequest(`body/groups lists node ${id} twice: a node is on one side of a partition`);
    seen.add(id);
  }
}

/** The simulated network between the nodes: partitions, link latency and loss, message counts. */
export const networkRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/network', tag: 'network', summary: 'The partition, the link settings and the messages sent by verb',
    response: NETWORK,
    handle: ({ cluster }) => networkView(cluster),
  }),
  route<unknown, unknown, PartitionBody>({
    method: 'POST', url: '/network/partition', tag: 'network',
    summary: 'Cuts the network into groups that cannot reach each other (nodes in no group form one more); replaces any partition',
    body: object({ groups: arrayOf(arrayOf(NODE_ID, { minItems: 1 }), { minItems: 1, description: '[[1], [2, 3]]' }) }, ['groups']),
    response: NETWORK, errors: [404],
    handle: ({ cluster, operations }, { body }) => {
      checkGroups(cluster, body.groups);
      operations.network.partition(...body.groups);
      return networkView(cluster);
    },
  }),
  route({
    method: 'POST', url: '/network/heal', tag: 'network', summary: 'Removes the partition (link settings and filters stay)',
    response: NETWORK,
    handle: ({ cluster, operations }) => {
      operations.network.heal();
      return networkView(cluster);
    },
  }),
  route<unknown, unknown, LinkSettingsChange>({
    method: 'PUT', url: '/network/links', tag: 'network',
    summary: 'Sets the latency and/or loss of the links from one node (or all) to one node (or all)',
    body: LINK_CHANGE, response: NETWORK, errors: [404],
    handle: ({ cluster, operations }, { body }) => {
      if (body.latencyMs === undefined && body.loss === undefined) throw badRequest('body must set latencyMs, loss or both');
      if (body.from !== undefined) existingNode(cluster, body.from);
      if (body.to !== undefined) existingNode(cluster, body.to);
      operations.network.set(body);
      return networkView(cluster);
    },
  }),
  route<unknown, LinkQuery>({
    method: 'GET', url: '/network/links', tag: 'network', summary: 'The latency and loss in force on one directional link',
    querystring: object({ from: NODE_ID, to: NODE_ID }, ['from', 'to']),
    response: object({ from: NODE_ID, to: NODE_ID, latencyMs: LATENCY, loss: LOSS }, ['from', 'to', 'latencyMs', 'loss']), errors: [404],
    handle: ({ cluster, operations }, { query }) => {
      existingNode(cluster, query.from);
      existingNode(cluster, query.to);
      return { from: query.from, to: query.to, ...operations.network.linkSettings(query.from, query.to) };
    },
  }),
];
