import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/seeded-random.js';
import { InvalidRequestError } from '../errors/index.js';
import {
  isUuidString, maxTimeUuid, minTimeUuid, randomUuid, timeUuidFromMs, timeUuidTimestampMs, uuidFromString,
  uuidToString, uuidVersion,
} from './uuid.js';

describe('uuid text', () => {
  it('round-trips between text and bytes', () => {
    const text = '123e4567-e89b-12d3-a456-426614174000';
    const bytes = uuidFromString(text);
    expect(bytes.toString('hex')).toBe('123e4567e89b12d3a456426614174000');
    expect(uuidToString(bytes)).toBe(text);
    expect(uuidToString(uuidFromString(text.toUpperCase()))).toBe(text);
    expect(uuidVersion(bytes)).toBe(1);
  });

  it('rejects malformed text', () => {
    expect(isUuidString('123e4567-e89b-12d3-a456-42661417400')).toBe(false);
    expect(() => uuidFromString('nope')).toThrow(new InvalidRequestError("Unable to make UUID from 'nope'"));
  });
});

describe('generated uuids', () => {
  it('makes version 4 uuids with the RFC variant, reproducibly per seed', () => {
    const a = randomUuid(new SeededRandom(7));
    expect(uuidVersion(a)).toBe(4);
    expect(a[8]! & 0xc0).toBe(0x80);
    expect(randomUuid(new SeededRandom(7))).toEqual(a);
    expect(randomUuid(new SeededRandom(8))).not.toEqual(a);
  });

  it('puts the Unix epoch at 13814000-1dd2-11b2 in a time uuid', () => {
    const u = timeUuidFromMs(0, new SeededRandom(1));
    expect(uuidToString(u).slice(0, 18)).toBe('13814000-1dd2-11b2');
    expect(u[8]! & 0xc0).toBe(0x80);
    expect(u[10]! & 0x01).toBe(1);
    expect(timeUuidTimestampMs(u)).toBe(0);
  });

  it('reads back the millisecond of a time uuid, including sub-millisecond ticks', () => {
    const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const random = new SeededRandom(3);
    expect(timeUuidTimestampMs(timeUuidFromMs(ms, random))).toBe(ms);
    expect(timeUuidTimestampMs(timeUuidFromMs(ms, random, 9999))).toBe(ms);
    expect(timeUuidTimestampMs(timeUuidFromMs(-1, random))).toBe(-1);
  });

  it('reads a timeuuid made elsewhere', () => {
    // time_hi 1ee, time_mid ad3c, time_low c9a646d0: 100-ns ticks since 1582-10-15.
    const ticks = 0x1eead3cc9a646d0n;
    const expectedMs = Number((ticks - 0x01b21dd213814000n) / 10000n);
    expect(timeUuidTimestampMs(uuidFromString('c9a646d0-ad3c-11ee-8c90-0242ac120002'))).toBe(expectedMs);
  });

  it('builds the extreme timeuuids of a millisecond', () => {
    expect(uuidToString(minTimeUuid(0))).toBe('13814000-1dd2-11b2-8080-808080808080');
    expect(uuidToString(maxTimeUuid(0))).toBe('1381670f-1dd2-11b2-7f7f-7f7f7f7f7f7f');
    expect(timeUuidTimestampMs(maxTimeUuid(1234))).toBe(1234);
  });
});
