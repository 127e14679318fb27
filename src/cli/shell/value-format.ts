import cassandra from 'cassandra-driver';
import { strftime, type TimeZone } from './strftime.js';

/**
 * Values as cqlsh 6 prints them (pylib/cqlshlib/formatting.py), from what the Node.js driver decodes and
 * the column's type: True/False, 0x blobs, timestamps in cqlsh's time_format and zone, %g floats with cqlsh's
 * precision, Python's Decimal notation, quoted text inside collections, UDTs as {field: value}.
 */

const { dataTypes } = cassandra.types;

/** A column's type as the driver describes it: a code and, for collections, tuples and UDTs, its parts. */
export interface ColumnType {
  readonly code: number;
  readonly info?: unknown;
}

/** What kind of value it is, for the colours of cqlsh's DEFAULT_VALUE_COLORS. */
export type ValueKind = 'text' | 'blob' | 'number' | 'collection' | 'null';

export interface FormatOptions {
  /** Significant digits of floats and doubles (cqlsh's float_precision and double_precision, both 5 by default). */
  readonly floatPrecision: number;
  readonly doublePrecision: number;
  readonly nullText: string;
  /** cqlsh's time_format (strftime directives) and the zone timestamps show in (null: UTC). */
  readonly timestampFormat: string;
  readonly timezone: TimeZone;
}

/** cqlsh's DEFAULT_TIMESTAMP_FORMAT (unless $CQLSH_DEFAULT_TIMESTAMP_FORMAT gives another). */
export const DEFAULT_TIMESTAMP_FORMAT = '%Y-%m-%d %H:%M:%S.%f%z';

export const DEFAULT_FORMAT: FormatOptions = {
  floatPrecision: 5, doublePrecision: 5, nullText: 'null', timestampFormat: DEFAULT_TIMESTAMP_FORMAT, timezone: null,
};

/** One formatted value: its text and the kind that colours it. */
export interface Formatted {
  readonly text: string;
  readonly kind: ValueKind;
}

/** A value of a column, as cqlsh prints it in a result. */
export function formatValue(value: unknown, type: ColumnType, options: FormatOptions = DEFAULT_FORMAT): Formatted {
  if (value === null || value === undefined) return { text: options.nullText, kind: 'null' };
  return { text: formatInner(value, type, options, false), kind: kindOf(type) };
}

function kindOf(type: ColumnType): ValueKind {
  switch (type.code) {
    case dataTypes.ascii: case dataTypes.text: case dataTypes.varchar: return 'text';
    case dataTypes.blob: case dataTypes.custom: return 'blob';
    case dataTypes.list: case dataTypes.set: case dataTypes.map: case dataTypes.tuple: case dataTypes.udt: return 'collection';
    default: return 'number';
  }
}

/** `quote`: inside a collection, where text, inet and timestamps are quoted. */
function formatInner(value: unknown, type: ColumnType, options: FormatOptions, quote: boolean): string {
  switch (type.code) {
    case dataTypes.ascii: case dataTypes.text: case dataTypes.varchar:
      return formatText(String(value), quote);
    case dataTypes.blob:
      return `0x${(value as Buffer).toString('hex')}`;
    case dataTypes.boolean:
      return value === true ? 'True' : 'False';
    case dataTypes.float:
      return formatFloat(value as number, options.floatPrecision);
    case dataTypes.double:
      return formatFloat(value as number, options.doublePrecision);
    case dataTypes.decimal:
      return formatDecimal(value as cassandra.types.BigDecimal);
    case dataTypes.timestamp:
      return quoted(formatTimestamp(value as Date, options), quote);
    case dataTypes.date:
      return formatDate(value as cassandra.types.LocalDate);
    case dataTypes.time:
      return formatTime(value as cassandra.types.LocalTime);
    case dataTypes.inet:
      return quoted(String(value), quote);
    case dataTypes.duration:
      return formatDuration(value as cassandra.types.Duration);
    case dataTypes.custom:
      return formatCustom(value, type);
    case dataTypes.list:
      return `[${[...(value as unknown[])].map((v) => formatElement(v, type.info as ColumnType, options)).join(', ')}]`;
    case dataTypes.set:
      return `{${[...(value as Iterable<unknown>)].map((v) => formatElement(v, type.info as ColumnType, options)).join(', ')}}`;
    case dataTypes.map:
      return formatMap(value as Map<unknown, unknown>, type.info as readonly [ColumnType, ColumnType], options);
    case dataTypes.tuple:
      return formatTuple(value as cassandra.types.Tuple, type.info as readonly ColumnType[], options);
    case dataTypes.udt:
      return formatUdt(value as Record<string, unknown>, type.info as UdtInfo, options);
    default:
      // int, bigint, counter, varint, smallint, tinyint, uuid, timeuuid: their decimal or canonical text.
      return String(value);
  }
}

function quoted(text: string, quote: boolean): string {
  return quote ? `'${text}'` : text;
}

/** An element of a list, set or map: quoted text; a null (possible in a frozen collection) as cqlsh's Python shows None. */
function formatElement(value: unknown, type: ColumnType, options: FormatOptions): string {
  if (value === null || value === undefined) return 'None';
  return formatInner(value, type, options, true);
}

function formatMap(value: Map<unknown, unknown>, types: readonly [ColumnType, ColumnType], options: FormatOptions): string {
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${formatElement(k, types[0], options)}: ${formatElement(v, types[1], options)}`).join(', ')}}`;
}

function formatTuple(value: cassandra.types.Tuple, types: readonly ColumnType[], options: FormatOptions): string {
  return `(${value.elements.map((v: unknown, i: number) => formatElement(v, types[i]!, options)).join(', ')})`;
}

interface UdtInfo {
  readonly fields: readonly { readonly name: string; readonly type: ColumnType }[];
}

