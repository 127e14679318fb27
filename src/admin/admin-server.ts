import type { FastifyError, FastifyInstance } from 'fastify';
import { InvariantError } from '../common/index.js';
import { CqlError } from '../errors/index.js';
import type { Cluster } from '../cluster/index.js';
import { registerDashboard } from './dashboard/dashboard-assets.js';
import { AdminError } from './admin-error.js';
import { FilterRegistry } from './filter-registry.js';
import { LiveStreams, StreamResponse } from './live-streams.js';
import { KV_OPENAPI } from './kv/kv-openapi.js';
import type { KvStore } from './kv/kv-store.js';
import type { Logger } from './log/logger.js';
import { registerClusterMetrics } from './metrics/cluster-metrics.js';
import { processMetrics } from './metrics/process-metrics.js';
import { openApiDocument } from './openapi.js';
import { TextResponse, type AdminContext, type AdminRoute, type ClusterOperations, type JsonSchema } from './route.js';
import { ADMIN_ROUTES } from './routes/index.js';
import { registerKvRoutes } from './routes/kv.js';
import { allOptional } from './schemas.js';
import { requestValidator, type HttpPart } from './validation.js';

export interface AdminServerOptions {
  /** Where to listen: node 1's address. */
  readonly address: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Cassanova's version, for the OpenAPI document. */
  readonly version: string;
  /** The key-value store that /v1/kv serves. */
  readonly kv: KvStore;
}

/** A running admin API. */
export interface AdminServer {
  /** http://address:port, the base of every route. */
  readonly url: string;
  close(): Promise<void>;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

/**
 * The status a failure is answered with: the admin API's own refusals and fastify's 4xx (validation,
 * unreadable JSON) keep theirs; a CQL error (a key that does not parse) is the client's input; an error
 * an operation of the cluster throws is a refusal in the cluster's current state (409); programming
 * errors are 500s, and are logged.
 */
export function statusOf(error: unknown): number {
  if (error instanceof AdminError) return error.statusCode;
  const fastifyStatus = (error as Partial<FastifyError>).statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) return fastifyStatus;
  if (error instanceof CqlError) return 400;
  if (error instanceof InvariantError || error instanceof TypeError || error instanceof ReferenceError || !(error instanceof Error)) return 500;
  return 409;
}

/** JSON bodies as JSON.parse reads them; an empty body with a JSON content type counts as no body. */
function parseJsonBody(_request: unknown, body: string, done: (error: Error | null, value?: unknown) => void): void {
  if (body.trim() === '') {
    done(null, undefined);
    return;
  }
  try {
    done(null, JSON.parse(body));
  } catch (e) {
    done(new AdminError(400, `body is not valid JSON: ${(e as Error).message}`));
  }
}

async function newApp(log: Logger): Promise<FastifyInstance> {
  const [{ default: fastify }, { Ajv }] = await Promise.all([import('fastify'), import('ajv')]);
  // Path and query strings are text: their numbers are read as numbers. JSON bodies are taken as typed.
  const textAjv = new Ajv({ coerceTypes: 'array', useDefaults: true, allErrors: false, strict: false });
  const jsonAjv = new Ajv({ coerceTypes: false, useDefaults: true, allErrors: false, strict: false, verbose: true });
  const app = fastify({ logger: false, forceCloseConnections: true, exposeHeadRoutes: false });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => parseJsonBody(request, body as string, done));
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const part = (httpPart ?? 'body') as HttpPart;
    return requestValidator(part, (part === 'body' ? jsonAjv : textAjv).compile(schema), allOptional(schema as JsonSchema));
  });
  app.setErrorHandler((error, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) log.error({ method: request.method, url: request.url, error: (error as Error).stack }, 'admin request failed');
    void reply.status(status).send({ statusCode: status, error: STATUS_NAMES[status] ?? 'Error', message: (error as Error).message });
  });
  app.addHook('onResponse', async (request, reply) => {
    log.debug({ ms: Math.round(reply.elapsedTime) }, `admin ${request.method} ${request.url} ${reply.statusCode}`);
  });
  return app;
}

function register(app: FastifyInstance, context: AdminContext, route: AdminRoute, streams: LiveStreams): void {
  const schema: Record<string, unknown> = {};
  if (route.params !== undefined) schema['params'] = route.params;
  if (route.querystring !== undefined) schema['querystring'] = route.querystring;
  if (route.body !== undefined) schema['body'] = route.body;
  app.route({
    method: route.method,
    url: route.url,
    schema,
    handler: async (request, reply) => {
      const result: unknown = await route.handle(context, { params: request.params, query: request.query, body: request.body ?? undefined });
      if (result instanceof TextResponse) return reply.type(result.contentType).send(result.text);
      if (result instanceof StreamResponse) return streams.serve(request, reply, result);
      void reply.code(route.status ?? 200);
      return route.response === null ? reply.send() : result;
    },
  });
}

function urlOf(address: string, port: number): string {
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** Starts the admin API of `cluster` on node 1's address; `operations` are the public API's. */
export async function startAdminServer(cluster: Cluster, operations: ClusterOperations, log: Logger, options: AdminServerOptions): Promise<AdminServer> {
  const [app, { Registry }] = await Promise.all([newApp(log), import('prom-client')]);
  const registry = new Registry();
  registerClusterMetrics(registry, cluster);
  let document: unknown = null;
  const context: AdminContext = {
    cluster,
    operations,
    filters: new FilterRegistry(cluster.network),
    metricsText: async () => `${await registry.metrics()}\n${await (await processMetrics()).metrics()}`,
    openApi: () => (document ??= openApiDocument(ADMIN_ROUTES, options.version, KV_OPENAPI)),
  };
  const streams = new LiveStreams();
  for (const route of ADMIN_ROUTES) register(app, context, route, streams);
  registerKvRoutes(app, options.kv);
  registerDashboard(app);
  // Live streams end with their last chunk written before the server drops its connections.
  app.addHook('preClose', () => streams.closeAll());
  await app.listen({ host: options.address, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = urlOf(options.address, port);
  log.info({ url }, `admin API listening on ${url}`);
  return { url, close: () => app.close() };
}
