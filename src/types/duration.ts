/**
 * CQL durations (Cassandra's cql3/Duration): months, days and nanoseconds kept apart because months and
 * days have no fixed length. Parses the three literal forms (1h30m, P1DT2H / P2W, P0001-02-03T04:05:06)
 * with Cassandra's messages, prints as Duration.toString, and codes the wire form (spec §6.25: three
 * zig-zag vints).
 */
import { InvalidRequestError } from '../errors/index.js';
import { readSignedVInt, writeSignedVInt } from './vint.js';

export interface Duration {
  readonly months: number;
  readonly days: number;
  readonly nanoseconds: bigint;
}

const NANOS_PER_MICRO = 1000n;
const NANOS_PER_MILLI = 1000n * NANOS_PER_MICRO;
const NANOS_PER_SECOND = 1000n * NANOS_PER_MILLI;
const NANOS_PER_MINUTE = 60n * NANOS_PER_SECOND;
const NANOS_PER_HOUR = 60n * NANOS_PER_MINUTE;
const INT_MAX = 2147483647n;
const LONG_MAX = (1n << 63n) - 1n;

const UNIT_NAMES = ['', 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds',
  'milliseconds', 'microseconds', 'nanoseconds'] as const;

/** Accumulates units in the order Cassandra demands, with its overflow checks. */
class DurationBuilder {
  private months = 0n;
  private days = 0n;
  private nanos = 0n;
  private unitIndex = 0;

  constructor(private readonly negative: boolean) {}

  add(unitIndex: number, amount: bigint): this {
    this.checkOrder(unitIndex);
    if (unitIndex <= 2) {
      const perUnit = unitIndex === 1 ? 12n : 1n;
      checkLimit(amount, (INT_MAX - this.months) / perUnit, 'months');
      this.months += amount * perUnit;
    } else if (unitIndex <= 4) {
      const perUnit = unitIndex === 3 ? 7n : 1n;
      checkLimit(amount, (INT_MAX - this.days) / perUnit, 'days');
      this.days += amount * perUnit;
    } else {
      const perUnit = NANOS_PER_UNIT[unitIndex - 5]!;
      checkLimit(amount, (LONG_MAX - this.nanos) / perUnit, 'nanoseconds');
      this.nanos += amount * perUnit;
    }
    return this;
  }

  build(): Duration {
    const sign = this.negative ? -1n : 1n;
    return { months: Number(sign * this.months), days: Number(sign * this.days), nanoseconds: sign * this.nanos };
  }

  private checkOrder(unitIndex: number): void {
    if (unitIndex === this.unitIndex) {
      throw new InvalidRequestError(`Invalid duration. The ${UNIT_NAMES[unitIndex]} are specified multiple times`);
    }
    if (unitIndex < this.unitIndex) {
      throw new InvalidRequestError(
        `Invalid duration. The ${UNIT_NAMES[this.unitIndex]} should be after ${UNIT_NAMES[unitIndex]}`);
    }
    this.unitIndex = unitIndex;
  }
}

const NANOS_PER_UNIT = [NANOS_PER_HOUR, NANOS_PER_MINUTE, NANOS_PER_SECOND, NANOS_PER_MILLI, NANOS_PER_MICRO, 1n];

function checkLimit(units: bigint, limit: bigint, unitName: string): void {
  // Cassandra reports Integer.MAX_VALUE as the bound whatever the unit.
  if (units > limit) {
    throw new InvalidRequestError(`Invalid duration. The total number of ${unitName} must be less or equal to ${INT_MAX}`);
  }
}

