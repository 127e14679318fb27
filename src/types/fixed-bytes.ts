/** The wire form of a 32-bit int (int, and the count of collections). */
export function int32Bytes(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeInt32BE(value);
  return out;
}

/** The wire form of a 64-bit long (bigint, counter, timestamp, time). */
export function int64Bytes(value: bigint): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeBigInt64BE(value);
  return out;
}

/** The wire form of a signed 1-, 2- or 4-byte integer (tinyint, smallint, int). */
export function signedBytes(size: 1 | 2 | 4, value: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  out.writeIntBE(value, 0, size);
  return out;
}

/** The wire form of a date: days since the epoch shifted by 2^31, unsigned. */
export function uint32Bytes(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value);
  return out;
}
