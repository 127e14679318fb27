import { crc32 as zlibCrc32 } from 'node:zlib';

// v5 framing checksums (spec §2.1; Cassandra's net/Crc.java).
const CRC24_INIT = 0x875060;
const CRC24_POLY = 0x1974f0b;

/** Every payload CRC32 starts as if these four bytes had been fed first: the classic interop trap. */
const CRC32_INITIAL = zlibCrc32(Buffer.from([0xfa, 0x2d, 0x55, 0xca]));

/** CRC24 of a segment header: its bytes in wire order, i.e. the little-endian header least significant first. */
export function crc24(bytes: Uint8Array, offset: number, length: number): number {
  let crc = CRC24_INIT;
  for (let i = offset; i < offset + length; i++) {
    crc ^= bytes[i]! << 16;
    for (let bit = 0; bit < 8; bit++) {
      crc <<= 1;
      if ((crc & 0x1000000) !== 0) crc ^= CRC24_POLY;
    }
  }
  return crc;
}

/** CRC32 of a segment payload, seeded as Cassandra seeds it. */
export function crc32(bytes: Uint8Array): number {
  return zlibCrc32(bytes, CRC32_INITIAL);
}
