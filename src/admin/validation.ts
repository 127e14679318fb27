import type { ErrorObject, ValidateFunction } from 'ajv';
import { badRequest, type AdminError } from './admin-error.js';
import type { JsonSchema } from './route.js';

/** The parts of a request fastify validates, named as error messages name them. */
export type HttpPart = 'body' | 'querystring' | 'params' | 'headers';

const PART_NAMES: Readonly<Record<HttpPart, string>> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** One line naming the field at fault: `body/groups/0 must NOT have fewer than 1 items`, `query/key is required`. */
export function validationMessage(part: HttpPart, errors: readonly ErrorObject[]): string {
  // oneOf and anyOf come after the errors of their branches, which each tell only half the story.
  const error = errors.find((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf') ?? errors[0];
  const at = `${PART_NAMES[part]}${error?.instancePath ?? ''}`;
  if (error === undefined) return `${at} is not valid`;
  const params = error.params as Readonly<Record<string, unknown>>;
  switch (error.keyword) {
    case 'required':
      return `${at}/${String(params['missingProperty'])} is required`;
    case 'additionalProperties':
      return `${at}/${String(params['additionalProperty'])} is not a known field`;
    case 'enum':
      return `${at} must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
    case 'anyOf': {
      const description = (error.parentSchema as JsonSchema | undefined)?.['description'];
      return typeof description === 'string' ? `${at} must be ${description}` : `${at} ${error.message ?? 'is not valid'}`;
    }
    default:
      return `${at} ${error.message ?? 'is not valid'}`;
  }
}

/** What fastify's custom validators return: pass, or the error to answer 400 with. */
export type ValidationOutcome = true | { readonly error: AdminError };

/**
 * Wraps a compiled schema for one request part. A body whose fields are all optional may be left out
 * (fastify hands it over as null); anything else must match.
 */
export function requestValidator(part: HttpPart, validate: ValidateFunction, bodyOptional: boolean): (data: unknown) => ValidationOutcome {
  return (data) => {
    if (part === 'body' && data === null) return bodyOptional ? true : { error: badRequest('body is required: a JSON object') };
    if (validate(data)) return true;
    return { error: badRequest(validationMessage(part, validate.errors ?? [])) };
  };
}
