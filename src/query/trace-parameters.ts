import type { TraceSession } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import { UNSET, type BoundValue, type ColumnSpecification } from '../cql/index.js';
import { formatValue, validateValue, type CqlType } from '../types/index.js';

/**
 * What the sessions row of a traced request records (Tracing.begin as QueryMessage, ExecuteMessage,
 * BatchMessage and PrepareMessage call it): the kind of request and its parameters.
 */

interface TracedOptions {
  readonly consistency: ConsistencyLevel;
  readonly serialConsistency: ConsistencyLevel;
  readonly pageSize: number | null;
}

/** A bound value longer than this is cut, its literal closed with "...'". */
const MAX_BOUND_VALUE_LENGTH = 1000;

export function beginQuery(trace: TraceSession, query: string, options: TracedOptions): void {
  const parameters = new Map([['query', query]]);
  addOptions(parameters, options);
  trace.begin('Execute CQL3 query', parameters);
}

export function beginExecute(
  trace: TraceSession, query: string, options: TracedOptions, variables: readonly ColumnSpecification[], values: readonly BoundValue[],
): void {
  const parameters = new Map<string, string>();
  addOptions(parameters, options);
  parameters.set('query', query);
  variables.forEach((spec, i) => parameters.set(`bound_var_${i}_${spec.name}`, boundValue(spec, values[i])));
  trace.begin('Execute CQL3 prepared query', parameters);
}

export function beginBatch(trace: TraceSession, options: TracedOptions): void {
  const parameters = new Map<string, string>();
  addOptions(parameters, { ...options, pageSize: null });
  trace.begin('Execute batch of CQL3 queries', parameters);
}

export function beginPrepare(trace: TraceSession, query: string): void {
  trace.begin('Preparing CQL3 query', new Map([['query', query]]));
}

/** QueryParser.getStatement's steps for a query text. */
export function traceParsing(trace: TraceSession | null, query: string): void {
  if (trace === null) return;
  trace.trace(`Parsing ${query}`);
  trace.trace('Preparing statement');
}

function addOptions(parameters: Map<string, string>, options: TracedOptions): void {
  if (options.pageSize !== null && options.pageSize > 0) parameters.set('page_size', String(options.pageSize));
  parameters.set('consistency_level', ConsistencyLevel[options.consistency]);
  parameters.set('serial_consistency_level', ConsistencyLevel[options.serialConsistency]);
}

/** CQL3Type.toCQLLiteral of a bound value; "<unset>" for an unset one. */
function boundValue(spec: ColumnSpecification, value: BoundValue | undefined): string {
  if (value === undefined || value === UNSET) return '<unset>';
  if (value === null) return 'null';
  // A value the request refuses once bound (InvalidRequest) is recorded as its bytes: the trace must not fail first.
  if (!isValid(spec.type, value)) return `0x${value.toString('hex')}`;
  const literal = formatValue(spec.type, value);
  return literal.length > MAX_BOUND_VALUE_LENGTH ? `${literal.slice(0, MAX_BOUND_VALUE_LENGTH)}...'` : literal;
}

function isValid(type: CqlType, value: Buffer): boolean {
  try {
    validateValue(type, value);
    return true;
  } catch {
    return false;
  }
}
