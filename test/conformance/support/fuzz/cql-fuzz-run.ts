/**
 * Runs seeded CQL statements (cql-grammar.ts), some of them mutated, through a Node driver client and
 * sorts every answer: a result, or an error by its protocol code. Answers a real Cassandra gives to bad
 * or unlucky statements (SyntaxError, InvalidRequest, ConfigurationException, AlreadyExists, FunctionFailure)
 * and refusals by the driver itself are fine; anything else (a ServerError, another code, a timeout, a lost
 * connection) is a finding, reported with the seed, index and statement that replay it. Statement i of a
 * seed depends on nothing else, so one finding replays alone.
 */
import cassandra from 'cassandra-driver';
import { CqlGrammar, FUZZ_SCHEMA, mutateStatement } from './cql-grammar.js';
import { Dice } from './fields.js';

export interface CqlFuzzOptions {
  readonly seed: number;
  /** Statements to run at most. */
  readonly count: number;
  /** Stop starting statements after this long. */
  readonly timeLimitMs: number;
  /** Statements in flight at once. */
  readonly concurrency?: number;
}

export interface CqlFuzzFinding {
  readonly seed: number;
  readonly index: number;
  readonly prepared: boolean;
  readonly statement: string;
  readonly outcome: string;
}

export interface CqlFuzzReport {
  readonly executed: number;
  readonly elapsedMs: number;
  /** Answers by kind: 'result', '0x2200 Invalid', 'driver ArgumentError', … */
  readonly tally: Record<string, number>;
  readonly findings: CqlFuzzFinding[];
}

/** Protocol error codes a real Cassandra answers bad statements with. */
const EXPECTED_CODES: ReadonlyMap<number, string> = new Map([
  [0x2000, 'Syntax'], [0x2200, 'Invalid'], [0x2300, 'Config'], [0x2400, 'AlreadyExists'], [0x1400, 'FunctionFailure'],
]);
/** Driver errors that mean the request was refused before it was sent, not that the server misbehaved. */
const DRIVER_REFUSALS: ReadonlySet<string> = new Set(['ArgumentError', 'TypeError', 'RangeError']);

/** What statement `index` of `seed` is, and whether it is prepared: the same on every run. */
export function fuzzStatement(seed: number, index: number): { statement: string; prepared: boolean } {
  const dice = new Dice(((seed * 1_000_003) ^ (index * 2_654_435_761)) >>> 0);
  const statement = new CqlGrammar(dice).statement();
  const mutated = dice.chance(0.5) ? mutateStatement(dice, statement) : statement;
  return { statement: mutated, prepared: dice.chance(0.25) };
}

/** Creates the keyspace, user type and tables the grammar draws from. */
export async function createFuzzSchema(client: cassandra.Client, replicationFactor: number): Promise<void> {
  for (const statement of FUZZ_SCHEMA) await client.execute(statement.replace('%RF%', String(replicationFactor)));
}

function classify(error: unknown): { kind: string; expected: boolean } {
  if (error instanceof cassandra.errors.ResponseError) {
    const name = EXPECTED_CODES.get(error.code);
    const hex = `0x${error.code.toString(16).padStart(4, '0')}`;
    return { kind: `${hex} ${name ?? 'unexpected'}`, expected: name !== undefined };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return { kind: `driver ${name}`, expected: DRIVER_REFUSALS.has(name) };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = error instanceof cassandra.errors.ResponseError ? `0x${error.code.toString(16)} ` : '';
  return `${error.name} ${code}${error.message.slice(0, 300)}`;
}

export async function runCqlFuzz(client: cassandra.Client, options: CqlFuzzOptions): Promise<CqlFuzzReport> {
  const tally: Record<string, number> = {};
  const findings: CqlFuzzFinding[] = [];
  const started = performance.now();
  let next = 0;
  let executed = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count && performance.now() - started < options.timeLimitMs) {
      const index = next++;
      const { statement, prepared } = fuzzStatement(options.seed, index);
      let kind = 'result';
      try {
        await client.execute(statement, [], { prepare: prepared });
      } catch (error) {
        const outcome = classify(error);
        kind = outcome.kind;
        if (!outcome.expected) findings.push({ seed: options.seed, index, prepared, statement, outcome: describeError(error) });
      }
      tally[kind] = (tally[kind] ?? 0) + 1;
      executed++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { executed, elapsedMs: performance.now() - started, tally, findings };
}

/** A finding as a line to read and replay. */
export function formatFinding(f: CqlFuzzFinding): string {
  const shown = f.statement.length > 500 ? `${f.statement.slice(0, 500)}… (${f.statement.length} chars)` : f.statement;
  return `seed ${f.seed} #${f.index}${f.prepared ? ' (prepared)' : ''}: ${f.outcome}\n    ${JSON.stringify(shown)}`;
}
