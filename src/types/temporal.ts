/**
 * timestamp, date and time literals: parsing as Cassandra's TimestampSerializer (java.time formats, 4.1+),
 * SimpleDateSerializer and TimeSerializer do, and printing in the forms Cassandra uses. Zone-less
 * timestamps are read in UTC, the time zone Cassanova's nodes run in.
 */
import { InvalidRequestError } from '../errors/index.js';
import { civilFromDays, daysFromCivil, daysInMonth, formatCivilDate, pad2 } from './calendar.js';

const MS_PER_DAY = 86_400_000;
const NANOS_PER_DAY = 86_400_000_000_000n;
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;
const RAW_NUMBER = /^-?\d+$/;

/** y-M-d, then optionally [T or space]H:m[:s][.fraction], then an optional zone. */
const TIMESTAMP_PATTERN =
  /^(\d{1,9})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d{0,9}))?)?(.*)$/;
const OFFSET_PATTERN = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const ZONE_NAMES: ReadonlySet<string> = new Set(['UTC', 'GMT', 'UT', 'Z', 'Coordinated Universal Time',
  'Greenwich Mean Time']);

/** Milliseconds since the epoch for a timestamp literal; `nowMs` answers 'now'. */
export function parseTimestamp(text: string, nowMs?: () => number): bigint {
  if (text.toLowerCase() === 'now' && nowMs !== undefined) return BigInt(Math.floor(nowMs()));
  if (RAW_NUMBER.test(text)) {
    const value = BigInt(text);
    if (value < LONG_MIN || value > LONG_MAX) {
      throw new InvalidRequestError(`Unable to make long (for date) from: '${text}'`);
    }
    return value;
  }
  const ms = parseDateTime(text);
  if (ms === undefined) throw new InvalidRequestError(`Unable to parse a date/time from '${text}'`);
  return BigInt(ms);
}

