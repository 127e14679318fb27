import { describe, expect, it } from 'vitest';
import { readSignedVInt, readUnsignedVInt, unsignedVIntSize, writeSignedVInt, writeUnsignedVInt } from './vint.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('unsigned vint', () => {
  it.each([
    [0n, '00'], [1n, '01'], [127n, '7f'], [128n, '8080'], [0x3fffn, 'bfff'], [0x4000n, 'c04000'],
    [(1n << 56n) - 1n, 'feffffffffffffff'], [1n << 56n, 'ff0100000000000000'],
    [(1n << 64n) - 1n, 'ffffffffffffffffff'],
  ])('%s encodes as %s and reads back', (value, expected) => {
    const bytes = writeUnsignedVInt(value);
    expect(hex(bytes)).toBe(expected);
    expect(unsignedVIntSize(value)).toBe(bytes.length);
    expect(readUnsignedVInt(bytes, 0)).toEqual({ value, size: bytes.length });
  });

  it('reads at an offset and reports truncation', () => {
    expect(readUnsignedVInt(Buffer.from('aa8080', 'hex'), 1)).toEqual({ value: 128n, size: 2 });
    expect(readUnsignedVInt(Buffer.from('c040', 'hex'), 0)).toBeUndefined();
    expect(readUnsignedVInt(Buffer.alloc(0), 0)).toBeUndefined();
  });
});

describe('signed vint (zig-zag)', () => {
  it.each([
    [0n, '00'], [-1n, '01'], [1n, '02'], [-2n, '03'], [63n, '7e'], [-64n, '7f'], [64n, '8080'],
    [(1n << 63n) - 1n, 'fffffffffffffffffe'], [-(1n << 63n), 'ffffffffffffffffff'],
  ])('%s encodes as %s', (value, expected) => {
    const bytes = writeSignedVInt(value);
    expect(hex(bytes)).toBe(expected);
    expect(readSignedVInt(bytes, 0)).toEqual({ value, size: bytes.length });
  });
});
