import type { ActivityFilter, ActivityRecord } from '../cluster/index.js';
import { badRequest } from './admin-error.js';

/**
 * A value of the TypeScript API as JSON: bigints as decimal strings, Buffers as 0x hex, Dates as ISO
 * times, Maps as [key, value] pairs, Sets as arrays, a RegExp as {regex, flags}, an unset bound value as
 * {unset: true} (a field left undefined is left out), numbers JSON has no word for (NaN, Infinity) as strings.
 */
export function jsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'undefined': return { unset: true };
    case 'bigint': return String(value);
    case 'number': return Number.isFinite(value) ? value : String(value);
    case 'string': case 'boolean': return value;
    case 'object': return jsonObjectValue(value);
    default: return String(value);
  }
}

function jsonObjectValue(value: object | null): unknown {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof RegExp) return { regex: value.source, flags: value.flags };
  if (value instanceof Map) return [...value].map(([k, v]) => [jsonValue(k), jsonValue(v)]);
  if (value instanceof Set || Array.isArray(value)) return [...(value as Iterable<unknown>)].map(jsonValue);
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonValue(v)]));
}

const jsonValues = (values: readonly unknown[] | null): unknown[] | null => values?.map(jsonValue) ?? null;

/** An activity record as the admin API answers it. */
export function activityView(record: ActivityRecord): unknown {
  return {
    ...record,
    time: record.time.toISOString(),
    values: jsonValues(record.values),
    statements: record.statements?.map((s) => ({ query: s.query, values: jsonValues(s.values) })) ?? null,
  };
}

/** The filters of GET /activity and its stream, as their query strings carry them. */
export interface ActivityQuery {
  readonly node?: number;
  readonly since?: string;
  readonly match?: string;
  readonly opcode?: readonly string[];
}

/** The query string's filters as the activity log takes them; 400 for a time or expression that does not parse. */
export function activityFilterOf(query: ActivityQuery): ActivityFilter {
  return {
    node: query.node,
    since: query.since === undefined ? undefined : sinceOf(query.since),
    match: query.match === undefined ? undefined : regExpOf(query.match, '', 'query/match'),
    opcode: query.opcode,
  };
}

function sinceOf(text: string): number | Date {
  if (/^\d+$/.test(text)) return Number(text);
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw badRequest(`query/since must be a sequence number or an ISO 8601 time (got "${text}")`);
  return time;
}

/** A regular expression given as text; 400 naming `field` when it does not compile. */
export function regExpOf(source: string, flags: string, field: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw badRequest(`${field} is not a valid regular expression: ${(e as Error).message}`);
  }
}
