import type { FilterAction, Verb } from '../../cluster/index.js';
import { notFound } from '../admin-error.js';
import { existingNode } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, INTEGER, NODE_ID, object, VERB } from '../schemas.js';

interface FilterBody {
  readonly verb?: Verb;
  readonly from?: number;
  readonly to?: number;
  readonly action: FilterAction;
}

const ACTION = {
  oneOf: [
    { type: 'string', enum: ['drop'] },
    object({ delayMs: { type: 'number', minimum: 0 } }, ['delayMs']),
  ],
  description: '"drop", or {"delayMs": n} to hold matching messages back n extra milliseconds',
};
const MATCH = {
  verb: { ...VERB, description: 'the verb to match (responses travel under their request\'s verb); default: any' },
  from: { ...NODE_ID, description: 'the sending node; default: any' },
  to: { ...NODE_ID, description: 'the receiving node; default: any' },
};
const FILTER = object({ id: { type: 'integer', minimum: 1 }, ...MATCH, action: ACTION }, ['id', 'action']);

/** Message filters: drop or delay the internode messages that match, until removed. */
export const filterRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/network/filters', tag: 'filters', summary: 'The message filters installed through this API',
    response: arrayOf(FILTER),
    handle: ({ filters }) => filters.list(),
  }),
  route<unknown, unknown, FilterBody>({
    method: 'POST', url: '/network/filters', tag: 'filters', status: 201,
    summary: 'Drops or delays matching messages until the filter is removed; answers with its id',
    body: object({ ...MATCH, action: ACTION }, ['action']),
    response: FILTER, errors: [404],
    handle: ({ cluster, filters }, { body }) => {
      if (body.from !== undefined) existingNode(cluster, body.from);
      if (body.to !== undefined) existingNode(cluster, body.to);
      return filters.add(body);
    },
  }),
  route<{ readonly id: number }>({
    method: 'DELETE', url: '/network/filters/:id', tag: 'filters', status: 204, summary: 'Removes a message filter',
    params: object({ id: { ...INTEGER, minimum: 1 } }, ['id']),
    response: null, errors: [404],
    handle: ({ filters }, { params }) => {
      if (!filters.remove(params.id)) throw notFound(`No message filter ${params.id}`);
    },
  }),
];
