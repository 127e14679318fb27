/**
 * Where a user function's body runs: a fresh node:vm context per function, with the language's own
 * globals only (no require, process, Buffer, timers; no eval or new Function). Values handed in are
 * made with the context's own constructors (see udf-values.ts), so no object of the server's realm,
 * and through it the server's Function constructor, is reachable from the body. `timeout` is the
 * hard stop of a body that does not end (user_defined_functions_fail_timeout).
 */
import vm from 'node:vm';

/** The constructors of a sandbox's realm, to build argument values in it. */
export interface Realm {
  readonly Array: ArrayConstructor;
  readonly Map: MapConstructor;
  readonly Set: SetConstructor;
  readonly Date: DateConstructor;
  readonly Object: ObjectConstructor;
  readonly Uint8Array: Uint8ArrayConstructor;
}

/** A body that ran past the fail timeout and was stopped. */
export class ScriptTimeoutError extends Error {}

/** An exception the body threw, as Java would print it (`Throwable.toString()`). */
export class ScriptExecutionError extends Error {}

/**
 * How a body is called. A `script` body (JavaScript) runs with its arguments as global names, under
 * vm's watchdog. A `function` body (translated Java) is a function expression called directly with the
 * arguments and the timeout: its loops check the time themselves, and a body without loops always ends,
 * which spares the watchdog thread vm starts for every timed run (about 250 µs a call, against 1 µs).
 */
export type BodyForm = 'script' | 'function';

const DEFINITION_TIMEOUT_MS = 10_000;

/** The name a `function` body throws when its loops run past the timeout. */
export const SELF_TIMED_OUT = '$timeout';

export class UdfSandbox {
  readonly realm: Realm;
  private readonly context: vm.Context;
  private readonly script: vm.Script;
  private readonly fn: ((...args: unknown[]) => unknown) | null;

  /**
   * Compiles `source` (throws the SyntaxError of a body that does not compile). `prelude` runs once in
   * the context before any call: the helpers a translated body uses.
   */
  constructor(source: string, filename: string, prelude: string, form: BodyForm, private readonly bindingNames: readonly string[]) {
    this.context = vm.createContext(Object.create(null) as object, {
      name: filename, codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate',
    });
    this.realm = vm.runInContext('({ Array, Map, Set, Date, Object, Uint8Array })', this.context) as Realm;
    if (prelude !== '') vm.runInContext(prelude, this.context, { filename: `${filename}:prelude` });
    this.script = new vm.Script(source, { filename });
    // Evaluating the function expression runs none of the body; the watchdog only guards against a translation that
    // would, and is generous so that a loaded machine (the watchdog counts wall time) does not fail a CREATE FUNCTION.
    this.fn = form === 'function' ? this.script.runInContext(this.context, { timeout: DEFINITION_TIMEOUT_MS }) as (...args: unknown[]) => unknown : null;
  }

  /** Runs the body with these argument values (in binding order); the body's value is the result. */
  run(values: readonly unknown[], timeoutMs: number): unknown {
    try {
      if (this.fn !== null) return this.fn(...values, timeoutMs);
      const globals = this.context as Record<string, unknown>;
      this.bindingNames.forEach((name, i) => { globals[name] = values[i]; });
      return this.script.runInContext(this.context, { timeout: Math.max(1, timeoutMs), breakOnSigint: false });
    } catch (e) {
      if (isTimeout(e)) throw new ScriptTimeoutError('timeout');
      throw new ScriptExecutionError(describeThrown(e));
    }
  }
}

/** vm's own error for a timeout (checked by its code: it need not be an Error of this realm), or a body's. */
function isTimeout(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  return (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' || (e as { name?: unknown }).name === SELF_TIMED_OUT;
}

/** What the body threw, read defensively: it may be any value of the sandbox's realm. */
function describeThrown(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
  }
  return typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean' ? String(e) : 'exception';
}
