import { int64Bytes as longBuffer, maxTimeUuid, minTimeUuid, native, timeUuidTimestampMs as timeUuidMs } from '../../types/index.js';
import type { NativeFunction } from './native-function.js';

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

function nowFns(): NativeFunction[] {
  return [
    { name: 'now', argTypes: [], returnType: timeuuid, pure: false, execute: (_a, ctx) => ctx.newTimeUuid() },
    { name: 'currenttimeuuid', argTypes: [], returnType: timeuuid, pure: false, execute: (_a, ctx) => ctx.newTimeUuid() },
    { name: 'currenttimestamp', argTypes: [], returnType: timestamp, pure: false, execute: (_a, ctx) => longBuffer(ctx.nowMicros / 1000n) },
    { name: 'currentdate', argTypes: [], returnType: date, pure: false, execute: (_a, ctx) => dateBuffer(Number(ctx.nowMicros / 1000n)) },
    {
      name: 'currenttime', argTypes: [], returnType: time, pure: false,
      execute: (_a, ctx) => longBuffer(((ctx.nowMicros * 1000n) % nanosPerDay + nanosPerDay) % nanosPerDay),
    },
  ];
}

/** A conversion of one argument, null in → null out. */
function convert(name: string, from: typeof timeuuid, to: typeof timeuuid, f: (b: Buffer) => Buffer): NativeFunction {
  return { name, argTypes: [from], returnType: to, pure: true, execute: ([a]) => (a == null || a.length === 0 ? null : f(a)) };
}

export function timeFunctions(): NativeFunction[] {
  return [
    ...nowFns(),
    convert('totimestamp', timeuuid, timestamp, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('totimestamp', date, timestamp, (b) => longBuffer(BigInt(msOfDate(b)))),
    convert('todate', timeuuid, date, (b) => dateBuffer(timeUuidMs(b))),
    convert('todate', timestamp, date, (b) => dateBuffer(fromTimestamp(b))),
    convert('tounixtimestamp', timeuuid, bigint, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('tounixtimestamp', timestamp, bigint, (b) => longBuffer(BigInt(fromTimestamp(b)))),
    convert('tounixtimestamp', date, bigint, (b) => longBuffer(BigInt(msOfDate(b)))),
    convert('dateof', timeuuid, timestamp, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('unixtimestampof', timeuuid, bigint, (b) => longBuffer(BigInt(timeUuidMs(b)))),
    convert('mintimeuuid', timestamp, timeuuid, (b) => minTimeUuid(fromTimestamp(b))),
    convert('maxtimeuuid', timestamp, timeuuid, (b) => maxTimeUuid(fromTimestamp(b))),
  ];
}
