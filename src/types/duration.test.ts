import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { decodeDuration, encodeDuration, formatDuration, parseDuration, validateDurationBytes } from './duration.js';

const d = (months: number, days: number, nanoseconds: bigint) => ({ months, days, nanoseconds });
const H = 3_600_000_000_000n;
const M = 60_000_000_000n;
const S = 1_000_000_000n;

describe('parseDuration', () => {
  it.each([
    ['1h30m', d(0, 0, H + 30n * M)],
    ['-3d', d(0, -3, 0n)],
    ['1y2mo3w4d5h6m7s8ms9us10ns', d(14, 25, 5n * H + 6n * M + 7n * S + 8_000_000n + 9_000n + 10n)],
    ['2MO', d(2, 0, 0n)],
    ['12µs', d(0, 0, 12_000n)],
    ['P1Y2M3DT4H5M6S', d(14, 3, 4n * H + 5n * M + 6n * S)],
    ['P1DT2H', d(0, 1, 2n * H)],
    ['PT30M', d(0, 0, 30n * M)],
    ['P2W', d(0, 14, 0n)],
    ['-P0001-02-03T04:05:06', d(-14, -3, -(4n * H + 5n * M + 6n * S))],
  ])('%s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ['1x', "Unable to convert '1x' to a duration"],
    ['-abc', "Unable to convert 'abc' to a duration"],
    ['1h2', "Unable to convert '1h2' to a duration"],
    ['P1H', "Unable to convert 'P1H' to a duration"],
    ['P2024-1-1T00:00:00', "Unable to convert 'P2024-1-1T00:00:00' to a duration"],
    ['1h1d', 'Invalid duration. The hours should be after days'],
    ['1d1d', 'Invalid duration. The days are specified multiple times'],
    ['2147483648mo', 'Invalid duration. The total number of months must be less or equal to 2147483647'],
    ['178956971y', 'Invalid duration. The total number of months must be less or equal to 2147483647'],
  ])('rejects %s', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new InvalidRequestError(message));
  });
});

describe('formatDuration', () => {
  it.each([
    [d(14, 3, 4n * H + 5n * M + 6n * S + 7_008_009n), '1y2mo3d4h5m6s7ms8us9ns'],
    [d(0, -3, -H), '-3d1h'],
    [d(0, 0, 0n), ''],
    [d(12, 0, 0n), '1y'],
  ])('%o prints %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });
});

describe('duration bytes', () => {
  it.each([
    [d(1, 2, 3n), '020406'],
    [d(0, 0, 0n), '000000'],
    [d(-1, -2, -3n), '010305'],
  ])('%o round-trips (%s)', (value, hex) => {
    const bytes = encodeDuration(value);
    expect(bytes.toString('hex')).toBe(hex);
    validateDurationBytes(bytes);
    expect(decodeDuration(bytes)).toEqual(value);
  });

  it('encodes a day of nanoseconds with a multi-byte vint', () => {
    // zig-zag(86400e9) = 0x9d29229e0000: 48 bits, so 7 bytes whose first carries six leading 1-bits.
    expect(encodeDuration(d(0, 0, 86_400_000_000_000n)).toString('hex')).toBe('0000fc9d29229e0000');
  });

  it.each([
    ['0204', 'Expected at least 3 bytes for a duration (2)'],
    ['020305', 'The duration months, days and nanoseconds must be all of the same sign (1, -2, -3)'],
    ['f1000000000000', 'The duration months must be a 32 bits integer but was: 2147483648'],
  ])('rejects %s', (hex, message) => {
    expect(() => validateDurationBytes(Buffer.from(hex, 'hex'))).toThrow(new InvalidRequestError(message));
  });
});
