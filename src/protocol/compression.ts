import { createRequire } from 'node:module';
import { ProtocolError } from '../errors/index.js';
import { DEFAULT_MAX_FRAME_SIZE_BYTES } from './envelope.js';

type Lz4Napi = typeof import('lz4-napi');
type Snappy = typeof import('snappy');

// The native addons take ~20 ms each to load and most clients never ask for compression: load on first use.
const requireAddon = createRequire(import.meta.url);
let lz4Module: Lz4Napi | undefined;
let snappyModule: Snappy | undefined;
const loadLz4Napi = (): Lz4Napi => (lz4Module ??= requireAddon('lz4-napi') as Lz4Napi);
const loadSnappy = (): Snappy => (snappyModule ??= requireAddon('snappy') as Snappy);

export type CompressionName = 'lz4' | 'snappy';

/**
 * Per-envelope body compression of v3/v4 (flag 0x01), in Cassandra's layouts: lz4 is a 4-byte
 * big-endian uncompressed length followed by a raw LZ4 block; snappy is the raw snappy format.
 */
export interface Compressor {
  readonly name: CompressionName;
  compress(body: Buffer): Buffer;
  decompress(body: Buffer): Buffer;
}

/**
 * A raw LZ4 block (what v5 segments carry). lz4-napi writes lz4_flex's layout, a little-endian
 * length then the block, so the block is what follows the first 4 bytes.
 */
export function lz4CompressBlock(data: Buffer): Buffer {
  return loadLz4Napi().compressSync(data).subarray(4);
}

/** Inflates a raw LZ4 block whose uncompressed length is known from elsewhere. */
export function lz4DecompressBlock(block: Buffer, uncompressedLength: number): Buffer {
  const lz4 = loadLz4Napi(); // outside the try: an addon that fails to load is not a corrupt block
  const input = Buffer.allocUnsafe(4 + block.length);
  input.writeUInt32LE(uncompressedLength, 0);
  block.copy(input, 4);
  let output: Buffer;
  try {
    output = lz4.uncompressSync(input);
  } catch (e) {
    throw new ProtocolError(`Corrupt LZ4 block: ${(e as Error).message}`);
  }
  // lz4_flex returns a short buffer rather than failing when the block inflates to less than announced.
  if (output.length !== uncompressedLength) {
    throw new ProtocolError(`Corrupt LZ4 block: expected ${uncompressedLength} bytes, got ${output.length}`);
  }
  return output;
}

function checkDecompressedSize(sizeBytes: number, maxBytes: number): void {
  if (sizeBytes > maxBytes) {
    throw new ProtocolError(`Decompressed length ${sizeBytes} exceeds maximum allowed length ${maxBytes}`);
  }
}

function lz4Compressor(maxDecompressedBytes: number): Compressor {
  const lz4 = loadLz4Napi();
  return {
    name: 'lz4',
    compress(body) {
      const out = lz4.compressSync(body);
      out.writeUInt32BE(body.length, 0);
      return out;
    },
    decompress(body) {
      if (body.length < 4) throw new ProtocolError('Not enough bytes to read the LZ4 uncompressed length');
      const length = body.readUInt32BE(0);
      checkDecompressedSize(length, maxDecompressedBytes);
      return lz4DecompressBlock(body.subarray(4), length);
    },
  };
}

/** The uncompressed length that opens raw snappy data (a little-endian base-128 varint). */
function snappyUncompressedLength(data: Buffer): number {
  let length = 0;
  for (let i = 0; i < 5 && i < data.length; i++) {
    const byte = data[i]!;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return length;
  }
  throw new ProtocolError('Corrupt snappy data: invalid uncompressed length');
}

function snappyCompressor(maxDecompressedBytes: number): Compressor {
  const snappy = loadSnappy();
  return {
    name: 'snappy',
    compress: (body) => snappy.compressSync(body),
    decompress(body) {
      checkDecompressedSize(snappyUncompressedLength(body), maxDecompressedBytes);
      try {
        return snappy.uncompressSync(body, { asBuffer: true }) as Buffer;
      } catch (e) {
        throw new ProtocolError(`Corrupt snappy data: ${(e as Error).message}`);
      }
    },
  };
}

/** The algorithm a STARTUP's COMPRESSION option names (case-insensitive, as Cassandra reads it), if known. */
export function compressionNamed(option: string): CompressionName | undefined {
  const name = option.toLowerCase();
  return name === 'lz4' || name === 'snappy' ? name : undefined;
}

/**
 * The compressor a STARTUP's COMPRESSION option names (loading its library now, when compression is
 * negotiated); decompression refuses to inflate past the limit.
 */
export function createCompressor(
  name: CompressionName,
  maxDecompressedBytes = DEFAULT_MAX_FRAME_SIZE_BYTES,
): Compressor {
  return name === 'lz4' ? lz4Compressor(maxDecompressedBytes) : snappyCompressor(maxDecompressedBytes);
}
