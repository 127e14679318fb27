import type { NativeTypeName } from './cql-type.js';
import { varintFromBytes } from './big-number.js';

/** The decimal text of a value of an integer type, as CQL literals and JSON both write it; null for other types. */
export function integerText(name: NativeTypeName, buf: Buffer): string | null {
  switch (name) {
    case 'tinyint': return String(buf.readInt8(0));
    case 'smallint': return String(buf.readInt16BE(0));
    case 'int': return String(buf.readInt32BE(0));
    case 'bigint': case 'counter': return String(buf.readBigInt64BE(0));
    case 'varint': return String(varintFromBytes(buf));
    default: return null;
  }
}
