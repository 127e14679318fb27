import { columnsText, rowsFitColumns, type Cluster, type CompiledRows, type PrimeAction } from '../../cluster/index.js';
import type { ConsistencyLevel } from '../../errors/index.js';
import { KvError } from '../../kv/index.js';
import type { PreparedEntry, QueryResult } from '../../query/index.js';

/** One statement of a KV request, as a prime sees it: a driver's QUERY or EXECUTE on the coordinator node. */
export interface KvPrimeCandidate {
  readonly nodeId: number;
  readonly opcode: 'EXECUTE' | 'QUERY';
  readonly cql: string;
  readonly entry: PreparedEntry | null;
  readonly values: readonly (Buffer | null)[];
  readonly consistency: ConsistencyLevel;
  /** How long the request's client waits for an answer that never comes (the coordinator's timeout for the statement). */
  readonly timeoutMs: number;
}

/**
 * The answer of the newest prime matching a KV statement, or null when none does. A KV request is a CQL
 * client of the cluster, so primes answer its statements as they answer a driver's: an error is thrown as
 * the coordinator's error, rows and VOID stand for the result, a delay runs the statement later. What a
 * driver would see as a broken connection is a 502, and a request held without an answer a 504 once the
 * coordinator's timeout for the statement has passed (a driver would time out too).
 */
export function primedKvAnswer(
  cluster: Cluster, statement: KvPrimeCandidate, realAnswer: () => Promise<QueryResult>,
): { readonly primeId: number; readonly answer: Promise<QueryResult> } | null {
  if (cluster.primes.isEmpty) return null;
  const { entry, values } = statement;
  const primed = cluster.primes.take({
    node: statement.nodeId, opcode: statement.opcode, consistency: statement.consistency,
    statements: [{ query: statement.cql, values, valueNames: null, variables: () => entry?.prepared ?? null }],
  });
  if (primed === null) return null;
  return { primeId: primed.id, answer: answerOf(cluster, primed.id, primed.action, statement, realAnswer) };
}

function answerOf(
  cluster: Cluster, primeId: number, action: PrimeAction, statement: KvPrimeCandidate, realAnswer: () => Promise<QueryResult>,
): Promise<QueryResult> {
  switch (action.kind) {
    case 'error':
      return later(cluster, action.delayMs, () => { throw action.build(statement.consistency, statement.entry?.id ?? null); });
    case 'delay':
      return later(cluster, action.delayMs, realAnswer);
    case 'void':
      return later(cluster, action.delayMs, () => ({ kind: 'void' }));
    case 'rows':
      return later(cluster, action.delayMs, () => rowsResult(action.rows, statement.entry, primeId));
    case 'close-connection':
      return later(cluster, action.delayMs, () => {
        throw new KvError(502, `The coordinator closed the connection instead of answering (prime ${primeId})`);
      });
    case 'no-answer':
      return later(cluster, statement.timeoutMs, () => {
        throw new KvError(504, `The coordinator did not answer within ${statement.timeoutMs} ms (prime ${primeId})`);
      });
  }
}

/** Runs `answer` after `delayMs` of the cluster's clock (a virtual clock moves it). */
function later(cluster: Cluster, delayMs: number, answer: () => QueryResult | Promise<QueryResult>): Promise<QueryResult> {
  if (delayMs === 0) return new Promise((resolve) => resolve(answer()));
  return new Promise((resolve, reject) => {
    cluster.scheduler.schedule(delayMs, () => {
      try {
        resolve(answer());
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

/**
 * Primed rows as the coordinator's result. The KV API reads a SELECT's columns by position, so rows for one
 * must have its result columns' types; anything else is an answer it cannot read (502), as a client whose
 * prepared metadata no longer fits would fail.
 */
function rowsResult(rows: CompiledRows, entry: PreparedEntry | null, primeId: number): QueryResult {
  const expected = entry?.prepared.resultColumns ?? [];
  if (expected.length > 0 && !rowsFitColumns(rows, expected)) {
    throw new KvError(502, `The coordinator answered rows of (${columnsText(rows.columns)}) where the key-value API reads (${columnsText(expected)}) (prime ${primeId})`);
  }
  const keyspace = rows.keyspace ?? entry?.keyspace ?? '';
  const columns = rows.columns.map((c) => ({ keyspace, table: rows.table, name: c.name, type: c.type }));
  return { kind: 'rows', columns, rows: rows.rows, pagingState: null, skipMetadata: false, newMetadataId: null };
}
