import { PRIME_OPCODES, VERBS } from '../cluster/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import type { JsonSchema } from './route.js';

/** Shorthands for the JSON schemas of the routes: plain data, shared by validation and the OpenAPI document. */
export function object(properties: Readonly<Record<string, JsonSchema>>, required: readonly string[] = [], extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

/** An object schema none of whose fields is required: a body that may be left out. */
export function allOptional(schema: JsonSchema): boolean {
  return ((schema['required'] ?? []) as readonly string[]).length === 0;
}

export function arrayOf(items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items, ...extra };
}

export const STRING: JsonSchema = { type: 'string' };
export const BOOLEAN: JsonSchema = { type: 'boolean' };
export const INTEGER: JsonSchema = { type: 'integer' };
export const NUMBER: JsonSchema = { type: 'number' };
export const NODE_ID: JsonSchema = { type: 'integer', minimum: 1, description: 'a node id (1-based, never reused)' };
/** Tokens travel as decimal strings: they are 64-bit, beyond what a JSON number holds exactly. */
export const TOKEN: JsonSchema = { type: 'string', pattern: '^-?[0-9]{1,19}$', description: 'a Murmur3 token, as a decimal string' };
export const VERB: JsonSchema = { type: 'string', enum: VERBS };
export const CONSISTENCY: JsonSchema = { type: 'string', enum: Object.keys(ConsistencyLevel).filter((k) => Number.isNaN(Number(k))) };
/** The requests a node receives, by the native protocol's names. */
export const OPCODE: JsonSchema = { type: 'string', enum: [...PRIME_OPCODES] };

export const NODE_ID_PARAMS = object({ id: NODE_ID }, ['id']);

/** What every error answer carries (fastify's own shape, so that its 400s and ours look alike). */
export const ERROR: JsonSchema = object({
  statusCode: INTEGER,
  error: { type: 'string', description: "the status' name" },
  message: { type: 'string', description: 'one line saying what was wrong, naming the field at fault' },
}, ['statusCode', 'error', 'message'], { additionalProperties: true });

export const NODE: JsonSchema = object({
  id: NODE_ID,
  address: STRING,
  nativePort: INTEGER,
  endpoint: { type: 'string', description: 'how Cassandra names the node: /address:storage_port' },
  dataCenter: STRING,
  rack: STRING,
  hostId: { type: 'string', format: 'uuid' },
  tokens: arrayOf(TOKEN),
  status: { type: 'string', enum: ['up', 'down', 'paused'], description: 'the process: up, down (stopped or killed), paused' },
  failure: { type: ['string', 'null'], description: 'why its files keep it down (disk_failure_policy stop), naming the file; null otherwise' },
  state: { type: 'string', enum: ['joining', 'normal', 'leaving'], description: 'its place in the ring' },
  gossip: { type: 'string', enum: ['UP', 'DOWN'], description: "as the observing node's failure detector sees it" },
  loadBytes: INTEGER,
  partitions: INTEGER,
  rows: INTEGER,
  hintsPending: { type: 'integer', description: 'hints this node keeps for nodes that missed writes' },
  connections: { type: 'integer', description: 'open client connections' },
  requests: { type: 'integer', minimum: 0, description: 'requests its native transport answered since the start (a counter: poll it for a rate)' },
  traceProbability: NUMBER,
  owns: { type: 'number', minimum: 0, description: 'share of the ring (raw, or effective for the keyspace asked)' },
}, ['id', 'address', 'nativePort', 'endpoint', 'dataCenter', 'rack', 'hostId', 'tokens', 'status', 'failure', 'state', 'gossip',
  'loadBytes', 'partitions', 'rows', 'hintsPending', 'connections', 'requests', 'traceProbability', 'owns']);

export const NODE_LIST: JsonSchema = object({
  observer: { ...NODE_ID, description: 'the node whose gossip view and ring the list shows' },
  keyspace: { type: ['string', 'null'] },
  nodes: arrayOf(NODE),
}, ['observer', 'keyspace', 'nodes']);

const TOKEN_RANGE = object({ start: TOKEN, end: TOKEN }, ['start', 'end'], { description: '(start, end]: start exclusive, end inclusive' });

export const RANGE_MOVEMENT: JsonSchema = object({
  transfers: arrayOf(object({ keyspace: STRING, source: NODE_ID, target: NODE_ID, ranges: arrayOf(TOKEN_RANGE) }, ['keyspace', 'source', 'target', 'ranges'])),
  streamedPartitions: INTEGER,
  unavailable: arrayOf(object({ keyspace: STRING, target: NODE_ID, range: TOKEN_RANGE }, ['keyspace', 'target', 'range']), {
    description: 'ranges taken over that no live replica could send',
  }),
}, ['transfers', 'streamedPartitions', 'unavailable']);

export const REPAIR_RESULT: JsonSchema = object({
  keyspaces: arrayOf(STRING),
  rangesCompared: INTEGER,
  mismatchedLeaves: INTEGER,
  partitionsStreamed: INTEGER,
  failures: arrayOf(object({ keyspace: STRING, table: STRING, range: TOKEN_RANGE, reason: STRING }, ['keyspace', 'table', 'range', 'reason'])),
}, ['keyspaces', 'rangesCompared', 'mismatchedLeaves', 'partitionsStreamed', 'failures']);
