import { FunctionFailureError } from '../../errors/index.js';
import {
  formatCqlType, fromJsonValue, native, parseJson, toJsonText, type CqlType, type JsonValue,
} from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';

/** FromJsonFct.getInstance: fromJson(text) returning the receiver's type, named after it in messages. */
export function fromJsonFunction(type: CqlType, receiver: string): ScalarFunction {
  return { kind: 'scalar', name: 'fromjson', argTypes: [native('text')], returnType: type, execute: ([a]) => fromJson(type, a ?? null, receiver) };
}

/** ToJsonFct.getInstance: toJson(x) for an argument of a known type. */
export function toJsonFunction(type: CqlType): ScalarFunction {
  return { kind: 'scalar', name: 'tojson', argTypes: [type], returnType: native('text'), execute: ([a]) => toJson(type, a ?? null) };
}

/** toJson(x) (ToJsonFct): the JSON text of any value; null gives the text `null`. */
function toJson(type: CqlType, value: Buffer | null): Buffer {
  return Buffer.from(value === null ? 'null' : toJsonText(type, value), 'utf8');
}

/**
 * fromJson(text) (FromJsonFct): the value of the receiver's type that the JSON text stands for; JSON null
 * and a null argument give null. Undecodable JSON or a value of the wrong shape is a function failure.
 */
function fromJson(type: CqlType, text: Buffer | null, receiver: string): Buffer | null {
  if (text === null) return null;
  const json = text.toString('utf8');
  const fail = (message: string): FunctionFailureError =>
    new FunctionFailureError(`execution of 'system.fromjson[text]' failed: ${message}`, 'system', 'fromjson', ['text']);
  let parsed: JsonValue;
  try {
    parsed = parseJson(json);
  } catch (e) {
    // A huge text is cut short, so that the reason still fits in the error message.
    const shown = json.length <= 1000 ? json : `${json.slice(0, 100)}...`;
    throw fail(`Could not decode JSON string '${shown}': ${(e as Error).message}`);
  }
  if (parsed === null) return null;
  try {
    return fromJsonValue(type, parsed, receiver);
  } catch (e) {
    throw fail(`${(e as Error).message} (for ${formatCqlType(type)})`);
  }
}
