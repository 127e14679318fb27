/**
 * The Java text forms behind Cassandra's JSON: the number parsers its types call on strings
 * (Integer.parseInt and kin, new BigInteger, Double.valueOf), BigDecimal.toString, the SimpleDateFormat
 * that prints timestamps, and Jackson's string quoting.
 */
import { civilFromDays, pad2, type CivilDate } from '../calendar.js';
import type { DecimalValue } from '../big-number.js';

const JAVA_INTEGER = /^[+-]?[0-9]+$/;

/** Integer.parseInt / Long.parseLong / Short.parseShort / Byte.parseByte: undefined where Java throws. */
export function parseJavaInteger(text: string, bits: 8 | 16 | 32 | 64): bigint | undefined {
  if (!JAVA_INTEGER.test(text)) return undefined;
  const value = BigInt(text);
  return BigInt.asIntN(bits, value) === value ? value : undefined;
}

/** new BigInteger(text). */
export function parseJavaBigInteger(text: string): bigint | undefined {
  return JAVA_INTEGER.test(text) ? BigInt(text) : undefined;
}

const JAVA_DECIMAL_FLOAT = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;
const JAVA_HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)[fFdD]?$/;

/**
 * Double.valueOf(text): surrounding spaces and control characters ignored, NaN and Infinity, an optional
 * type suffix (1.5f, 2d), hexadecimal floats (0x1.8p1). Undefined where Java throws NumberFormatException.
 */
export function parseJavaDouble(text: string): number | undefined {
  const trimmed = javaTrim(text);
  if (JAVA_DECIMAL_FLOAT.test(trimmed)) return Number(trimmed.replace(/[fFdD]$/, ''));
  const hex = JAVA_HEX_FLOAT.exec(trimmed);
  if (hex === null) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = hex;
  if (whole === '' && fraction === '') return undefined;
  const magnitude = Number(BigInt('0x0' + whole + fraction)) * 2 ** (Number(exponent) - 4 * fraction.length);
  return sign === '-' ? -magnitude : magnitude;
}

/** String.trim(): strips every character up to U+0020 from both ends. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/**
 * BigDecimal.toString: plain when the scale is not negative and the value is not below 10^-6, else
 * scientific with one digit before the point (1.23E-12, 1E+3).
 */
export function formatJavaBigDecimal({ unscaled, scale }: DecimalValue): string {
  const sign = unscaled < 0n ? '-' : '';
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  if (scale === 0) return sign + digits;
  if (scale > 0 && adjusted >= -6) {
    const point = digits.length - scale;
    const body = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
    return sign + body;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponent = adjusted === 0 ? '' : `E${adjusted > 0 ? '+' : ''}${adjusted}`;
  return sign + mantissa + exponent;
}

const MS_PER_DAY = 86_400_000n;
/** 1582-10-15T00:00Z: java.util.GregorianCalendar counts in the Julian calendar before this instant. */
const GREGORIAN_CUTOVER_MS = -12_219_292_800_000n;
const UNIX_EPOCH_JULIAN_DAY = 2_440_588;

/**
 * TimestampSerializer's JSON form, SimpleDateFormat("yyyy-MM-dd HH:mm:ss.SSSX") in UTC:
 * 2014-01-01 00:00:00.000Z. Like java.util's calendar, instants before the Gregorian reform print as Julian
 * dates, and years before 1 AD as years of the era (no sign).
 */
export function formatJsonTimestamp(ms: bigint): string {
  const rest = ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const days = Number((ms - rest) / MS_PER_DAY);
  const date = ms < GREGORIAN_CUTOVER_MS ? julianFromDays(days) : civilFromDays(days);
  const millisOfDay = Number(rest);
  const seconds = Math.floor(millisOfDay / 1000);
  const year = String(date.year <= 0 ? 1 - date.year : date.year).padStart(4, '0');
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  return `${year}-${pad2(date.month)}-${pad2(date.day)} ${time}.${String(millisOfDay % 1000).padStart(3, '0')}Z`;
}

/** The Julian-calendar date of a day counted from 1970-01-01, by way of its Julian day number. */
function julianFromDays(days: number): CivilDate {
  const c = days + UNIX_EPOCH_JULIAN_DAY + 32082;
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    year: d - 4800 + Math.floor(m / 10),
    month: m + 3 - 12 * Math.floor(m / 10),
    day: e - Math.floor((153 * m + 2) / 5) + 1,
  };
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\',
};

/** Jackson's JsonStringEncoder.quoteAsString: the inside of a JSON string, control characters as \u00XX. */
export function quoteJsonString(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) continue;
    out += text.slice(runStart, i) + (SHORT_ESCAPES[code] ?? `\\u00${code.toString(16).toUpperCase().padStart(2, '0')}`);
    runStart = i + 1;
  }
  return out + text.slice(runStart);
}
