/**
 * Cassandra's variable-length integers (utils/vint/VIntCoding): the count of leading 1-bits in the first
 * byte says how many bytes follow; the value is big-endian in the remaining bits. Signed values are
 * zig-zag encoded first. Durations use the signed form; vector element lengths the unsigned one.
 */
const MASK64 = (1n << 64n) - 1n;

export function unsignedVIntSize(value: bigint): number {
  const bits = value === 0n ? 1 : value.toString(2).length;
  return bits > 56 ? 9 : Math.ceil(bits / 7);
}

export function writeUnsignedVInt(value: bigint): Buffer {
  const v = value & MASK64;
  const size = unsignedVIntSize(v);
  const out = Buffer.alloc(size);
  let rest = v;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  // The first byte carries (size - 1) leading 1-bits; for 9 bytes it is 0xff and the value sits in the rest.
  out[0] = size === 9 ? 0xff : out[0]! | ((0xff << (9 - size)) & 0xff);
  return out;
}

export interface VIntRead {
  readonly value: bigint;
  /** Bytes consumed. */
  readonly size: number;
}

/** Reads an unsigned vint at offset; returns undefined when the buffer ends too early. */
export function readUnsignedVInt(buf: Buffer, offset: number): VIntRead | undefined {
  if (offset >= buf.length) return undefined;
  const first = buf[offset]!;
  const extraBytes = Math.clz32(~(first << 24));
  if (extraBytes === 0) return { value: BigInt(first), size: 1 };
  if (offset + 1 + extraBytes > buf.length) return undefined;
  let value = BigInt(first & (0xff >> extraBytes));
  for (let i = 1; i <= extraBytes; i++) value = (value << 8n) | BigInt(buf[offset + i]!);
  return { value, size: 1 + extraBytes };
}

export function zigZagEncode(value: bigint): bigint {
  return ((value << 1n) ^ (value >> 63n)) & MASK64;
}

export function zigZagDecode(value: bigint): bigint {
  return BigInt.asIntN(64, (value >> 1n) ^ -(value & 1n));
}

export function writeSignedVInt(value: bigint): Buffer {
  return writeUnsignedVInt(zigZagEncode(BigInt.asIntN(64, value)));
}

export function readSignedVInt(buf: Buffer, offset: number): VIntRead | undefined {
  const read = readUnsignedVInt(buf, offset);
  return read === undefined ? undefined : { value: zigZagDecode(read.value), size: read.size };
}
