import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors/index.js';
import { compressionNamed, createCompressor, lz4CompressBlock, lz4DecompressBlock } from './compression.js';
import { LZ4_QUERY_TEXT, PYTHON_VECTORS } from './python-driver-vectors.js';

const text = Buffer.from(LZ4_QUERY_TEXT);

describe('lz4 (v3/v4 envelopes)', () => {
  const lz4 = createCompressor('lz4');

  it("writes Cassandra's layout: a big-endian uncompressed length, then a raw block", () => {
    const compressed = lz4.compress(text);
    expect(compressed.readUInt32BE(0)).toBe(text.length);
    expect(lz4DecompressBlock(compressed.subarray(4), text.length)).toEqual(text);
    expect(compressed.length).toBeLessThan(text.length);
  });

  it("reads the Python driver's lz4 bodies", () => {
    expect(lz4.decompress(Buffer.from(PYTHON_VECTORS.v4Lz4Body, 'hex'))).toEqual(text);
  });

  it('round-trips empty and incompressible bodies', () => {
    for (const body of [Buffer.alloc(0), Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256))]) {
      expect(lz4.decompress(lz4.compress(body))).toEqual(body);
    }
  });

  it('rejects truncated, corrupt and oversized input with ProtocolError', () => {
    expect(() => lz4.decompress(Buffer.from('0000', 'hex'))).toThrow(ProtocolError);
    const good = lz4.compress(text);
    expect(() => lz4.decompress(good.subarray(0, good.length - 5))).toThrow(ProtocolError);
    const lying = Buffer.from(good);
    lying.writeUInt32BE(text.length + 10, 0);
    expect(() => lz4.decompress(lying)).toThrow(/^Corrupt LZ4 block/);
    lying.writeUInt32BE(0x7fffffff, 0);
    expect(() => lz4.decompress(lying)).toThrow('Decompressed length 2147483647 exceeds maximum allowed length 16777216');
  });

  it('exposes raw blocks for v5 segments', () => {
    const block = lz4CompressBlock(text);
    expect(lz4DecompressBlock(block, text.length)).toEqual(text);
  });
});

describe('snappy (v3/v4 envelopes)', () => {
  const snappy = createCompressor('snappy');

  it('writes the raw snappy format: varint length, then elements', () => {
    // "hello" is one literal: length 5, tag (5 - 1) << 2.
    expect(snappy.compress(Buffer.from('hello')).toString('hex')).toBe('051068656c6c6f');
    expect(snappy.decompress(Buffer.from('051068656c6c6f', 'hex')).toString()).toBe('hello');
  });

  it('round-trips', () => {
    expect(snappy.decompress(snappy.compress(text))).toEqual(text);
    expect(snappy.decompress(snappy.compress(Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
  });

  it('rejects corrupt and oversized input with ProtocolError', () => {
    expect(() => snappy.decompress(Buffer.from('0a1068656c', 'hex'))).toThrow(ProtocolError);
    expect(() => createCompressor('snappy', 10).decompress(snappy.compress(text))).toThrow(/exceeds maximum allowed length 10$/);
    expect(() => snappy.decompress(Buffer.from('ffffffffff', 'hex'))).toThrow(ProtocolError);
  });
});

describe('compressionNamed', () => {
  it("reads STARTUP's COMPRESSION option case-insensitively", () => {
    expect(compressionNamed('LZ4')).toBe('lz4');
    expect(compressionNamed('snappy')).toBe('snappy');
    expect(compressionNamed('deflate')).toBeUndefined();
  });
});
