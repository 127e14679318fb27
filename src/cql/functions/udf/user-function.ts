/**
 * A user-defined function as the resolver and the selectors use any function (UDFunction): compiled
 * once per definition into its own sandbox, called with Cassandra's null handling (RETURNS NULL ON NULL
 * INPUT skips the body when an argument is null or empty), time limits and failure messages.
 */
import { clientWarn } from '../../../common/index.js';
import { FunctionFailureError, InvalidRequestError } from '../../../errors/index.js';
import type { UserFunctionMetadata } from '../../../schema/index.js';
import { formatCqlType } from '../../../types/index.js';
import type { ExecutionContext } from '../../statements/query-options.js';
import { formatSignature, type ScalarFunction } from '../native-function.js';
import { translateJava } from './java/java-translator.js';
import { JAVASCRIPT_RUNTIME } from './javascript-runtime.js';
import { udfContextSource } from './udf-context.js';
import { DEFAULT_UDF_LIMITS } from './udf-limits.js';
import { ScriptExecutionError, ScriptTimeoutError, UdfSandbox } from './udf-sandbox.js';
import { ResultTypeError, fromScriptValue, isNullOrEmpty, toScriptValue } from './udf-values.js';

const compiled = new WeakMap<UserFunctionMetadata, UdfSandbox>();
const functions = new WeakMap<UserFunctionMetadata, ScalarFunction>();

/**
 * Compiles a function's body, as CREATE FUNCTION does before accepting it: an unknown language or a body
 * that does not compile is an invalid request with Cassandra's message.
 */
export function compileUserFunction(meta: UserFunctionMetadata): UdfSandbox {
  let body = compiled.get(meta);
  if (body !== undefined) return body;
  const name = `${meta.keyspace}.${meta.name}`;
  switch (meta.language) {
    case 'javascript':
      try {
        body = new UdfSandbox(meta.body, name, JAVASCRIPT_RUNTIME + udfContextSource(meta), 'script', meta.argNames);
      } catch (e) {
        throw new InvalidRequestError(`Failed to compile function '${name}' for language javascript: javax.script.ScriptException: ${String(e)}`);
      }
      break;
    case 'java': {
      const { source, prelude } = translateJava(meta);
      body = new UdfSandbox(source, name, prelude + udfContextSource(meta), 'function', []);
      break;
    }
    default:
      throw new InvalidRequestError(`Invalid language '${meta.language}' for function '${name}'`);
  }
  compiled.set(meta, body);
  return body;
}

/** The function a definition stands for; one object per definition. */
export function userScalarFunction(meta: UserFunctionMetadata): ScalarFunction {
  let fn = functions.get(meta);
  if (fn === undefined) {
    fn = {
      kind: 'scalar', keyspace: meta.keyspace, name: meta.name, argTypes: meta.argTypes, returnType: meta.returnType,
      execute: (args, ctx) => executeUserFunction(meta, fn!, args, ctx),
    };
    functions.set(meta, fn);
  }
  return fn;
}

function executeUserFunction(
  meta: UserFunctionMetadata, fn: ScalarFunction, args: readonly (Buffer | null)[], ctx: ExecutionContext,
): Buffer | null {
  if (!meta.calledOnNullInput && args.some((a, i) => isNullOrEmpty(meta.argTypes[i]!, a))) return null;
  const sandbox = compileUserFunction(meta);
  const values = meta.argTypes.map((t, i) => toScriptValue(t, args[i] ?? null, sandbox.realm));
  const limits = ctx.udfLimits ?? DEFAULT_UDF_LIMITS;
  const started = limits.nowMs();
  let result: unknown;
  try {
    result = sandbox.run(values, limits.failTimeoutMs);
  } catch (e) {
    if (e instanceof ScriptTimeoutError) throw timedOut(fn, limits.failTimeoutMs);
    if (e instanceof ScriptExecutionError) throw functionFailure(fn, e.message);
    throw e;
  }
  const elapsedMs = limits.nowMs() - started;
  if (elapsedMs > limits.failTimeoutMs) throw timedOut(fn, limits.failTimeoutMs);
  if (elapsedMs > limits.warnTimeoutMs) {
    clientWarn(ctx.request, `User defined function ${formatSignature(fn)} ran longer than ${limits.warnTimeoutMs}ms`);
  }
  ctx.request.trace?.trace(`Executed UDF ${meta.keyspace}.${meta.name} in ${Math.round(elapsedMs * 1000)}\u03bcs`);
  try {
    return fromScriptValue(meta.returnType, result);
  } catch (e) {
    if (e instanceof ResultTypeError) throw functionFailure(fn, e.message);
    throw e;
  }
}

/** FunctionExecutionException.create: `execution of 'ks.f[int, text]' failed: <cause>`. */
export function functionFailure(fn: ScalarFunction, detail: string): FunctionFailureError {
  const keyspace = fn.keyspace ?? 'system';
  const argTypes = fn.argTypes.map(formatCqlType);
  return new FunctionFailureError(`execution of '${keyspace}.${fn.name}[${argTypes.join(', ')}]' failed: ${detail}`, keyspace, fn.name, argTypes);
}

/** The fail timeout's message, with the default user_function_timeout_policy (die). */
function timedOut(fn: ScalarFunction, failTimeoutMs: number): FunctionFailureError {
  return functionFailure(fn,
    `java.util.concurrent.TimeoutException: User defined function ${formatSignature(fn)} ran longer than ${failTimeoutMs}ms - will stop Cassandra VM`);
}
