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

export class UdfSandbox {
  readonly realm: Realm;
  private readonly context: vm.Context;
  private readonly script: vm.Script;

  /**
   * Compiles `source` (throws the SyntaxError of a body that does not compile). `prelude` runs once in
   * the context before any call: the helpers a translated body uses.
   */
  constructor(source: string, filename: string, prelude = '') {
    this.context = vm.createContext(Object.create(null) as object, {
      name: filename, codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate',
    });
    this.realm = vm.runInContext('({ Array, Map, Set, Date, Object, Uint8Array })', this.context) as Realm;
    if (prelude !== '') vm.runInContext(prelude, this.context, { filename: `${filename}:prelude` });
    this.script = new vm.Script(source, { filename });
  }

  /** Runs the body with `bindings` as global names; its completion value is the result. */
  run(bindings: ReadonlyMap<string, unknown>, timeoutMs: number): unknown {
    const globals = this.context as Record<string, unknown>;
    for (const [name, value] of bindings) globals[name] = value;
    try {
      return this.script.runInContext(this.context, { timeout: Math.max(1, timeoutMs), breakOnSigint: false });
    } catch (e) {
      if (isTimeout(e)) throw new ScriptTimeoutError('timeout');
      throw new ScriptExecutionError(describeThrown(e));
    }
  }
}

/** vm's own error for a timeout (checked by its code: it need not be an Error of this realm). */
function isTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** What the body threw, read defensively: it may be any value of the sandbox's realm. */
function describeThrown(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
  }
  return typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean' ? String(e) : 'exception';
}
