import type { ActivityFilter, ActivityRecord } from '../../cluster/index.js';
import { activityFilterOf, activityView, type ActivityQuery } from '../activity-view.js';
import { EVENT_STREAM, NDJSON, StreamResponse } from '../live-streams.js';
import { route, type AdminContext, type AdminRoute, type JsonSchema } from '../route.js';
import { arrayOf, BOOLEAN, CONSISTENCY, INTEGER, NODE_ID, object, OPCODE, STRING } from '../schemas.js';

const NULLABLE_STRING = { type: ['string', 'null'] };
const VALUES = {
  type: ['array', 'null'], items: {},
  description: 'bound values decoded by their bind markers: bigints as strings, blobs as 0x hex, timestamps as milliseconds (strings), unset as {"unset": true}',
};
const OUTCOME = {
  type: ['object', 'null'],
  properties: {
    type: { type: 'string', description: 'RESULT, ERROR, READY, SUPPORTED, AUTHENTICATE, AUTH_CHALLENGE, AUTH_SUCCESS, NO_ANSWER or CONNECTION_CLOSED' },
    kind: { type: 'string', description: 'RESULT: void, rows, set-keyspace, prepared, schema-change' },
    rowCount: { type: ['integer', 'null'] },
    hasMorePages: BOOLEAN,
    code: { type: 'integer', description: 'ERROR: the protocol error code' },
    error: { type: 'string', description: 'ERROR: its name (WRITE_TIMEOUT, ...)' },
    message: STRING,
  },
  required: ['type'],
  description: 'what the node answered; null while the request is in flight',
};

const ACTIVITY_RECORD: JsonSchema = object({
  seq: { type: 'integer', minimum: 1, description: 'one more for every request the cluster receives' },
  time: { type: 'string', format: 'date-time', description: "when it arrived, on the cluster's clock" },
  node: NODE_ID,
  clientAddress: STRING,
  clientPort: INTEGER,
  connectionId: INTEGER,
  streamId: INTEGER,
  protocolVersion: INTEGER,
  opcode: OPCODE,
  keyspace: NULLABLE_STRING,
  query: { ...NULLABLE_STRING, description: "the CQL text; for EXECUTE the prepared statement's" },
  values: VALUES,
  valueNames: { type: ['array', 'null'], items: STRING },
  statements: { type: ['array', 'null'], items: object({ query: NULLABLE_STRING, values: VALUES }, ['query', 'values']), description: 'BATCH only' },
  batchType: { enum: ['LOGGED', 'UNLOGGED', 'COUNTER', null] },
  consistency: { anyOf: [CONSISTENCY, { type: 'null' }] },
  serialConsistency: { anyOf: [CONSISTENCY, { type: 'null' }] },
  pageSize: { type: ['integer', 'null'] },
  pagingState: { type: 'boolean', description: 'whether it asked for a page after the first' },
  primed: { type: ['integer', 'null'], description: 'the id of the prime that answered it' },
  outcome: OUTCOME,
  latencyMicros: { type: ['integer', 'null'] },
  replicas: arrayOf(NODE_ID, { description: 'the replicas the coordinator contacted (reads and writes)' }),
}, ['seq', 'time', 'node', 'clientAddress', 'clientPort', 'connectionId', 'streamId', 'protocolVersion', 'opcode', 'keyspace', 'query',
  'values', 'valueNames', 'statements', 'batchType', 'consistency', 'serialConsistency', 'pageSize', 'pagingState', 'primed', 'outcome',
  'latencyMicros', 'replicas']);

const FILTERS = {
  node: { ...NODE_ID, description: 'requests received by this node' },
  since: {
    type: 'string', pattern: '^([0-9]{1,15}|[0-9]{4}-.+)$',
    description: 'a sequence number (the requests after it) or an ISO 8601 time (the requests that arrived at it or later)',
  },
  match: { type: 'string', description: 'a regular expression (JavaScript syntax) that the CQL text, or that of one statement of a batch, matches' },
  opcode: arrayOf(OPCODE, { description: 'requests with this opcode (repeat the parameter for several)' }),
};

interface ListQuery extends ActivityQuery {
  readonly limit?: number;
}

/** The latest `limit` records that pass `filter`, oldest first. */
function latest(context: AdminContext, filter: ActivityFilter, limit: number | undefined): ActivityRecord[] {
  const records = context.operations.activity(filter);
  return limit === undefined ? records : records.slice(Math.max(0, records.length - limit));
}

/**
 * Starting now (or at `since`, with the answered records kept since then), every record that passes the
 * filter, as each request is answered. Records before `since` still in flight come as they complete.
 */
function liveActivity({ cluster }: AdminContext, filter: ActivityFilter): StreamResponse {
  const log = cluster.activity;
  return new StreamResponse('activity', (send) => {
    const live = filter.since === undefined ? { ...filter, since: log.sequence } : filter;
    for (const record of log.records(live)) if (record.outcome !== null) send(activityView(record), record.seq);
    return log.subscribe((record) => send(activityView(record), record.seq), live);
  });
}

/** The activity log: what the nodes received, as JSON, and as a live stream. */
export const activityRoutes: readonly AdminRoute[] = [
  route<unknown, ListQuery>({
    method: 'GET', url: '/activity', tag: 'activity',
    summary: 'The requests the nodes received, oldest first (up to the activityLimit latest), with the sequence number of the latest',
    querystring: object({ ...FILTERS, limit: { ...INTEGER, minimum: 0, description: 'only the latest n that pass the filters' } }),
    response: object({
      sequence: { ...INTEGER, minimum: 0, description: 'the latest request received: since=sequence later asks for what came after' },
      records: arrayOf(ACTIVITY_RECORD),
    }, ['sequence', 'records']),
    handle: (context, { query }) => ({
      sequence: context.cluster.activity.sequence,
      records: latest(context, activityFilterOf(query), query.limit).map(activityView),
    }),
  }),
  route({
    method: 'DELETE', url: '/activity', tag: 'activity', status: 204, summary: 'Forgets every record (sequence numbers go on)',
    response: null,
    handle: ({ operations }) => operations.clearActivity(),
  }),
  route<unknown, ActivityQuery>({
    method: 'GET', url: '/activity/stream', tag: 'activity',
    summary: 'Each request that passes the filters as it is answered, from now (or from since): one JSON record a line '
      + '(application/x-ndjson), or server-sent events (event "activity", id the sequence number) with Accept: text/event-stream. '
      + 'It ends when the client disconnects or the cluster closes',
    querystring: object(FILTERS), response: ACTIVITY_RECORD, produces: [NDJSON, EVENT_STREAM],
    handle: (context, { query }) => liveActivity(context, activityFilterOf(query)),
  }),
];
