/**
 * timestamp ± duration and date ± duration (TemporalType.addDuration / substractDuration): months first
 * on the UTC calendar (the day clamped to the new month's length, as java.util.Calendar does), then days,
 * then the milliseconds of the nanoseconds.
 */
import { InvalidRequestError } from '../../errors/index.js';
import {
  civilFromDays, daysFromCivil, daysInMonth, decodeDuration, formatDuration, type Duration,
} from '../../types/index.js';

const MS_PER_DAY = 86_400_000;
const NANOS_PER_MILLI = 1_000_000n;
const DATE_EPOCH = 0x8000_0000;

export type TemporalTypeName = 'timestamp' | 'date';

/** Duration.addTo: `sign` -1 subtracts (Duration.substractFrom). */
function addDuration(timeMs: number, d: Duration, sign: 1 | -1): number {
  const millis = Number((d.nanoseconds * BigInt(sign)) / NANOS_PER_MILLI);
  if (d.months === 0) return timeMs + sign * d.days * MS_PER_DAY + millis;
  const day = Math.floor(timeMs / MS_PER_DAY);
  const msOfDay = timeMs - day * MS_PER_DAY;
  const civil = civilFromDays(day);
  const monthIndex = civil.year * 12 + civil.month - 1 + sign * d.months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const shifted = daysFromCivil(year, month, Math.min(civil.day, daysInMonth(year, month)));
  return (shifted + sign * d.days) * MS_PER_DAY + msOfDay + millis;
}

/** TimestampType/SimpleDateType.validateDuration. */
function validateDuration(type: TemporalTypeName, d: Duration): void {
  if (type === 'timestamp' && d.nanoseconds % NANOS_PER_MILLI !== 0n) {
    throw new InvalidRequestError(`The duration must have a millisecond precision. Was: ${formatDuration(d)}`);
  }
  if (type === 'date' && d.nanoseconds !== 0n) {
    throw new InvalidRequestError(`The duration must have a day precision. Was: ${formatDuration(d)}`);
  }
}

function readMs(type: TemporalTypeName, b: Buffer): number {
  return type === 'timestamp' ? Number(b.readBigInt64BE(0)) : (b.readUInt32BE(0) - DATE_EPOCH) * MS_PER_DAY;
}

function writeMs(type: TemporalTypeName, ms: number): Buffer {
  if (type === 'timestamp') {
    const b = Buffer.allocUnsafe(8);
    b.writeBigInt64BE(BigInt(ms));
    return b;
  }
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE((Math.trunc(ms / MS_PER_DAY) + DATE_EPOCH) >>> 0);
  return b;
}

/** The temporal value moved by the duration, forwards (`+`) or backwards (`-`). */
export function temporalOperation(type: TemporalTypeName, symbol: '+' | '-'): (temporal: Buffer, duration: Buffer) => Buffer {
  const sign = symbol === '+' ? 1 : -1;
  return (temporal, duration) => {
    const d = decodeDuration(duration);
    validateDuration(type, d);
    return writeMs(type, addDuration(readMs(type, temporal), d, sign));
  };
}
