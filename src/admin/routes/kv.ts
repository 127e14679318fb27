import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KvError, type KvConsistency } from '../../kv/index.js';
import type { KvClientAddress, KvStore } from '../kv/kv-store.js';

/** Where the key-value API lives on the admin HTTP server. */
export const KV_PREFIX = '/v1/kv';

type Query = Readonly<Record<string, string | string[] | undefined>>;
type Params = Readonly<{ namespace: string; '*'?: string }>;

/** The query parameters each kind of request takes: any other one is refused (a misspelt option would go unnoticed). */
const READ_PARAMS = ['consistency', 'node'];
const WRITE_PARAMS = ['consistency', 'serialConsistency', 'node', 'ttl'];
const DELETE_PARAMS = ['consistency', 'serialConsistency', 'node'];
const LIST_PARAMS = ['consistency', 'node', 'prefix', 'limit', 'cursor'];

/** One query parameter's text, after checking that the request names no parameter it does not take. */
function params(query: Query, allowed: readonly string[]): (name: string) => string | undefined {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) throw new KvError(400, `Unknown query parameter '${name}' (this request takes ${allowed.join(', ')})`);
  }
  return (name) => {
    const value = query[name];
    if (Array.isArray(value)) throw new KvError(400, `The query parameter '${name}' is given more than once`);
    return value;
  };
}

/** A whole-number query parameter (ttl, node, limit). */
function integer(param: (name: string) => string | undefined, name: string): number | undefined {
  const text = param(name);
  if (text === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(text)) throw new KvError(400, `Invalid ${name} '${text}': a whole number`);
  return Number(text);
}

function requestOptions(param: (name: string) => string | undefined): { consistency?: KvConsistency; node?: number } {
  return { consistency: param('consistency') as KvConsistency | undefined, node: integer(param, 'node') };
}

/** The HTTP client, as the activity log records a driver's connection. */
function clientOf(request: FastifyRequest): KvClientAddress {
  return { id: 0, address: request.socket.remoteAddress ?? '', port: request.socket.remotePort ?? 0 };
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const quoted = (etag: string): string => `"${etag}"`;
/** Last-Modified from the write timestamp (microseconds). */
const httpDate = (etag: string): string => new Date(Number(BigInt(etag) / 1000n)).toUTCString();

function keyOf(request: FastifyRequest<{ Params: Params }>): string {
  return request.params['*'] ?? '';
}

/** Past this many bytes more than the limit, an oversized body is cut off rather than read to its end. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/**
 * Reads a value's bytes. An oversized one is read on to its end and thrown away before the 413 goes out:
 * a client still sending when the server answers and closes gets a broken pipe rather than the answer.
 */
function valueReader(maxBytes: number) {
  return (_request: FastifyRequest, payload: IncomingMessage, done: (error: Error | null, body?: Buffer) => void): void => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    let finished = false;
    const finish = (error: Error | null): void => {
      if (finished) return;
      finished = true;
      if (error !== null) done(error);
      else if (sizeBytes > maxBytes) done(new KvError(413, `The value is ${sizeBytes} bytes, more than the limit of ${maxBytes} bytes (kvMaxValueBytes)`));
      else done(null, Buffer.concat(chunks, sizeBytes));
    };
    payload.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (sizeBytes <= maxBytes) chunks.push(chunk);
      else if (sizeBytes > maxBytes + MAX_DISCARDED_BYTES) payload.destroy();
    });
    payload.on('end', () => finish(null));
    // A body cut off before its end is no value to store (unless it was cut off for being too large).
    payload.on('close', () => finish(payload.complete || sizeBytes > maxBytes ? null : new KvError(400, 'The request ended before its body did')));
    payload.on('error', finish);
  };
}

/** The error answer of a refused KV request: the admin API's error body, with the coordinator's figures. */
function kvErrorOfRequest(error: unknown): KvError {
  if (error instanceof KvError) return error;
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new KvError(400, fastifyError.message ?? 'Bad request');
  return new KvError(500, (error as Error).message);
}