function parseDateTime(text: string): number | undefined {
  const m = TIMESTAMP_PATTERN.exec(text);
  if (m === null) return undefined;
  const [year, month, dayText] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  if (!hasTime && (m[1]!.length < 4 || m[2]!.length !== 2 || m[3]!.length !== 2)) return undefined;
  const [hour, minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (year < 1 || month < 1 || month > 12 || dayText < 1 || dayText > 31) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMs = parseZone(m[9]!);
  if (offsetMs === undefined) return undefined;
  // java.time's SMART resolver moves an impossible day (Feb 30) back to the month's last day.
  const day = Math.min(dayText, daysInMonth(year, month));
  const millis = Math.floor(Number(((m[8] ?? '') + '000').slice(0, 3)));
  const ms = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis
    - offsetMs;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The zone suffix: none, an ISO offset (Z, +01, +0100, +01:00), or ' ' then an offset or a UTC name. */
function parseZone(zone: string): number | undefined {
  if (zone === '') return 0;
  const spaced = zone.startsWith(' ');
  const body = spaced ? zone.slice(1) : zone;
  if (body === 'Z' || (spaced && ZONE_NAMES.has(body))) return 0;
  const offset = OFFSET_PATTERN.exec(body);
  if (offset === null) return undefined;
  const hours = Number(offset[2]);
  const minutes = Number(offset[3] ?? 0);
  if (hours > 18 || minutes > 59) return undefined;
  return (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Cassandra's UTC form for timestamps: 2024-01-02T03:04:05.000Z. */
export function formatTimestamp(ms: bigint): string {
  const msNumber = Number(ms);
  const days = Math.floor(msNumber / MS_PER_DAY);
  let rest = msNumber - days * MS_PER_DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const time = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}`;
  return `${formatCivilDate(civilFromDays(days))}T${time}.${String(millis).padStart(3, '0')}Z`;
}

const DATE_PATTERN = /^(-?\d{4}|[+-]\d{5,10})-(\d{2})-(\d{2})$/;
const EPOCH_DAY_SHIFT = 2 ** 31;
const MIN_EPOCH_DAY = -(2 ** 31);
const MAX_EPOCH_DAY = 2 ** 31 - 1;

/**
 * A date literal as its wire form: an unsigned day count with the epoch at 2^31 (spec §6.7). Bare
 * integers are already in that form.
 */
export function parseDate(text: string): number {
  if (RAW_NUMBER.test(text)) {
    const raw = Number(text);
    if (raw < 0 || raw > 2 ** 32 - 1 || text.length > 12) {
      throw new InvalidRequestError(`Unable to make unsigned int (for date) from: '${text}'`);
    }
    return raw;
  }
  const m = DATE_PATTERN.exec(text);
  const [year, month, day] = m === null ? [0, 0, 0] : [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m === null || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidRequestError(`Unable to coerce '${text}' to a formatted date (long)`);
  }
  const epochDay = daysFromCivil(year, month, day);
  if (epochDay < MIN_EPOCH_DAY) {
    throw new InvalidRequestError(`Input date ${text} is less than min supported date ${dateTimeText(MIN_EPOCH_DAY)}`);
  }
  if (epochDay > MAX_EPOCH_DAY) {
    throw new InvalidRequestError(`Input date ${text} is greater than max supported date ${dateTimeText(MAX_EPOCH_DAY)}`);
  }
  return epochDay + EPOCH_DAY_SHIFT;
}

function dateTimeText(epochDay: number): string {
  return `${formatCivilDate(civilFromDays(epochDay))}T00:00Z`;
}

/** Signed days since the epoch from the unsigned wire form. */
export function epochDayOf(rawDate: number): number {
  return rawDate - EPOCH_DAY_SHIFT;
}

export function rawDateOf(epochDay: number): number {
  return epochDay + EPOCH_DAY_SHIFT;
}

/** ISO local date of the unsigned wire form: 2024-01-02. */
export function formatDate(rawDate: number): string {
  return formatCivilDate(civilFromDays(epochDayOf(rawDate)));
}

const JAVA_INT = /^[+-]?\d{1,10}$/;

/** Nanoseconds since midnight for a time literal (TimeSerializer.timeStringToLong). */
export function parseTime(text: string): bigint {
  if (RAW_NUMBER.test(text)) {
    const value = BigInt(text);
    if (value < 0n || value >= NANOS_PER_DAY) {
      throw new InvalidRequestError(`Unable to make long (for time) from: '${text}'`);
    }
    return value;
  }
  const nanos = parseTimeOfDay(text.trim());
  if (nanos === undefined) {
    throw new InvalidRequestError(`(TimeType) Unable to coerce '${text}' to a formatted time (long)`);
  }
  return nanos;
}

function parseTimeOfDay(s: string): bigint | undefined {
  const first = s.indexOf(':');
  const second = s.indexOf(':', first + 1);
  if (first <= 0 || second <= 0 || second >= s.length - 1) return undefined;
  const period = s.indexOf('.', second + 1);
  const fields = [s.slice(0, first), s.slice(first + 1, second), period > 0 ? s.slice(second + 1, period) : s.slice(second + 1)];
  if (!fields.every((f) => JAVA_INT.test(f))) return undefined;
  const [hour, minute, sec] = fields.map(Number) as [number, number, number];
  if (hour < 0 || hour >= 24 || minute < 0 || minute >= 60 || sec < 0 || sec >= 60) return undefined;
  let fraction = 0n;
  if (period > 0) {
    const digits = s.slice(period + 1);
    if (!/^\d{1,9}$/.test(digits)) return undefined;
    fraction = BigInt(digits.padEnd(9, '0'));
  }
  return BigInt((hour * 60 + minute) * 60 + sec) * 1_000_000_000n + fraction;
}

/** TimeSerializer.toString: 13:30:54.234000000. */
export function formatTime(nanos: bigint): string {
  const seconds = Number(nanos / 1_000_000_000n);
  const fraction = String(nanos % 1_000_000_000n).padStart(9, '0');
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}.${fraction}`;
}
