import { FunctionFailureError } from '../../errors/index.js';
import { formatCqlType, fromJsonValue, parseJson, toJsonText, type CqlType, type JsonValue } from '../../types/index.js';

/** Whether a call names toJson() or fromJson(), whose types depend on their argument or receiver. */
export function isJsonFunction(name: string, which: 'tojson' | 'fromjson'): boolean {
  return name === which || name === `system.${which}`;
}

/** toJson(x) (ToJsonFct): the JSON text of any value; null gives the text `null`. */
export function toJson(type: CqlType, value: Buffer | null): Buffer {
  return Buffer.from(value === null ? 'null' : toJsonText(type, value), 'utf8');
}

/**
 * fromJson(text) (FromJsonFct): the value of the receiver's type that the JSON text stands for; JSON null
 * and a null argument give null. Undecodable JSON or a value of the wrong shape is a function failure.
 */
export function fromJson(type: CqlType, text: Buffer | null, receiver: string): Buffer | null {
  if (text === null) return null;
  const json = text.toString('utf8');
  const fail = (message: string): FunctionFailureError =>
    new FunctionFailureError(`execution of 'system.fromjson[text]' failed: ${message}`, 'system', 'fromjson', ['text']);
  let parsed: JsonValue;
  try {
    parsed = parseJson(json);
  } catch (e) {
    throw fail(`Could not decode JSON string '${json}': ${(e as Error).message}`);
  }
  if (parsed === null) return null;
  try {
    return fromJsonValue(type, parsed, receiver);
  } catch (e) {
    throw fail(`${(e as Error).message} (for ${formatCqlType(type)})`);
  }
}
