import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { AdminError } from './admin-error.js';
import { arrayOf, NODE_ID, object } from './schemas.js';
import { requestValidator, type ValidationOutcome } from './validation.js';

const ajv = new Ajv({ strict: false, verbose: true });
const BODY = object({
  groups: arrayOf(arrayOf(NODE_ID), { minItems: 1 }),
  mode: { type: 'string', enum: ['a', 'b'] },
  action: { oneOf: [{ type: 'string', enum: ['drop'] }, object({ delayMs: { type: 'number' } }, ['delayMs'])], description: '"drop" or {"delayMs": n}' },
}, ['groups']);

function messageOf(outcome: ValidationOutcome): string {
  if (outcome === true) throw new Error('expected a refusal');
  expect(outcome.error).toBeInstanceOf(AdminError);
  expect(outcome.error.statusCode).toBe(400);
  return outcome.error.message;
}

describe('request validation messages', () => {
  const validate = requestValidator('body', ajv.compile(BODY), false);

  it('name the field at fault, by its path in the request', () => {
    expect(validate({ groups: [[1]] })).toBe(true);
    expect(messageOf(validate({}))).toBe('body/groups is required');
    expect(messageOf(validate({ groups: [[1]], extra: 1 }))).toBe('body/extra is not a known field');
    expect(messageOf(validate({ groups: [[1, 0]] }))).toBe('body/groups/0/1 must be >= 1');
    expect(messageOf(validate({ groups: [] }))).toBe('body/groups must NOT have fewer than 1 items');
    expect(messageOf(validate({ groups: [[1]], mode: 'c' }))).toBe('body/mode must be one of "a", "b"');
    expect(messageOf(validate({ groups: [[1]], action: 'keep' }))).toBe('body/action must be "drop" or {"delayMs": n}');
    expect(messageOf(validate([]))).toBe('body must be object');
  });

  it('a body that may be left out passes when absent; one that may not is required', () => {
    expect(requestValidator('body', ajv.compile(object({ node: NODE_ID })), true)(null)).toBe(true);
    expect(messageOf(validate(null))).toBe('body is required: a JSON object');
  });

  it('path and query parts are named as such', () => {
    const query = requestValidator('querystring', ajv.compile(object({ key: { type: 'string' } }, ['key'])), false);
    expect(messageOf(query({}))).toBe('query/key is required');
    const path = requestValidator('params', ajv.compile(object({ id: NODE_ID }, ['id'])), false);
    expect(messageOf(path({ id: 0 }))).toBe('path/id must be >= 1');
  });
});
