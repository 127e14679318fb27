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
