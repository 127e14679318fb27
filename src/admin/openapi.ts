import type { OpenApiExtension } from './kv/kv-openapi.js';
import type { AdminRoute, JsonSchema } from './route.js';
import { allOptional, ERROR } from './schemas.js';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad request: the message names the field at fault',
  404: 'Not found: no such node, keyspace, table or filter', 409: "Conflict: the cluster's state forbids it now",
};

/** /nodes/:id → /nodes/{id} */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

function parameters(schema: JsonSchema | undefined, where: 'path' | 'query'): unknown[] {
  if (schema === undefined) return [];
  const properties = (schema['properties'] ?? {}) as Readonly<Record<string, JsonSchema>>;
  const required = new Set((schema['required'] ?? []) as readonly string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name, in: where, required: where === 'path' || required.has(name), schema: property,
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
  }));
}

function jsonContent(schema: JsonSchema): unknown {
  return { 'application/json': { schema } };
}

function contentOf(types: string | readonly string[], schema: JsonSchema): unknown {
  return Object.fromEntries((typeof types === 'string' ? [types] : types).map((type) => [type, { schema }]));
}

function responses(route: AdminRoute): Record<string, unknown> {
  const status = route.status ?? 200;
  const success = route.response === null
    ? { description: STATUS_TEXT[status] }
    : { description: STATUS_TEXT[status], content: route.produces === undefined ? jsonContent(route.response) : contentOf(route.produces, route.response) };
  const out: Record<string, unknown> = { [status]: success };
  const hasInput = route.params !== undefined || route.querystring !== undefined || route.body !== undefined;
  for (const code of [...(hasInput ? [400] : []), ...(route.errors ?? [])]) {
    out[code] = { description: STATUS_TEXT[code], content: jsonContent({ $ref: '#/components/schemas/Error' }) };
  }
  return out;
}

function extensionTags(extension: OpenApiExtension): string[] {
  return Object.values(extension.paths).flatMap((operations) => Object.values(operations).flatMap((op) => (op as { tags?: string[] }).tags ?? []));
}

function operation(route: AdminRoute): unknown {
  return {
    operationId: `${route.method.toLowerCase()}${openApiPath(route.url).replace(/[{}]/g, '').split(/[/.-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`,
    summary: route.summary,
    tags: [route.tag],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.querystring, 'query')],
    ...(route.body === undefined ? {} : { requestBody: { required: !allOptional(route.body), content: jsonContent(route.body) } }),
    responses: responses(route),
  };
}

/**
 * The OpenAPI 3.1 document of the admin API, made from the same route table that fastify serves, and
 * the paths of routes served beside it (the key-value API's).
 */
export function openApiDocument(routes: readonly AdminRoute[], version: string, extension: OpenApiExtension = { paths: {}, schemas: {} }): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cassanova admin API',
      version,
      description: 'Drives a running Cassanova cluster: nodes, network faults, topology changes, repair, the clock, test controls, primes, the activity log, metrics; and the key-value API (/v1/kv).',
    },
    tags: [...new Set([...routes.map((r) => r.tag), ...extensionTags(extension)])].map((name) => ({ name })),
    paths: { ...paths, ...extension.paths },
    components: { schemas: { Error: ERROR, ...extension.schemas } },
  };
}
