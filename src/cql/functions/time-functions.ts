import {
  int64Bytes as longBuffer, maxTimeUuid, minTimeUuid, native, timeUuidTimestampMs as timeUuidMs, type CqlType,
} from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';

const timeuuid = native('timeuuid');
const timestamp = native('timestamp');
const date = native('date');
const bigint = native('bigint');
const time = native('time');

/** Days since epoch in the wire form of `date`: unsigned, 2^31 is the epoch. */
function dateBuffer(ms: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE((Math.floor(ms / 86_400_000) + 0x8000_0000) >>> 0);
  return b;
}

function msOfDate(b: Buffer): number {
  return (b.readUInt32BE(0) - 0x8000_0000) * 86_400_000;
}

function fromTimestamp(b: Buffer): number {
  return Number(b.readBigInt64BE(0));
}

const nanosPerDay = 86_400_000_000_000n;

/** A function of the execution's time, with no arguments (TimeFcts.now). */
function current(name: string, returnType: CqlType, execute: ScalarFunction['execute']): ScalarFunction {
  return { kind: 'scalar', name, argTypes: [], returnType, execute };
}

function nowFns(): ScalarFunction[] {
  return [
    current('now', timeuuid, (_a, ctx) => ctx.newTimeUuid()),
    current('currenttimeuuid', timeuuid, (_a, ctx) => ctx.newTimeUuid()),
    current('currenttimestamp', timestamp, (_a, ctx) => longBuffer(ctx.nowMicros / 1000n)),
    current('currentdate', date, (_a, ctx) => dateBuffer(Number(ctx.nowMicros / 1000n))),
    current('currenttime', time, (_a, ctx) => longBuffer(((ctx.nowMicros * 1000n) % nanosPerDay + nanosPerDay) % nanosPerDay)),
  ];
}

/** A conversion of one argument, null (or empty) in → null out. */
function convert(name: string, from: CqlType, to: CqlType, f: (b: Buffer) => Buffer): ScalarFunction {
  return { kind: 'scalar', name, argTypes: [from], returnType: to, execute: ([a]) => (a == null || a.length === 0 ? null : f(a)) };
}

/** toDate / toTimestamp of timeuuid, timestamp and date values, which the casts to date and timestamp reuse. */
export const toDateOfTimeuuid = convert('todate', timeuuid, date, (b) => dateBuffer(timeUuidMs(b)));
export const toTimestampOfTimeuuid = convert('totimestamp', timeuuid, timestamp, (b) => longBuffer(BigInt(timeUuidMs(b))));
export const toDateOfTimestamp = convert('todate', timestamp, date, (b) => dateBuffer(fromTimestamp(b)));
export const toTimestampOfDate = convert('totimestamp', date, timestamp, (b) => longBuffer(BigInt(msOfDate(b))));

/** TimeFcts.all(), in its order (which is the order "known type signatures" lists them in). */
export function timeFunctions(): ScalarFunction[] {
  return [
    ...nowFns(),
    convert('mintimeuuid', timestamp, timeuuid, (b) => minTimeUuid(fromTimestamp(b))),
    convert('maxtimeuuid', timestamp, timeuuid, (b) => maxTimeUuid(fromTimestamp(b))),
    convert('dateof', timeuuid, timestamp, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('unixtimestampof', timeuuid, bigint, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    toDateOfTimeuuid,
    toTimestampOfTimeuuid,
    convert('tounixtimestamp', timeuuid, bigint, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('tounixtimestamp', timestamp, bigint, (b) => longBuffer(BigInt(fromTimestamp(b)))),
    toDateOfTimestamp,
    convert('tounixtimestamp', date, bigint, (b) => longBuffer(BigInt(msOfDate(b)))),
    toTimestampOfDate,
  ];
}