/**
 * The key-value API on the admin server: PUT, GET, HEAD and DELETE of /v1/kv/{namespace}/{key} (a key may
 * hold '/'), and GET /v1/kv/{namespace} for a page of keys. Registered in a scope of its own: its bodies are
 * bytes of any content type, up to the store's limit, while the rest of the admin API keeps parsing JSON.
 */
export function registerKvRoutes(app: FastifyInstance, store: KvStore): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', valueReader(store.maxValueBytes));
    scope.setErrorHandler((error, _request, reply) => {
      const kvError = kvErrorOfRequest(error);
      void reply.status(kvError.status).type('application/json').send(kvError.toJSON());
    });
    scope.put<{ Params: Params; Querystring: Query }>(`${KV_PREFIX}/:namespace/*`, (request, reply) => put(store, request, reply));
    scope.get<{ Params: Params; Querystring: Query }>(`${KV_PREFIX}/:namespace/*`, (request, reply) => get(store, request, reply, true));
    scope.head<{ Params: Params; Querystring: Query }>(`${KV_PREFIX}/:namespace/*`, (request, reply) => get(store, request, reply, false));
    scope.delete<{ Params: Params; Querystring: Query }>(`${KV_PREFIX}/:namespace/*`, (request, reply) => del(store, request, reply));
    scope.get<{ Params: Params; Querystring: Query }>(`${KV_PREFIX}/:namespace`, (request, reply) => list(store, request, reply));
  });
}

type KvRequest = FastifyRequest<{ Params: Params; Querystring: Query }>;

async function put(store: KvStore, request: KvRequest, reply: FastifyReply): Promise<void> {
  const param = params(request.query, WRITE_PARAMS);
  const key = keyOf(request);
  const ifNoneMatch = header(request, 'if-none-match');
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const result = await store.set(request.params.namespace, key, body, {
    ...requestOptions(param),
    serialConsistency: param('serialConsistency') as 'SERIAL' | undefined,
    ttl: integer(param, 'ttl'),
    contentType: header(request, 'content-type') ?? 'application/octet-stream',
    ifMatch: header(request, 'if-match'),
    ifNoneMatch: ifNoneMatch as '*' | undefined,
  }, clientOf(request));
  await reply.status(result.created ? 201 : 200).header('etag', quoted(result.etag)).send({ key, etag: result.etag, created: result.created });
}

async function get(store: KvStore, request: KvRequest, reply: FastifyReply, withBody: boolean): Promise<void> {
  const param = params(request.query, READ_PARAMS);
  const key = keyOf(request);
  const entry = await store.get(request.params.namespace, key, requestOptions(param), clientOf(request));
  if (entry === null) {
    if (!withBody) return reply.status(404).send();
    throw new KvError(404, `No value for the key '${key}' in the namespace '${request.params.namespace}'`);
  }
  void reply.header('etag', quoted(entry.etag)).header('last-modified', httpDate(entry.etag)).header('content-type', entry.contentType);
  const ifNoneMatch = header(request, 'if-none-match');
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === quoted(entry.etag))) {
    return reply.status(304).send();
  }
  if (!withBody) return reply.header('content-length', entry.value.length).send();
  return reply.send(entry.value);
}

async function del(store: KvStore, request: KvRequest, reply: FastifyReply): Promise<void> {
  const param = params(request.query, DELETE_PARAMS);
  const key = keyOf(request);
  if (header(request, 'if-none-match') !== undefined) throw new KvError(400, 'If-None-Match is not taken by DELETE: If-Match makes a conditional delete');
  const deleted = await store.del(request.params.namespace, key, {
    ...requestOptions(param), serialConsistency: param('serialConsistency') as 'SERIAL' | undefined, ifMatch: header(request, 'if-match'),
  }, clientOf(request));
  if (!deleted) throw new KvError(404, `No value for the key '${key}' in the namespace '${request.params.namespace}'`);
  return reply.status(204).send();
}

async function list(store: KvStore, request: KvRequest, reply: FastifyReply): Promise<void> {
  const param = params(request.query, LIST_PARAMS);
  const page = await store.list(request.params.namespace, {
    ...requestOptions(param), prefix: param('prefix'), limit: integer(param, 'limit'), cursor: param('cursor'),
  }, clientOf(request));
  return reply.send({ namespace: request.params.namespace, keys: page.keys, cursor: page.cursor });
}
