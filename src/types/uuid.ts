/**
 * UUID helpers: text form, random (version 4) and time-based (version 1) uuids from injected
 * randomness, and the timestamp inside a timeuuid. Time-based uuids count 100-ns ticks since
 * 1582-10-15 (RFC 4122 §4.1.4).
 */
import { InvalidRequestError } from '../errors/index.js';

/** Anything that yields random bytes, such as common/SeededRandom. */
export interface RandomBytes {
  bytes(count: number): Buffer;
}

const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Ticks between the Gregorian reform and the Unix epoch. */
const GREGORIAN_TO_UNIX_TICKS = 0x01b21dd213814000n;
const TICKS_PER_MS = 10000n;

export function isUuidString(text: string): boolean {
  return UUID_PATTERN.test(text);
}

export function uuidToString(buf: Buffer): string {
  const hex = buf.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function uuidFromString(text: string): Buffer {
  if (!UUID_PATTERN.test(text)) throw new InvalidRequestError(`Unable to make UUID from '${text}'`);
  return Buffer.from(text.replaceAll('-', ''), 'hex');
}

/** The version nibble (1 for time-based, 4 for random). */
export function uuidVersion(buf: Buffer): number {
  return buf[6]! >> 4;
}

export function randomUuid(random: RandomBytes): Buffer {
  const out = Buffer.from(random.bytes(16));
  out[6] = (out[6]! & 0x0f) | 0x40;
  out[8] = (out[8]! & 0x3f) | 0x80;
  return out;
}

/**
 * A version 1 uuid for the given millisecond, with a random clock sequence and node. `ticks` (0–9999)
 * adds 100-ns steps within the millisecond so a generator can keep successive uuids ordered.
 */
export function timeUuidFromMs(ms: number, random: RandomBytes, ticks = 0): Buffer {
  const out = Buffer.alloc(16);
  writeTimestampTicks(out, BigInt(Math.floor(ms)) * TICKS_PER_MS + GREGORIAN_TO_UNIX_TICKS + BigInt(ticks));
  random.bytes(8).copy(out, 8);
  out[8] = (out[8]! & 0x3f) | 0x80;
  // A random node id must have its multicast bit set (RFC 4122 §4.5).
  out[10] = out[10]! | 0x01;
  return out;
}

/**
 * A version 1 uuid for a time in microseconds (ten 100-ns ticks each), as Cassandra's
 * UUIDGen.getRandomTimeUUIDFromMicros makes ballots and trace ids: distinct micros give ordered uuids.
 */
export function timeUuidFromMicros(micros: bigint, random: RandomBytes): Buffer {
  const ms = micros / 1000n;
  return timeUuidFromMs(Number(ms), random, Number(micros - ms * 1000n) * 10);
}

/** The smallest timeuuid of a millisecond in TimeUUIDType order (Cassandra's minTimeuuid). */
export function minTimeUuid(ms: number): Buffer {
  const out = Buffer.alloc(16, 0x80);
  writeTimestampTicks(out, BigInt(Math.floor(ms)) * TICKS_PER_MS + GREGORIAN_TO_UNIX_TICKS);
  return out;
}

/** The largest timeuuid of a millisecond in TimeUUIDType order (Cassandra's maxTimeuuid). */
export function maxTimeUuid(ms: number): Buffer {
  const out = Buffer.alloc(16, 0x7f);
  writeTimestampTicks(out, (BigInt(Math.floor(ms)) + 1n) * TICKS_PER_MS + GREGORIAN_TO_UNIX_TICKS - 1n);
  return out;
}

/** Milliseconds since the Unix epoch encoded in a version 1 uuid (floored). */
export function timeUuidTimestampMs(buf: Buffer): number {
  const ticks = (BigInt(buf.readUInt16BE(6) & 0x0fff) << 48n)
    | (BigInt(buf.readUInt16BE(4)) << 32n)
    | BigInt(buf.readUInt32BE(0));
  const delta = ticks - GREGORIAN_TO_UNIX_TICKS;
  const ms = delta / TICKS_PER_MS;
  return Number(delta < 0n && ms * TICKS_PER_MS !== delta ? ms - 1n : ms);
}

function writeTimestampTicks(out: Buffer, ticks: bigint): void {
  out.writeUInt32BE(Number(ticks & 0xffffffffn), 0);
  out.writeUInt16BE(Number((ticks >> 32n) & 0xffffn), 4);
  out.writeUInt16BE(Number((ticks >> 48n) & 0x0fffn) | 0x1000, 6);
}
