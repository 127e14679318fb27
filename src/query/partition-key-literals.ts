import { INTERNAL_REQUEST } from '../common/index.js';
import { checkTrue, ConsistencyLevel, InvalidRequestError } from '../errors/index.js';
import { BindSpecifications, parseTermList, prepareTerm, UNSET, type QueryOptions } from '../cql/index.js';
import type { Node } from '../cluster/index.js';
import type { TableMetadata } from '../schema/index.js';
import { executionContext } from './statement-execution.js';

/** A partition key as the partitioner places it. */
export interface DecoratedPartitionKey {
  /** The serialized key (CompositeType when the key has several columns). */
  readonly key: Buffer;
  readonly token: bigint;
}

const LITERAL_OPTIONS: QueryOptions = {
  consistency: ConsistencyLevel.ONE, serialConsistency: null, values: [], pageSize: -1, pagingState: null,
  timestamp: null, nowInSeconds: null, keyspace: null, protocolVersion: 5,
};

/**
 * The partition key of `table` written as CQL literals, one per partition key column in order (`42`,
 * `'abc', 7`, `[1, 2]`), read as the values of a WHERE clause's terms are: nodetool getendpoints with
 * the literal syntax of CQL instead of each type's string form.
 */
export function partitionKeyFromLiterals(node: Node, table: TableMetadata, literals: string): DecoratedPartitionKey {
  const { terms, bindMarkerCount } = parseTermList(literals);
  const columns = table.partitionKey;
  checkTrue(bindMarkerCount === 0, 'Bind markers have no value here: give the key as literals');
  checkTrue(terms.length === columns.length,
    `${table.keyspace}.${table.name} has ${columns.length} partition key column(s) (${columns.map((c) => c.name).join(', ')}) but ${terms.length} value(s) were given`);
  const binds = new BindSpecifications(node.schema());
  const ctx = executionContext(node, LITERAL_OPTIONS, INTERNAL_REQUEST);
  const components = terms.map((term, i) => {
    const column = columns[i]!;
    const receiver = { keyspace: table.keyspace, table: table.name, name: column.name, type: column.type };
    const value = prepareTerm(term, receiver, binds)(LITERAL_OPTIONS, ctx);
    if (value === null || value === UNSET) throw new InvalidRequestError(`Invalid null value for partition key part ${column.name}`);
    return value;
  });
  return node.partitioner.decorateKey(components);
}
