import type { JsonSchema } from '../route.js';
import { MAX_LIST_LIMIT, DEFAULT_LIST_LIMIT } from './kv-rules.js';

/** The key-value API in the OpenAPI document: its paths and the schemas they refer to (beside the route table's). */
export interface OpenApiExtension {
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly schemas: Readonly<Record<string, JsonSchema>>;
}

const CONSISTENCY = {
  name: 'consistency', in: 'query', required: false, description: 'the consistency level of the read or write (default ONE)',
  schema: { type: 'string', enum: ['ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'SERIAL', 'LOCAL_SERIAL', 'LOCAL_ONE'] },
};
const SERIAL = {
  name: 'serialConsistency', in: 'query', required: false, description: 'the serial consistency of a conditional write or delete (default SERIAL)',
  schema: { type: 'string', enum: ['SERIAL', 'LOCAL_SERIAL'] },
};
const NODE = {
  name: 'node', in: 'query', required: false, description: 'the node that coordinates the request (default: the next node up, round-robin)',
  schema: { type: 'integer', minimum: 1 },
};
const TTL = {
  name: 'ttl', in: 'query', required: false,
  description: "seconds until the value expires, 0 to 630720000 (0: never; default: the table's default_time_to_live)",
  schema: { type: 'integer', minimum: 0, maximum: 630_720_000 },
};
const NAMESPACE = {
  name: 'namespace', in: 'path', required: true,
  description: "the CQL table kv.<namespace>: a lower-case letter, then lower-case letters, digits or '_', 48 characters at most",
  schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,47}$' },
};
const KEY = {
  name: 'key', in: 'path', required: true, description: "the key (text, up to 65535 UTF-8 bytes); it may hold '/', as is or percent-encoded",
  schema: { type: 'string', minLength: 1 },
};
const IF_MATCH = {
  name: 'If-Match', in: 'header', required: false,
  description: "only if the value's ETag is one of these, or with '*' only if the key exists (a lightweight transaction; 412 otherwise)",
  schema: { type: 'string' },
};

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: ref('KvError') } } });
const ETAG_HEADER = { ETag: { description: 'the write timestamp of the value, in microseconds, quoted', schema: { type: 'string' } } };

const ERRORS = {
  400: errorAnswer('Bad request: a namespace, key or parameter out of its rules, or a request Cassandra refuses (its message)'),
  502: errorAnswer("The coordinator failed otherwise: a replica's failure (consistency, received, blockFor, failures, writeType), a server error, a primed error (cqlError: the protocol error's name)"),
  503: errorAnswer('Unavailable: the consistency level cannot be met now (consistency, required, alive), no coordinator is up, or it is overloaded'),
  504: errorAnswer('Timeout: too few replicas answered in time (consistency, received, blockFor, writeType), or the coordinator did not answer'),
};

const BYTES = { '*/*': { schema: { type: 'string', format: 'binary' } } };

const WRITTEN: JsonSchema = {
  type: 'object', additionalProperties: false, required: ['key', 'etag', 'created'],
  properties: { key: { type: 'string' }, etag: { type: 'string', description: 'the ETag without its quotes' }, created: { type: 'boolean' } },
};

function written(description: string): unknown {
  return { description, headers: ETAG_HEADER, content: { 'application/json': { schema: ref('KvWritten') } } };
}

const KEY_PATH = {
  put: {
    operationId: 'putKvValue', tags: ['kv'], summary: 'Writes the value of a key: the body as bytes, kept with its Content-Type',
    parameters: [NAMESPACE, KEY, CONSISTENCY, SERIAL, NODE, TTL, IF_MATCH,
      { name: 'If-None-Match', in: 'header', required: false, description: "'*': only if the key does not exist yet (412 otherwise)", schema: { type: 'string', enum: ['*'] } }],
    requestBody: { required: false, content: BYTES },
    responses: {
      201: written('Created: the key had no value'), 200: written('Replaced'), ...ERRORS,
      412: errorAnswer('Precondition failed: the If-Match or If-None-Match condition does not hold'),
      413: errorAnswer('The value is over kvMaxValueBytes (1 MiB by default)'),
    },
  },
  get: {
    operationId: 'getKvValue', tags: ['kv'], summary: 'The value of a key, with the Content-Type it was written with',
    parameters: [NAMESPACE, KEY, CONSISTENCY, NODE,
      { name: 'If-None-Match', in: 'header', required: false, description: 'ETags: 304 when the value still has one of them', schema: { type: 'string' } }],
    responses: {
      200: { description: 'The value', headers: ETAG_HEADER, content: BYTES },
      304: { description: 'Not modified: the value has the ETag given in If-None-Match' },
      404: errorAnswer('The key has no value'), ...ERRORS,
    },
  },
  head: {
    operationId: 'headKvValue', tags: ['kv'], summary: 'As GET, without the body',
    parameters: [NAMESPACE, KEY, CONSISTENCY, NODE],
    responses: { 200: { description: 'The key has a value', headers: ETAG_HEADER }, 404: { description: 'The key has no value' }, ...ERRORS },
  },
  delete: {
    operationId: 'deleteKvValue', tags: ['kv'], summary: 'Deletes the value of a key',
    parameters: [NAMESPACE, KEY, CONSISTENCY, SERIAL, NODE, IF_MATCH],
    responses: {
      204: { description: 'Deleted' }, 404: errorAnswer('The key had no value'), ...ERRORS,
      412: errorAnswer('Precondition failed: the If-Match condition does not hold'),
    },
  },
};

const LIST_PATH = {
  get: {
    operationId: 'listKvKeys', tags: ['kv'],
    summary: 'A page of keys in token order (as a CQL scan of the table returns them), with the cursor of the next page',
    parameters: [NAMESPACE, CONSISTENCY, NODE,
      { name: 'prefix', in: 'query', required: false, description: 'only keys that start with this text (pages are still full)', schema: { type: 'string' } },
      { name: 'limit', in: 'query', required: false, description: `keys per page (default ${DEFAULT_LIST_LIMIT})`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT } },
      { name: 'cursor', in: 'query', required: false, description: 'the cursor of the previous page', schema: { type: 'string' } }],
    responses: { 200: { description: 'A page of keys', content: { 'application/json': { schema: ref('KvPage') } } }, ...ERRORS },
  },
};

/** The key-value API's part of the admin API's OpenAPI document. */
export const KV_OPENAPI: OpenApiExtension = {
  paths: { '/v1/kv/{namespace}/{key}': KEY_PATH, '/v1/kv/{namespace}': LIST_PATH },
  schemas: {
    KvWritten: WRITTEN,
    KvPage: {
      type: 'object', additionalProperties: false, required: ['namespace', 'keys', 'cursor'],
      properties: {
        namespace: { type: 'string' }, keys: { type: 'array', items: { type: 'string' } },
        cursor: { type: ['string', 'null'], description: 'pass it as cursor for the next page; null after the last page' },
      },
    },
    KvError: {
      allOf: [ref('Error')],
      type: 'object',
      properties: {
        consistency: { type: 'string' }, required: { type: 'integer' }, alive: { type: 'integer' },
        received: { type: 'integer' }, blockFor: { type: 'integer' }, writeType: { type: 'string' },
        cqlError: { type: 'string', description: "502: the coordinator's error by its protocol name (SERVER_ERROR, READ_FAILURE, ...)" },
        failures: { type: 'integer', description: 'READ_FAILURE, WRITE_FAILURE: how many replicas failed' },
      },
    },
  },
};
