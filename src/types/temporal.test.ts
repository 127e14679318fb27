import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import { formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp } from './temporal.js';

const utc = (...parts: [number, number, number, number?, number?, number?, number?]): bigint =>
  BigInt(Date.UTC(...parts));

describe('parseTimestamp', () => {
  it.each([
    ['2024-01-02 03:04:05+0000', utc(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02 03:04:05', utc(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02T03:04:05.123Z', utc(2024, 0, 2, 3, 4, 5, 123)],
    ['2024-01-02T03:04:05.5+01:00', utc(2024, 0, 2, 2, 4, 5, 500)],
    ['2024-01-02T03:04:05.123456789-0130', utc(2024, 0, 2, 4, 34, 5, 123)],
    ['2024-01-02 03:04', utc(2024, 0, 2, 3, 4)],
    ['2024-1-2 3:04:05 UTC', utc(2024, 0, 2, 3, 4, 5)],
    ['2024-01-02', utc(2024, 0, 2)],
    ['2024-01-02+0200', utc(2024, 0, 1, 22)],
    ['2024-02-30 00:00', utc(2024, 1, 29)],
    ['1700000000000', 1700000000000n],
    ['-5', -5n],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it("reads 'now' from the given clock", () => {
    expect(parseTimestamp('NOW', () => 42)).toBe(42n);
  });

  it.each([
    ['garbage', "Unable to parse a date/time from 'garbage'"],
    ['2024-13-01 00:00', "Unable to parse a date/time from '2024-13-01 00:00'"],
    ['2024-01-02 25:00', "Unable to parse a date/time from '2024-01-02 25:00'"],
    ['99999999999999999999', "Unable to make long (for date) from: '99999999999999999999'"],
  ])('rejects %s', (text, message) => {
    expect(() => parseTimestamp(text)).toThrow(new InvalidRequestError(message));
  });

  it('prints timestamps in UTC with milliseconds', () => {
    expect(formatTimestamp(0n)).toBe('1970-01-01T00:00:00.000Z');
    expect(formatTimestamp(-1n)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatTimestamp(utc(2024, 0, 2, 3, 4, 5, 6))).toBe('2024-01-02T03:04:05.006Z');
  });
});

describe('parseDate', () => {
  it.each([
    ['1970-01-01', 2 ** 31],
    ['2024-01-02', 2 ** 31 + 19724],
    ['1969-12-31', 2 ** 31 - 1],
    ['2147483648', 2 ** 31],
    ['0', 0],
    ['-5877641-06-23', 0],
    ['+5881580-07-11', 2 ** 32 - 1],
  ])('%s', (text, raw) => {
    expect(parseDate(text)).toBe(raw);
  });

  it.each([
    ['2024-02-30', "Unable to coerce '2024-02-30' to a formatted date (long)"],
    ['2024-1-02', "Unable to coerce '2024-1-02' to a formatted date (long)"],
    ['4294967296', "Unable to make unsigned int (for date) from: '4294967296'"],
    ['-1', "Unable to make unsigned int (for date) from: '-1'"],
    ['-5877641-06-22', 'Input date -5877641-06-22 is less than min supported date -5877641-06-23T00:00Z'],
    ['+5881580-07-12', 'Input date +5881580-07-12 is greater than max supported date +5881580-07-11T00:00Z'],
  ])('rejects %s', (text, message) => {
    expect(() => parseDate(text)).toThrow(new InvalidRequestError(message));
  });

  it('prints ISO local dates', () => {
    expect(formatDate(2 ** 31)).toBe('1970-01-01');
    expect(formatDate(2 ** 31 + 19724)).toBe('2024-01-02');
    expect(formatDate(0)).toBe('-5877641-06-23');
    expect(formatDate(2 ** 32 - 1)).toBe('+5881580-07-11');
  });
});

describe('parseTime', () => {
  it.each([
    ['13:30:54.234', 48654_234_000_000n],
    ['13:30:54', 48654_000_000_000n],
    ['1:2:3', 3723_000_000_000n],
    ['00:00:00.000000001', 1n],
    [' 23:59:59.999999999 ', 86_399_999_999_999n],
    ['1000', 1000n],
  ])('%s', (text, nanos) => {
    expect(parseTime(text)).toBe(nanos);
  });

  it.each([
    ['24:00:00', "(TimeType) Unable to coerce '24:00:00' to a formatted time (long)"],
    ['12:00', "(TimeType) Unable to coerce '12:00' to a formatted time (long)"],
    ['12:00:00.', "(TimeType) Unable to coerce '12:00:00.' to a formatted time (long)"],
    ['12:00:00.1234567890', "(TimeType) Unable to coerce '12:00:00.1234567890' to a formatted time (long)"],
    ['86400000000000', "Unable to make long (for time) from: '86400000000000'"],
  ])('rejects %s', (text, message) => {
    expect(() => parseTime(text)).toThrow(new InvalidRequestError(message));
  });

  it('prints hh:mm:ss.nnnnnnnnn', () => {
    expect(formatTime(48654_234_000_000n)).toBe('13:30:54.234000000');
    expect(formatTime(0n)).toBe('00:00:00.000000000');
  });
});
