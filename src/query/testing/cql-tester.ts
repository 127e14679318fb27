/**
 * CQL for the query layer's unit tests, as Cassandra's CQLTester runs it: statements are prepared and
 * executed through a QueryProcessor, JavaScript values bound by the types the server reports for the
 * markers, rows decoded; `%s` in a statement is the table the test created last.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { requestContext, UNSET, type BoundValue } from '../../common/index.js';
import type { Cluster } from '../../cluster/index.js';
import { runUntilSettled, virtualCluster } from '../../cluster/testing/virtual-cluster.js';
import { ConsistencyLevel } from '../../errors/index.js';
import { deserialize, int32Bytes, serialize } from '../../types/index.js';
import { QueryProcessor, type BatchChildRequest, type ClientState, type RequestParameters } from '../query-processor.js';
import type { QueryResult } from '../query-result.js';

export { UNSET };

export interface Result {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** A bound value passed as it is: what the serializer would refuse, such as a list with a null element. */
export class Raw {
  constructor(readonly bytes: Buffer) {}
}

/** A serialized list of ints, null elements allowed (`IN ?` with a null among its values). */
export function intList(...values: (number | null)[]): Raw {
  const elements = values.map((v) => (v === null ? int32Bytes(-1) : Buffer.concat([int32Bytes(4), int32Bytes(v)])));
  return new Raw(Buffer.concat([int32Bytes(values.length), ...elements]));
}

export const row = (...values: unknown[]): unknown[] => values;

const PARAMETERS: RequestParameters = {
  consistency: ConsistencyLevel.ONE, serialConsistency: ConsistencyLevel.SERIAL, values: [], valueNames: null,
  skipMetadata: false, pageSize: null, pagingState: null, timestamp: null, keyspace: null, nowInSeconds: null,
};

export class CqlTester {
  private readonly state: ClientState = { keyspace: 'ks' };
  private tableCount = 0;
  private functionCount = 0;
  /** The table the test made last. */
  table = '';

  /** `settle` runs the cluster (its virtual clock) until a request's promise settles. */
  constructor(private readonly processor: QueryProcessor, private readonly settle: <T>(p: Promise<T>) => Promise<T>) {}

  async createTable(definition: string): Promise<void> {
    this.table = `t${++this.tableCount}`;
    await this.execute(`CREATE TABLE ${this.table} ${definition}`);
  }

  /**
   * CQLTester.createFunction / createAggregate: runs a CREATE FUNCTION or AGGREGATE statement whose first
   * `%s` is a new name in keyspace ks, and returns that qualified name.
   */
  async createFunction(statement: string): Promise<string> {
    const name = `ks.function_${++this.functionCount}`;
    await this.execute(statement.replace('%s', name));
    return name;
  }

  /** Prepares a statement once; each call of what it returns executes it by id (EXECUTE), without preparing again. */
  prepared(query: string): (...values: unknown[]) => Promise<Result> {
    const prepared = this.prepareQuery(query);
    return async (...values) => {
      const parameters = { ...PARAMETERS, values: bind(prepared, values) };
      return decode(await this.settle(this.processor.execute(prepared.statementId, null, parameters, this.state, 4, requestContext(null))));
    };
  }

  /** Prepares and executes a statement (UNSET leaves a marker unset). */
  async execute(query: string, ...values: unknown[]): Promise<Result> {
    const { statementId, values: bound } = this.prepare(query, values);
    return decode(await this.settle(this.processor.execute(statementId!, null, { ...PARAMETERS, values: bound }, this.state, 4, requestContext(null))));
  }

  async rows(query: string, ...values: unknown[]): Promise<Result['rows']> {
    return (await this.execute(query, ...values)).rows;
  }

  /** CQLTester.executeNetWithPaging: every row, fetched `pageSize` rows a page following the paging states. */
  async pagedRows(query: string, pageSize: number, ...values: unknown[]): Promise<Result['rows']> {
    const { statementId, values: bound } = this.prepare(query, values);
    const rows: (readonly unknown[])[] = [];
    let pagingState: Buffer | null = null;
    for (let page = 0; page < 10_000; page++) {
      const parameters: RequestParameters = { ...PARAMETERS, values: bound, pageSize, pagingState };
      const result: QueryResult = await this.settle(this.processor.execute(statementId!, null, parameters, this.state, 4, requestContext(null)));
      rows.push(...decode(result).rows);
      pagingState = result.kind === 'rows' ? result.pagingState : null;
      if (pagingState === null) return rows;
    }
    throw new Error(`paging ${query} did not end`);
  }