/** A UDT: field names unquoted, a null field as the null text (format_value_utype). */
function formatUdt(value: Record<string, unknown>, info: UdtInfo, options: FormatOptions): string {
  const fields = info.fields.map((f) => {
    const v = value[f.name];
    return `${formatText(f.name, false)}: ${v === null || v === undefined ? options.nullText : formatInner(v, f.type, options, true)}`;
  });
  return `{${fields.join(', ')}}`;
}

/** Protocol v4 sends durations as a custom type; other custom types print as blobs. */
function formatCustom(value: unknown, type: ColumnType): string {
  if (typeof type.info === 'string' && type.info.endsWith('DurationType') && value instanceof cassandra.types.Duration) return formatDuration(value);
  return Buffer.isBuffer(value) ? `0x${value.toString('hex')}` : String(value);
}

/**
 * Text as cqlsh shows it: backslashes doubled, control characters as Python escapes (\n, \x07), and
 * inside collections quoted with '' for a quote.
 */
export function formatText(text: string, quote: boolean): string {
  let escaped = text.replace(/\\/g, '\\\\');
  if (quote) escaped = escaped.replace(/'/g, "''");
  escaped = escaped.replace(/[\x00-\x1f\x7f-\xa0]/g, (c) => {
    const named: Readonly<Record<string, string>> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return quote ? `'${escaped}'` : escaped;
}

/**
 * format_floating_point_type: %g with `precision` significant digits, widened by the digits left of the
 * point when %g would not use an exponent anyway (exponent from -4 to precision - 1).
 */
export function formatFloat(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const exponent = Math.abs(value) > Number.EPSILON ? Math.trunc(Math.log10(Math.abs(value))) : Number.MIN_SAFE_INTEGER;
  const digits = exponent >= -4 && exponent < precision ? precision + exponent + 1 : precision;
  return formatG(value, digits);
}

/** C's %.{digits}g. */
export function formatG(value: number, digits: number): string {
  const p = Math.max(1, digits);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const abs = Math.abs(value);
  if (abs === 0) return `${sign}0`;
  const [mantissa, exp] = abs.toExponential(Math.min(p - 1, 100)).split('e') as [string, string];
  const x = Number(exp);
  if (x < -4 || x >= p) {
    const m = stripZeros(mantissa);
    return `${sign}${m}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  }
  return `${sign}${stripZeros(abs.toFixed(Math.min(p - 1 - x, 100)))}`;
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Python's str(Decimal): plain unless the scale is negative or the number is below 1E-6. */
export function formatDecimal(value: cassandra.types.BigDecimal): string {
  const bytes = cassandra.types.BigDecimal.toBuffer(value);
  const scale = bytes.readInt32BE(0);
  const unscaled = cassandra.types.Integer.fromBuffer(bytes.subarray(4)).toString();
  const negative = unscaled.startsWith('-');
  const digits = negative ? unscaled.slice(1) : unscaled;
  const exponent = -scale;
  const leftDigits = exponent + digits.length;
  const dot = exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
  let text: string;
  if (dot <= 0) text = `0.${'0'.repeat(-dot)}${digits}`;
  else if (dot >= digits.length) text = digits + '0'.repeat(dot - digits.length);
  else text = `${digits.slice(0, dot)}.${digits.slice(dot)}`;
  if (leftDigits !== dot) {
    const e = leftDigits - dot;
    text += `E${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  return (negative ? '-' : '') + text;
}

/** strftime with cqlsh's time_format in its zone; outside years 1 to 9999 (beyond Python's datetime) milliseconds since the epoch. */
export function formatTimestamp(value: Date, options: Pick<FormatOptions, 'timestampFormat' | 'timezone'> = DEFAULT_FORMAT): string {
  return strftime(options.timestampFormat, value.getTime(), options.timezone) ?? String(value.getTime());
}

/** A date; outside Python's years 1 to 9999 the days since the epoch, as the Python driver's Date prints. */
function formatDate(value: cassandra.types.LocalDate): string {
  const text = value.toString();
  if (!/^\d{4}-\d\d-\d\d$/.test(text) || (value.year >= 1 && value.year <= 9999)) return text;
  const date = new Date(0);
  date.setUTCFullYear(value.year, value.month - 1, value.day);
  return String(Math.round(date.getTime() / 86_400_000));
}

/** The Python driver's Time: HH:MM:SS.nnnnnnnnn. */
function formatTime(value: cassandra.types.LocalTime): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(value.hour)}:${two(value.minute)}:${two(value.second)}.${String(value.nanosecond).padStart(9, '0')}`;
}

const NANOS_PER: readonly [bigint, string][] = [
  [3_600_000_000_000n, 'h'], [60_000_000_000n, 'm'], [1_000_000_000n, 's'], [1_000_000n, 'ms'], [1000n, 'us'], [1n, 'ns'],
];

/** duration_as_str: 1y2mo3d4h5m6s7ms8us9ns, units with nothing in them left out. */
export function formatDuration(value: cassandra.types.Duration): string {
  const { months, days } = value as unknown as { months: number; days: number };
  const nanos = BigInt((value as unknown as { nanoseconds: { toString(): string } }).nanoseconds.toString());
  const parts: string[] = months < 0 || days < 0 || nanos < 0n ? ['-'] : [];
  const absMonths = Math.abs(months);
  if (absMonths >= 12) parts.push(`${Math.floor(absMonths / 12)}y`);
  if (absMonths % 12 !== 0) parts.push(`${absMonths % 12}mo`);
  if (days !== 0) parts.push(`${Math.abs(days)}d`);
  let rest = nanos < 0n ? -nanos : nanos;
  for (const [size, unit] of NANOS_PER) {
    if (rest >= size) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}
