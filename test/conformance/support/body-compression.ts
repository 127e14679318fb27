/**
 * v3/v4 envelope body compression (header flag 0x01) for raw test clients, in Cassandra's layouts and
 * straight over the libraries, not through the server's codec: lz4 is a 4-byte big-endian uncompressed
 * length then a raw LZ4 block; snappy is raw snappy.
 */
import { compressSync as lz4CompressSync, uncompressSync as lz4UncompressSync } from 'lz4-napi';
import { compressSync as snappyCompressSync, uncompressSync as snappyUncompressSync } from 'snappy';

export type BodyCompression = 'lz4' | 'snappy';

export function compressBody(compression: BodyCompression, body: Buffer): Buffer {
  if (compression === 'snappy') return snappyCompressSync(body);
  // lz4-napi prefixes the block with the length in little-endian: rewrite it big-endian.
  const bytes = lz4CompressSync(body);
  bytes.writeUInt32BE(body.length, 0);
  return bytes;
}

export function decompressBody(compression: BodyCompression, body: Buffer): Buffer {
  if (compression === 'snappy') return snappyUncompressSync(body, { asBuffer: true }) as Buffer;
  const bytes = Buffer.from(body);
  bytes.writeUInt32LE(body.readUInt32BE(0), 0);
  return lz4UncompressSync(bytes);
}
