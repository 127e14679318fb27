/**
 * CQL values to the values a body sees and back, as Cassandra's UDF contexts composed and decomposed
 * them (the Java driver's codecs; Nashorn's view of them for JavaScript):
 * text, ascii, uuid, timeuuid, inet → string; int, smallint, tinyint, float, double, decimal → number;
 * bigint, counter, varint, time → number (a BigInt beyond 2^53); boolean → boolean; timestamp and
 * date → Date; blob → Uint8Array; duration → { months, days, nanoseconds }; list, tuple → Array;
 * set → Set; map → Map; user type → object by field name. Empty values of non-text types are null
 * (UDFunction.makeEmptyParametersNull). Results are converted to the return type as
 * ScriptBasedUDFunction does: numbers narrowed like Number.intValue() and friends, anything else of
 * the wrong kind is a ClassCastException.
 */
import {
  deserialize, formatCqlType, formatDecimalPlain, serialize, type CqlType,
} from '../../../types/index.js';
import type { Realm } from './udf-sandbox.js';

const MS_PER_DAY = 86_400_000;

/** A result that cannot be converted to the return type. */
export class ResultTypeError extends Error {}

/** UDHelper.isNullOrEmpty: an empty value is null except for text, ascii and blob. */
export function isNullOrEmpty(type: CqlType, value: Buffer | null): boolean {
  if (value === null) return true;
  if (value.length > 0) return false;
  return !(type.kind === 'native' && (type.name === 'text' || type.name === 'ascii' || type.name === 'blob'));
}

/** A serialized argument as the body sees it. */
export function toScriptValue(type: CqlType, bytes: Buffer | null, realm: Realm): unknown {
  if (isNullOrEmpty(type, bytes)) return null;
  return fromModel(type, deserialize(type, bytes!), realm);
}

function integral(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** deserialize()'s model of a value to the body's form, built with the sandbox's constructors. */
function fromModel(type: CqlType, value: unknown, realm: Realm): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'bigint': case 'counter': case 'varint': case 'time': return integral(value as bigint);
        case 'timestamp': return new realm.Date(Number(value as bigint));
        case 'date': return new realm.Date((value as number) * MS_PER_DAY);
        case 'blob': return new realm.Uint8Array(value as Buffer);
        case 'duration': {
          const d = value as { months: number; days: number; nanoseconds: bigint };
          return realm.Object.assign(new realm.Object(), { months: d.months, days: d.days, nanoseconds: integral(d.nanoseconds) });
        }
        case 'decimal': return Number(formatDecimalPlain(value as Parameters<typeof formatDecimalPlain>[0]));
        default: return value;
      }
    case 'list': case 'vector':
      return realm.Array.from((value as unknown[]).map((e) => fromModel(type.element, e, realm)));
    case 'set':
      return new realm.Set((value as unknown[]).map((e) => fromModel(type.element, e, realm)));
    case 'map':
      return new realm.Map((value as [unknown, unknown][]).map(([k, v]) => [fromModel(type.key, k, realm), fromModel(type.value, v, realm)]));
    case 'tuple':
      return realm.Array.from((value as unknown[]).map((e, i) => fromModel(type.elements[i]!, e, realm)));
    case 'udt': {
      const out = new realm.Object() as Record<string, unknown>;
      type.fields.forEach((f, i) => { out[f.name] = fromModel(f.type, (value as unknown[])[i] ?? null, realm); });
      return out;
    }
    case 'custom': return new realm.Uint8Array(value as Buffer);
  }
}

/** The body's result serialized in the return type, or null. */
export function fromScriptValue(type: CqlType, value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  return serialize(type, toModel(type, value));
}

function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

function classCast(value: unknown, type: CqlType): ResultTypeError {
  const what = value === null ? 'null' : typeof value === 'object' ? tagOf(value) : typeof value;
  return new ResultTypeError(`java.lang.ClassCastException: ${what} cannot be cast to ${formatCqlType(type)}`);
}

/** Number.intValue() and its siblings: Java's narrowing of a double (saturating) or a long (wrapping). */
function narrow(value: number | bigint, bits: number): number {
  if (typeof value === 'bigint') return Number(BigInt.asIntN(bits, value));
  if (Number.isNaN(value)) return 0;
  const max = 2 ** 31 - 1;
  const asInt = Math.trunc(Math.min(Math.max(value, -max - 1), max));
  return bits === 32 ? asInt : Number(BigInt.asIntN(bits, BigInt(asInt)));
}

function longOf(value: number | bigint): bigint {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (Number.isNaN(value)) return 0n;
  return BigInt(Math.trunc(Math.min(Math.max(value, -(2 ** 63)), 2 ** 63 - 1)));
}

/** A result as serialize()'s model of the type, with the server's own Set/Map/Array. */
function toModel(type: CqlType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const numeric = typeof value === 'number' || typeof value === 'bigint';
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'int': if (numeric) return narrow(value, 32); break;
        case 'smallint': if (numeric) return narrow(value, 16); break;
        case 'tinyint': if (numeric) return narrow(value, 8); break;
        case 'bigint': case 'counter': case 'time': if (numeric) return longOf(value); break;
        case 'varint': if (numeric) return typeof value === 'bigint' ? value : BigInt(Math.trunc(value)); break;
        case 'float': case 'double': if (numeric) return Number(value); break;
        case 'decimal': if (numeric) return typeof value === 'bigint' ? value : String(value); break;
        case 'timestamp': if (tagOf(value) === 'Date') return BigInt((value as Date).getTime()); break;
        case 'date': if (tagOf(value) === 'Date') return Math.floor((value as Date).getTime() / MS_PER_DAY); break;
        case 'blob': if (ArrayBuffer.isView(value)) return Buffer.from((value as Uint8Array).slice()); break;
        case 'boolean': if (typeof value === 'boolean') return value; break;
        case 'duration': if (typeof value === 'object') return value; break;
        default: if (typeof value === 'string') return value;
      }
      throw classCast(value, type);
    case 'list': case 'set': case 'vector': return elements(value, type).map((e) => element(type.element, e, type));
    case 'tuple': return elements(value, type).map((e, i) => (i < type.elements.length ? toModel(type.elements[i]!, e) : e));
    case 'map': return entries(value, type).map(([k, v]) => [element(type.key, k, type), element(type.value, v, type)]);
    case 'udt': {
      if (typeof value !== 'object' || tagOf(value) !== 'Object') throw classCast(value, type);
      const record = value as Record<string, unknown>;
      return type.fields.map((f) => toModel(f.type, record[f.name]));
    }
    case 'custom':
      if (ArrayBuffer.isView(value)) return Buffer.from((value as Uint8Array).slice());
      throw classCast(value, type);
  }
}

function element(type: CqlType, value: unknown, collection: CqlType): unknown {
  if (value === null || value === undefined) throw new ResultTypeError(`java.lang.NullPointerException: null element in ${formatCqlType(collection)}`);
  return toModel(type, value);
}

function elements(value: unknown, type: CqlType): unknown[] {
  const tag = tagOf(value);
  if (tag === 'Array' || tag === 'Set') return [...(value as Iterable<unknown>)];
  throw classCast(value, type);
}

function entries(value: unknown, type: CqlType): [unknown, unknown][] {
  const tag = tagOf(value);
  if (tag === 'Map') return [...(value as Map<unknown, unknown>)];
  if (tag === 'Object') return Object.entries(value as Record<string, unknown>);
  throw classCast(value, type);
}
