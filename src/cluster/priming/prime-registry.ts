import type { UserTypeResolver } from '../../types/index.js';
import { checkPrime, listOf, wholeNumber } from './prime-checks.js';
import { compileError, type ErrorBuilder, type FailureEndpoints } from './primed-error.js';
import { compileRows, type CompiledRows } from './primed-rows.js';
import { compileWhen, type PrimeCandidate, type PrimeMatcher } from './prime-matcher.js';
import type { PrimeSpec, PrimeThen, PrimeWhen } from './prime-spec.js';

/** What a prime does instead of (or before) the real answer. */
export type PrimeAction =
  | { readonly kind: 'error'; readonly delayMs: number; readonly build: ErrorBuilder }
  | { readonly kind: 'rows'; readonly delayMs: number; readonly rows: CompiledRows }
  | { readonly kind: 'void'; readonly delayMs: number }
  /** The real answer, later. */
  | { readonly kind: 'delay'; readonly delayMs: number }
  | { readonly kind: 'no-answer'; readonly delayMs: 0 }
  | { readonly kind: 'close-connection'; readonly delayMs: number };

/** A prime as `prime()` returns it. */
export interface PrimeHandle {
  readonly id: number;
  /** What it was primed with. */
  readonly spec: PrimeSpec;
  /** Requests it has answered. */
  readonly matchedCount: number;
  /** Requests it will still answer (Infinity: until removed; 0: it is gone). */
  readonly remaining: number;
  /** Removes it; false if it was gone already (removed, cleared or used up). */
  remove(): boolean;
}

class Prime implements PrimeHandle {
  matchedCount = 0;
  remaining: number;

  constructor(
    readonly id: number, readonly spec: PrimeSpec, readonly matches: PrimeMatcher, readonly action: PrimeAction, times: number,
    private readonly registry: PrimeRegistry,
  ) {
    this.remaining = times;
  }

  remove(): boolean {
    return this.registry.remove(this.id);
  }
}

/** What the registry needs from its cluster to check primes: replicas' endpoints, user types. */
export interface PrimeContext {
  readonly endpoints: FailureEndpoints;
  readonly userTypes: UserTypeResolver;
}

const STATEMENT_OPCODES = new Set(['QUERY', 'EXECUTE', 'BATCH']);

/**
 * The primes of a cluster. Each request a node receives is offered to them before it is handled; the
 * newest prime that matches answers it (so a test may override a broader prime made earlier), and a prime
 * used up removes itself.
 */
export class PrimeRegistry {
  /** Oldest first. */
  private primes: Prime[] = [];
  private nextId = 1;

  constructor(private readonly context: PrimeContext) {}

  get isEmpty(): boolean {
    return this.primes.length === 0;
  }

  /** Checks and adds a prime; TypeError naming the field when something in it is wrong. */
  add(spec: PrimeSpec): PrimeHandle {
    checkPrime(typeof spec === 'object' && spec !== null, 'the prime', 'an object { when, then, times }', spec);
    const matches = compileWhen(spec.when);
    const action = compileThen(spec.then, spec.when, this.context);
    const times = spec.times === undefined || spec.times === Infinity ? Infinity : spec.times === 'once' ? 1 : wholeNumber(spec.times, 'times');
    checkPrime(times > 0, 'times', 'at least 1 (or left out: until removed)', spec.times);
    const prime = new Prime(this.nextId++, spec, matches, action, times, this);
    this.primes.push(prime);
    return prime;
  }

  remove(id: number): boolean {
    const index = this.primes.findIndex((p) => p.id === id);
    if (index < 0) return false;
    this.primes[index]!.remaining = 0;
    this.primes.splice(index, 1);
    return true;
  }

  clear(): void {
    for (const p of this.primes) p.remaining = 0;
    this.primes = [];
  }

  /** The primes in force, oldest first. */
  list(): readonly PrimeHandle[] {
    return [...this.primes];
  }

  /** The newest prime matching the request, its use counted; null when none does. */
  take(candidate: PrimeCandidate): { readonly id: number; readonly action: PrimeAction } | null {
    for (let i = this.primes.length - 1; i >= 0; i--) {
      const prime = this.primes[i]!;
      if (!prime.matches(candidate)) continue;
      prime.matchedCount++;
      if (--prime.remaining === 0) this.primes.splice(i, 1);
      return prime;
    }
    return null;
  }
}

function compileThen(then: PrimeThen, when: PrimeWhen | undefined, context: PrimeContext): PrimeAction {
  checkPrime(typeof then === 'object' && then !== null, 'then', 'an object', then);
  const givenDelayMs = (then as { readonly delayMs?: number }).delayMs;
  const delayMs = givenDelayMs === undefined ? 0 : wholeNumber(givenDelayMs, 'then.delayMs');
  const kinds = (['error', 'columns', 'void', 'noAnswer', 'closeConnection'] as const).filter((k) => k in then);
  checkPrime(kinds.length <= 1, 'then', 'one of an error, rows, void, noAnswer or closeConnection', then);
  if ('error' in then) return { kind: 'error', delayMs, build: compileError(then, context.endpoints) };
  if ('columns' in then || 'rows' in then) {
    answersStatements(when, 'then.rows');
    return { kind: 'rows', delayMs, rows: compileRows(then as Extract<PrimeThen, { columns: unknown }>, context.userTypes) };
  }
  if ('void' in then) {
    checkPrime(then.void === true, 'then.void', 'true', then.void);
    answersStatements(when, 'then.void');
    return { kind: 'void', delayMs };
  }
  if ('noAnswer' in then) {
    checkPrime(then.noAnswer === true && delayMs === 0, 'then.noAnswer', 'true, without delayMs', then);
    return { kind: 'no-answer', delayMs: 0 };
  }
  if ('closeConnection' in then) {
    checkPrime(then.closeConnection === true, 'then.closeConnection', 'true', then.closeConnection);
    return { kind: 'close-connection', delayMs };
  }
  checkPrime(givenDelayMs !== undefined, 'then', 'an error, rows, void, noAnswer, closeConnection or delayMs', then);
  return { kind: 'delay', delayMs };
}

/** A RESULT is an answer to a statement: such a prime may only match QUERY, EXECUTE and BATCH. */
function answersStatements(when: PrimeWhen | undefined, field: string): void {
  const opcodes = when?.opcode === undefined ? [] : listOf(when.opcode);
  const other = opcodes.find((o) => !STATEMENT_OPCODES.has(o));
  checkPrime(other === undefined, field, 'primed for QUERY, EXECUTE or BATCH only', other);
}
