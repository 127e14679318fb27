/**
 * Validation of native values received from clients, with the messages of Cassandra's serializers
 * (MarshalException texts, which Cassandra returns as InvalidRequest). Most fixed-size types accept an
 * empty value, as Cassandra does; smallint, tinyint, date and time do not.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { NativeTypeName } from '../cql-type.js';
import { validateDurationBytes } from '../duration.js';

export type NativeValidator = (buf: Buffer) => void;

function fail(message: string): never {
  throw new InvalidRequestError(message);
}

const sizedOrEmpty = (size: number, message: string): NativeValidator => (buf) => {
  if (buf.length !== size && buf.length !== 0) fail(`${message} (${buf.length})`);
};

const exactly = (size: number, message: string): NativeValidator => (buf) => {
  if (buf.length !== size) fail(`${message} (${buf.length})`);
};

const validateUuid = sizedOrEmpty(16, 'UUID should be 16 or 0 bytes');

export const NATIVE_VALIDATORS: Readonly<Record<NativeTypeName, NativeValidator>> = {
  ascii: (buf) => {
    for (let i = 0; i < buf.length; i++) {
      if (buf[i]! > 127) fail(`Invalid byte for ascii: ${buf.readInt8(i)}`);
    }
  },
  text: (buf) => {
    if (!isValidUtf8(buf)) fail("String didn't validate.");
  },
  blob: () => undefined,
  boolean: sizedOrEmpty(1, 'Expected 1 or 0 byte value'),
  tinyint: exactly(1, 'Expected 1 byte for a tinyint'),
  smallint: exactly(2, 'Expected 2 bytes for a smallint'),
  int: sizedOrEmpty(4, 'Expected 4 or 0 byte int'),
  bigint: sizedOrEmpty(8, 'Expected 8 or 0 byte long'),
  counter: sizedOrEmpty(8, 'Expected 8 or 0 byte long'),
  varint: () => undefined,
  float: sizedOrEmpty(4, 'Expected 4 or 0 byte value for a float'),
  double: sizedOrEmpty(8, 'Expected 8 or 0 byte value for a double'),
  decimal: (buf) => {
    if (buf.length !== 0 && buf.length < 4) fail(`Expected 0 or at least 4 bytes (${buf.length})`);
  },
  timestamp: sizedOrEmpty(8, 'Expected 8 or 0 byte long for date'),
  date: exactly(4, 'Expected 4 byte long for date'),
  time: exactly(8, 'Expected 8 byte long for time'),
  uuid: validateUuid,
  timeuuid: (buf) => {
    validateUuid(buf);
    if (buf.length !== 0 && (buf[6]! & 0xf0) !== 0x10) fail('Invalid version for TimeUUID type.');
  },
  inet: (buf) => {
    if (buf.length !== 0 && buf.length !== 4 && buf.length !== 16) {
      fail(`Expected 4 or 16 byte inetaddress; got ${buf.toString('hex')}`);
    }
  },
  duration: (buf) => {
    if (buf.length !== 0) validateDurationBytes(buf);
  },
};

/** Cassandra's UTF-8 validator: well-formed sequences, plus the modified-UTF-8 null (0xc0 0x80). */
export function isValidUtf8(buf: Buffer): boolean {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i++]!;
    if (b < 0x80) continue;
    let continuation: number;
    let min = 0x80;
    let max = 0xbf;
    if (b === 0xc0) {
      if (buf[i++] !== 0x80) return false;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      continuation = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      continuation = 2;
      if (b === 0xe0) min = 0xa0;
    } else if (b >= 0xf0 && b <= 0xf7) {
      continuation = 3;
      if (b === 0xf0) min = 0x90;
    } else {
      return false;
    }
    for (let k = 0; k < continuation; k++) {
      const c = buf[i++];
      if (c === undefined || c < (k === 0 ? min : 0x80) || c > max) return false;
    }
  }
  return true;
}