const STANDARD_UNITS: Readonly<Record<string, number>> = {
  y: 1, mo: 2, w: 3, d: 4, h: 5, m: 6, s: 7, ms: 8, us: 9, 'µs': 9, ns: 10,
};
const STANDARD_PATTERN = /(\d+)(y|mo|w|d|h|s|ms|us|µs|ns|m)/iy;
const ISO_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const ISO_WEEK_PATTERN = /^P(\d+)W$/;
const ISO_ALTERNATIVE_PATTERN = /^P(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Duration.from: the three CQL literal forms, optionally preceded by '-'. */
export function parseDuration(input: string): Duration {
  const negative = input.startsWith('-');
  const source = negative ? input.slice(1) : input;
  const fail = (): InvalidRequestError => new InvalidRequestError(`Unable to convert '${source}' to a duration`);
  const builder = new DurationBuilder(negative);
  if (source.startsWith('P')) {
    const [pattern, units] = source.endsWith('W') ? [ISO_WEEK_PATTERN, [3]]
      : source.includes('-') ? [ISO_ALTERNATIVE_PATTERN, [1, 2, 4, 5, 6, 7]]
      : [ISO_PATTERN, [1, 2, 4, 5, 6, 7]];
    const match = pattern.exec(source);
    if (match === null) throw fail();
    units.forEach((unit, i) => {
      const group = match[i + 1];
      if (group !== undefined) builder.add(unit, toLong(group, fail));
    });
    return builder.build();
  }
  STANDARD_PATTERN.lastIndex = 0;
  let match = STANDARD_PATTERN.exec(source);
  if (match === null) throw fail();
  while (match !== null) {
    builder.add(STANDARD_UNITS[match[2]!.toLowerCase()]!, toLong(match[1]!, fail));
    if (STANDARD_PATTERN.lastIndex === source.length) return builder.build();
    match = STANDARD_PATTERN.exec(source);
  }
  throw fail();
}

function toLong(digits: string, fail: () => InvalidRequestError): bigint {
  const value = BigInt(digits);
  if (value > LONG_MAX) throw fail();
  return value;
}

/** Duration.toString: 1y2mo3d4h5m6s7ms8us9ns, '-' first when negative, '' for zero. */
export function formatDuration(d: Duration): string {
  let out = d.months < 0 || d.days < 0 || d.nanoseconds < 0n ? '-' : '';
  const append = (dividend: bigint, divisor: bigint, unit: string): bigint => {
    if (dividend === 0n || dividend < divisor) return dividend;
    out += `${dividend / divisor}${unit}`;
    return dividend % divisor;
  };
  append(append(BigInt(Math.abs(d.months)), 12n, 'y'), 1n, 'mo');
  append(BigInt(Math.abs(d.days)), 1n, 'd');
  if (d.nanoseconds !== 0n) {
    let rest = d.nanoseconds < 0n ? -d.nanoseconds : d.nanoseconds;
    rest = append(rest, NANOS_PER_HOUR, 'h');
    rest = append(rest, NANOS_PER_MINUTE, 'm');
    rest = append(rest, NANOS_PER_SECOND, 's');
    rest = append(rest, NANOS_PER_MILLI, 'ms');
    rest = append(rest, NANOS_PER_MICRO, 'us');
    append(rest, 1n, 'ns');
  }
  return out;
}

export function encodeDuration(d: Duration): Buffer {
  return Buffer.concat([
    writeSignedVInt(BigInt(d.months)), writeSignedVInt(BigInt(d.days)), writeSignedVInt(d.nanoseconds),
  ]);
}

/** Reads the three vints; the caller has validated the value (validateDurationBytes). */
export function decodeDuration(buf: Buffer): Duration {
  const [months, days, nanoseconds] = readDurationParts(buf);
  return { months: Number(months), days: Number(days), nanoseconds };
}

function readDurationParts(buf: Buffer): [bigint, bigint, bigint] {
  const parts: bigint[] = [];
  let offset = 0;
  for (let i = 0; i < 3; i++) {
    const read = readSignedVInt(buf, offset);
    if (read === undefined) throw new InvalidRequestError('Not enough bytes to read a duration');
    parts.push(read.value);
    offset += read.size;
  }
  return [parts[0]!, parts[1]!, parts[2]!];
}

/** DurationSerializer.validate, with its messages. */
export function validateDurationBytes(buf: Buffer): void {
  if (buf.length < 3) throw new InvalidRequestError(`Expected at least 3 bytes for a duration (${buf.length})`);
  const [months, days, nanos] = readDurationParts(buf);
  if (BigInt.asIntN(32, months) !== months) {
    throw new InvalidRequestError(`The duration months must be a 32 bits integer but was: ${months}`);
  }
  if (BigInt.asIntN(32, days) !== days) {
    throw new InvalidRequestError(`The duration days must be a 32 bits integer but was: ${days}`);
  }
  const allPositive = months >= 0n && days >= 0n && nanos >= 0n;
  const allNegative = months <= 0n && days <= 0n && nanos <= 0n;
  if (!allPositive && !allNegative) {
    throw new InvalidRequestError(
      `The duration months, days and nanoseconds must be all of the same sign (${months}, ${days}, ${nanos})`);
  }
}
