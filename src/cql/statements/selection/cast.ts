import { InvalidRequestError } from '../../../errors/index.js';
import { deserialize, formatCqlType, formatValue, serialize, type CqlType } from '../../../types/index.js';

const NUMBERS = new Set(['tinyint', 'smallint', 'int', 'bigint', 'counter', 'varint', 'float', 'double', 'decimal']);
const TEXTUAL = new Set(['text', 'ascii']);

function nativeName(t: CqlType): string {
  return t.kind === 'native' ? t.name : '';
}

/** Converts a number between numeric representations (number for small and floating types, bigint for the rest). */
function toNumeric(value: unknown, to: string): unknown {
  const decimal = value as { unscaled?: bigint; scale?: number };
  const asNumber = typeof value === 'bigint' ? Number(value)
    : typeof value === 'object' && value !== null && decimal.unscaled !== undefined
      ? Number(decimal.unscaled) / 10 ** (decimal.scale ?? 0)
      : (value as number);
  if (to === 'float' || to === 'double') return asNumber;
  if (to === 'decimal') return { unscaled: BigInt(Math.round(asNumber * 1e6)), scale: 6 };
  const truncated = typeof value === 'bigint' ? value : BigInt(Math.trunc(asNumber));
  if (to === 'bigint' || to === 'counter' || to === 'varint') return to === 'varint' ? truncated : BigInt.asIntN(64, truncated);
  const bits = to === 'int' ? 32 : to === 'smallint' ? 16 : 8;
  return Number(BigInt.asIntN(bits, truncated));
}

/** CAST(x AS type) in a selection, for the conversions Cassandra's CastFcts offer (numbers and text). */
export function castFunction(from: CqlType, to: CqlType): (value: Buffer) => Buffer {
  const f = nativeName(from);
  const t = nativeName(to);
  if (f === t) return (v) => v;
  if (TEXTUAL.has(t)) {
    return (v) => Buffer.from(TEXTUAL.has(f) ? v.toString('utf8') : formatValue(from, v).replace(/^'|'$/g, ''), 'utf8');
  }
  if (NUMBERS.has(f) && NUMBERS.has(t)) return (v) => serialize(to, toNumeric(deserialize(from, v), t));
  throw new InvalidRequestError(`${formatCqlType(from)} cannot be cast to ${formatCqlType(to)}`);
}