  /** A protocol BATCH message of prepared statements, each with its values. */
  async batch(...children: (readonly [string, ...unknown[]])[]): Promise<Result> {
    const requests = children.map(([query, ...values]) => this.prepare(query, values));
    return decode(await this.settle(this.processor.batch('LOGGED', requests, PARAMETERS, this.state, 4, requestContext(null))));
  }

  /** What executing the statement throws (undefined if it does not). */
  async error(query: string, ...values: unknown[]): Promise<unknown> {
    return this.execute(query, ...values).then(() => undefined, (e: unknown) => e);
  }

  /** CQLTester.assertInvalidMessage: executing fails with an error whose message contains `message`. */
  async assertInvalidMessage(message: string, query: string, ...values: unknown[]): Promise<void> {
    await expect(this.execute(query, ...values)).rejects.toThrow(message);
  }

  /** CQLTester.assertInvalidThrow: executing fails with an error of this class. */
  async assertErrorClass(type: abstract new (...args: never[]) => Error, query: string, ...values: unknown[]): Promise<void> {
    expect(await this.error(query, ...values)).toBeInstanceOf(type);
  }

  private prepare(query: string, values: readonly unknown[]): BatchChildRequest {
    const prepared = this.prepareQuery(query);
    return { query: null, statementId: prepared.statementId, values: bind(prepared, values) };
  }

  private prepareQuery(query: string): PreparedResult {
    const prepared = this.processor.prepare(query.replaceAll('%s', this.table), null, this.state, requestContext(null));
    if (prepared.kind !== 'prepared') throw new Error(`${query} did not prepare`);
    return prepared;
  }
}

type PreparedResult = Extract<QueryResult, { kind: 'prepared' }>;

/** JavaScript values serialized by the types of the statement's markers. */
function bind(prepared: PreparedResult, values: readonly unknown[]): BoundValue[] {
  return values.map((v, i): BoundValue => {
    if (v === UNSET || v === null) return v;
    return v instanceof Raw ? v.bytes : serialize(prepared.variables[i]!.type, v);
  });
}

function decode(result: QueryResult): Result {
  if (result.kind !== 'rows') return { columns: [], rows: [] };
  return {
    columns: result.columns.map((c) => c.name),
    rows: result.rows.map((r) => r.map((v, i) => (v === null ? null : deserialize(result.columns[i]!.type, v)))),
  };
}

/** CQLTester's own helpers as free functions, so that ported tests read as Cassandra's do. */
export interface CqlTesterFunctions {
  readonly cql: CqlTester;
  execute(query: string, ...values: unknown[]): Promise<Result>;
  rows(query: string, ...values: unknown[]): Promise<Result['rows']>;
  pagedRows(query: string, pageSize: number, ...values: unknown[]): Promise<Result['rows']>;
  createTable(definition: string): Promise<void>;
  createFunction(statement: string): Promise<string>;
  assertInvalidMessage(message: string, query: string, ...values: unknown[]): Promise<void>;
  assertErrorClass(type: abstract new (...args: never[]) => Error, query: string, ...values: unknown[]): Promise<void>;
}

/**
 * A CqlTester on node 1 of a one-node virtual-clock cluster made before the file's tests and closed
 * after them. Use it inside tests: it exists once beforeAll has run.
 */
export function useCqlTester(): CqlTesterFunctions {
  let cluster: Cluster | undefined;
  let tester: CqlTester | undefined;
  beforeAll(async () => {
    const started = await virtualCluster(1, 1, []);
    cluster = started;
    const processor = new QueryProcessor(started.node(1));
    // As the transport does: schema changes drop the prepared statements they affect.
    started.onSchemaChange((_change, before, after) => processor.schemaChanged(before, after));
    tester = new CqlTester(processor, (p) => runUntilSettled(started, p));
  });
  afterAll(() => cluster?.close());
  const cql = (): CqlTester => {
    if (tester === undefined) throw new Error('the CqlTester exists once beforeAll has run');
    return tester;
  };
  return {
    get cql(): CqlTester {
      return cql();
    },
    execute: (query, ...values) => cql().execute(query, ...values),
    rows: (query, ...values) => cql().rows(query, ...values),
    pagedRows: (query, pageSize, ...values) => cql().pagedRows(query, pageSize, ...values),
    createTable: (definition) => cql().createTable(definition),
    createFunction: (statement) => cql().createFunction(statement),
    assertInvalidMessage: (message, query, ...values) => cql().assertInvalidMessage(message, query, ...values),
    assertErrorClass: (type, query, ...values) => cql().assertErrorClass(type, query, ...values),
  };
}
