import { describe, expect, it } from 'vitest';
import { crc24, crc32 } from './crc.js';
import { PYTHON_VECTORS } from './python-driver-vectors.js';

function littleEndian(value: number, byteCount: number): Buffer {
  const bytes = Buffer.alloc(byteCount);
  for (let i = 0; i < byteCount; i++) bytes[i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  return bytes;
}

describe('crc24', () => {
  it("matches the Python driver's compute_crc24 on 3- and 5-byte headers", () => {
    for (const { header, byteCount, crc } of PYTHON_VECTORS.crc24) {
      expect(crc24(littleEndian(header, byteCount), 0, byteCount)).toBe(crc);
    }
  });

  it('reads only the given range', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), littleEndian(0x020009, 3), Buffer.from([0xff])]);
    expect(crc24(bytes, 1, 3)).toBe(0xc1c8a4);
  });
});

describe('crc32', () => {
  it('is zlib CRC32 seeded with FA 2D 55 CA, as the Python driver computes it', () => {
    for (const { payload, crc } of PYTHON_VECTORS.crc32) expect(crc32(Buffer.from(payload, 'hex'))).toBe(crc);
  });

  it('differs from an unseeded CRC32 (the classic interop failure)', () => {
    // Standard CRC32 of "123456789" is 0xcbf43926.
    expect(crc32(Buffer.from('123456789'))).not.toBe(0xcbf43926);
  });
});
