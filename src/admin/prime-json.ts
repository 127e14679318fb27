import type { PrimeHandle, PrimeSpec, PrimeThen, PrimeWhen } from '../cluster/index.js';
import { jsonValue, regExpOf } from './activity-view.js';
import { badRequest } from './admin-error.js';
import type { JsonSchema } from './route.js';
import { arrayOf, BOOLEAN, CONSISTENCY, INTEGER, NODE_ID, object, OPCODE, STRING } from './schemas.js';

/** A regular expression in JSON, which has none: {"regex": "^SELECT", "flags": "i"}. */
export interface JsonRegExp {
  readonly regex: string;
  readonly flags?: string;
}

/** A prime as a JSON body carries it: PrimeSpec, with a JsonRegExp for a RegExp and rows in INSERT JSON's forms. */
export interface JsonPrimeSpec {
  readonly when?: Omit<PrimeWhen, 'query'> & { readonly query?: string | JsonRegExp };
  readonly then: Readonly<Record<string, unknown>>;
  readonly times?: number | 'once';
}

const oneOrMore = (schema: JsonSchema, what: string): JsonSchema => ({ oneOf: [schema, arrayOf(schema, { minItems: 1 })], description: `${what}, or a list of them` });
const COUNT = { ...INTEGER, minimum: 0 };

const WHEN = object({
  node: oneOrMore(NODE_ID, 'a node id'),
  opcode: oneOrMore(OPCODE, 'an opcode (default QUERY, EXECUTE and BATCH)'),
  query: {
    oneOf: [STRING, object({ regex: STRING, flags: { type: 'string', pattern: '^[dgimsuvy]*$' } }, ['regex'])],
    description: 'the exact CQL text (a string), or {"regex": "^SELECT", "flags": "i"}',
  },
  consistency: oneOrMore(CONSISTENCY, 'a consistency level'),
  values: arrayOf({}, { description: "bound values, each compared once serialized by its marker's type (numbers, strings, booleans, null)" }),
}, [], { description: 'which requests it answers: every condition given must hold' });

const THEN = object({
  error: { type: ['string', 'integer'], description: 'a protocol error by name (WRITE_TIMEOUT, WriteTimeout) or code (4352)' },
  message: STRING,
  consistency: CONSISTENCY,
  required: COUNT, alive: COUNT, received: COUNT, blockFor: COUNT, contentions: COUNT,
  writeType: { type: 'string', enum: ['SIMPLE', 'BATCH', 'UNLOGGED_BATCH', 'COUNTER', 'BATCH_LOG', 'CAS', 'VIEW', 'CDC'] },
  dataPresent: BOOLEAN,
  failures: arrayOf(object({
    node: NODE_ID,
    reason: { type: 'string', enum: ['UNKNOWN', 'READ_TOO_MANY_TOMBSTONES', 'TIMEOUT', 'INCOMPATIBLE_SCHEMA', 'READ_SIZE', 'NODE_DOWN'] },
  }, ['node'])),
  keyspace: STRING, table: STRING, function: STRING, argTypes: arrayOf(STRING), id: STRING,
  columns: arrayOf(object({ name: STRING, type: { type: 'string', description: "a CQL type: 'int', 'map<text, frozen<list<int>>>'" } }, ['name', 'type'])),
  rows: arrayOf(arrayOf({}), { description: "one list of values per row, in INSERT JSON's forms (bigints as numbers or strings, blobs as \"0x…\")" }),
  void: { const: true },
  noAnswer: { const: true },
  closeConnection: { const: true },
  delayMs: COUNT,
}, [], { description: 'an error with its fields, rows with their column types, void, a delay, noAnswer or closeConnection' });

export const PRIME_BODY: JsonSchema = object({
  when: WHEN,
  then: THEN,
  times: { oneOf: [{ ...INTEGER, minimum: 1 }, { const: 'once' }], description: 'how many requests it answers (default: until removed)' },
}, ['then']);

export const PRIME: JsonSchema = object({
  id: { ...INTEGER, minimum: 1 },
  when: { type: 'object' },
  then: { type: 'object' },
  times: { type: ['integer', 'string', 'null'], description: 'as primed; null: until removed' },
  remaining: { type: ['integer', 'null'], description: 'requests it will still answer; null: until removed' },
  matched: { ...COUNT, description: 'requests it has answered' },
}, ['id', 'when', 'then', 'times', 'remaining', 'matched']);

/** The PrimeSpec a JSON body stands for. */
export function primeSpecOf(body: JsonPrimeSpec): PrimeSpec {
  const query = body.when?.query;
  const when: PrimeWhen | undefined = query === undefined || typeof query === 'string' ? body.when as PrimeWhen | undefined : {
    ...body.when,
    query: regExpOf(query.regex, query.flags ?? '', 'body/when/query/regex'),
  };
  // The cluster's own checks read the rest, naming the field at fault.
  const then = ('columns' in body.then || 'rows' in body.then ? { ...body.then, json: true } : body.then) as unknown as PrimeThen;
  return { when, then, times: body.times };
}

/**
 * A prime refused by the cluster's checks (a TypeError naming the field, `prime: then.rows[0][1] …`) as
 * the admin API's 400, naming the field as its schema errors do (`body/then/rows/0/1 …`).
 */
export function refusedPrime(error: unknown): unknown {
  if (!(error instanceof TypeError) || !error.message.startsWith('prime: ')) return error;
  const text = error.message.slice('prime: '.length);
  const field = /^[\w.[\]]+/.exec(text)?.[0] ?? '';
  return badRequest(`body/${field.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')}${text.slice(field.length)}`);
}

/** A prime in force, as the admin API lists it. */
export function primeView(prime: PrimeHandle): unknown {
  const { json: _json, ...then } = prime.spec.then as PrimeThen & { readonly json?: boolean };
  return {
    id: prime.id,
    when: jsonValue(prime.spec.when ?? {}),
    then: jsonValue(then),
    times: prime.spec.times === undefined || prime.spec.times === Infinity ? null : prime.spec.times,
    remaining: Number.isFinite(prime.remaining) ? prime.remaining : null,
    matched: prime.matchedCount,
  };
}
