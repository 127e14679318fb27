import type { BoundValue } from '../../common/index.js';
import { serialize } from '../../types/index.js';
import type { StatementVariables } from '../activity/activity-slot.js';
import { checkPrime, consistencyLevel, listOf, oneOf, wholeNumber } from './prime-checks.js';
import { PRIME_OPCODES, type PrimeOpcode, type PrimeWhen } from './prime-spec.js';

/** One statement a request runs, as a prime sees it. */
export interface CandidateStatement {
  /** null for an EXECUTE of an id the node does not know. */
  readonly query: string | null;
  readonly values: readonly BoundValue[];
  readonly valueNames: readonly string[] | null;
  /** Its bind markers, looked for only when a prime compares values. */
  variables(): StatementVariables | null;
}

/** A request about to be handled, as a prime sees it. */
export interface PrimeCandidate {
  readonly node: number;
  readonly opcode: string;
  /** The request's consistency level (wire code), or −1 when it has none. */
  readonly consistency: number;
  /** The statement of QUERY, PREPARE and EXECUTE, the statements of a BATCH; none for the others. */
  readonly statements: readonly CandidateStatement[];
}

export type PrimeMatcher = (candidate: PrimeCandidate) => boolean;

/** Without an opcode, a prime answers the requests that run statements, not the PREPARE of its statement. */
const STATEMENT_OPCODES: readonly string[] = ['QUERY', 'EXECUTE', 'BATCH'];

/** Checks a prime's conditions once and returns the test of a request against them. */
export function compileWhen(when: PrimeWhen = {}): PrimeMatcher {
  checkPrime(typeof when === 'object' && when !== null, 'when', 'an object', when);
  const nodes = when.node === undefined ? null : listOf(when.node).map((n, i) => wholeNumber(n, `when.node${Array.isArray(when.node) ? `[${i}]` : ''}`));
  const opcodes: readonly string[] = when.opcode === undefined ? STATEMENT_OPCODES : listOf(when.opcode).map((o) => oneOf(o, 'when.opcode', PRIME_OPCODES));
  const levels = when.consistency === undefined ? null : listOf(when.consistency).map((c) => consistencyLevel(c, 'when.consistency') as number);
  const query = when.query;
  checkPrime(query === undefined || typeof query === 'string' || query instanceof RegExp, 'when.query', 'a string or a RegExp', query);
  const values = when.values;
  checkPrime(values === undefined || Array.isArray(values), 'when.values', 'a list of values', values);
  const statementMatches = query === undefined && values === undefined ? null : (s: CandidateStatement): boolean =>
    (query === undefined || textMatches(query, s.query)) && (values === undefined || valuesMatch(values, s));
  return (c) => (nodes === null || nodes.includes(c.node))
    && opcodes.includes(c.opcode)
    && (levels === null || levels.includes(c.consistency))
    && (statementMatches === null || c.statements.some(statementMatches));
}

function textMatches(query: string | RegExp, text: string | null): boolean {
  if (text === null) return false;
  if (typeof query === 'string') return query === text;
  query.lastIndex = 0;
  return query.test(text);
}

/**
 * Each expected value, in the order of the statement's bind markers, equals the value sent for that marker
 * (by position, or by name when the client named its values) once serialized by the marker's type; an
 * undefined one matches anything, null only null. Values that do not serialize to that type do not match.
 */
function valuesMatch(expected: readonly unknown[], statement: CandidateStatement): boolean {
  if (expected.every((v) => v === undefined)) return true;
  const variables = statement.variables();
  if (variables === null) return false;
  return expected.every((value, i) => {
    if (value === undefined) return true;
    const actual = sentFor(statement, variables, i);
    if (value === null || actual === null) return value === null && actual === null;
    const type = variables.boundColumns[i]?.type;
    if (!(actual instanceof Buffer) || type === undefined) return false;
    try {
      return serialize(type, value).equals(actual);
    } catch {
      return false;
    }
  });
}

/** The value sent for the `index`th bind marker; undefined when none was. */
function sentFor(statement: CandidateStatement, variables: StatementVariables, index: number): BoundValue | undefined {
  const names = statement.valueNames;
  if (names === null) return statement.values[index];
  const column = variables.boundColumns[index];
  if (column === undefined) return undefined;
  const at = names.indexOf(variables.boundNames[index] ?? column.name);
  return at < 0 ? undefined : statement.values[at];
}
