import { ConfigurationError } from '../../../errors/index.js';
import { formatJavaDouble } from '../../../types/index.js';
import { parseJavaDouble, parseJavaInt } from './property-definitions.js';

const COMPRESSION_PACKAGE = 'org.apache.cassandra.io.compress.';

/** The compressors of Cassandra 4.1 and the options each accepts. */
const COMPRESSORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [`${COMPRESSION_PACKAGE}LZ4Compressor`, new Set(['lz4_compressor_type', 'lz4_high_compressor_level'])],
  [`${COMPRESSION_PACKAGE}SnappyCompressor`, new Set<string>()],
  [`${COMPRESSION_PACKAGE}DeflateCompressor`, new Set<string>()],
  [`${COMPRESSION_PACKAGE}ZstdCompressor`, new Set(['compression_level'])],
  [`${COMPRESSION_PACKAGE}NoopCompressor`, new Set<string>()],
]);

/**
 * The `compression` option as CompressionParams.fromMap reads it, the deprecated names `sstable_compression`
 * and `chunk_length_kb` included; returns the map system_schema reports.
 */
export function compressionFromMap(map: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const options = new Map(map);
  const enabled = options.get('enabled')?.toLowerCase() !== 'false';
  if (map.size > 0 && enabled && !options.has('class') && !options.has('sstable_compression')) {
    throw new ConfigurationError("Missing sub-option 'class' for the 'compression' option.");
  }
  options.delete('enabled');
  if (!enabled && options.size > 0) {
    throw new ConfigurationError("If the 'enabled' option is set to false no other options must be specified");
  }
  const name = removeCompressionClass(options);
  const chunkLengthKb = removeChunkLength(options);
  const minCompressRatio = removeMinCompressRatio(options);
  if (name === undefined) {
    if (options.size > 0) throw new ConfigurationError(`Unknown compression options ([${[...options.keys()].join(', ')}]) since no compression class found`);
    return new Map([['enabled', 'false']]);
  }
  const className = name.includes('.') ? name : COMPRESSION_PACKAGE + name;
  const supported = COMPRESSORS.get(className);
  if (supported === undefined) throw new ConfigurationError(`Could not create Compression for type ${className}`);
  for (const key of options.keys()) {
    if (!supported.has(key)) throw new ConfigurationError(`Unknown compression options ${key}`);
  }
  validateChunk(chunkLengthKb, minCompressRatio);
  const result = new Map([...options, ['class', className], ['chunk_length_in_kb', String(chunkLengthKb)]]);
  if (minCompressRatio !== 0) result.set('min_compress_ratio', formatJavaDouble(minCompressRatio));
  return result;
}

/** CompressionParams.removeSstableCompressionClass: `class`, or the older `sstable_compression` when not empty. */
function removeCompressionClass(options: Map<string, string>): string | undefined {
  const name = options.get('class');
  if (name !== undefined) {
    if (options.has('sstable_compression')) {
      throw new ConfigurationError("The 'sstable_compression' option must not be used if the compression algorithm is already specified by the 'class' option");
    }
    options.delete('class');
    if (name === '') throw new ConfigurationError("The 'class' option must not be empty. To disable compression use 'enabled' : false");
    return name;
  }
  const older = options.get('sstable_compression');
  if (older === undefined || older === '') return undefined;
  options.delete('sstable_compression');
  return older;
}

/** `chunk_length_in_kb`, or the older `chunk_length_kb`; not both. */
function removeChunkLength(options: Map<string, string>): number {
  if (options.has('chunk_length_in_kb') && options.has('chunk_length_kb')) {
    throw new ConfigurationError("The 'chunk_length_kb' option must not be used if the chunk length is already specified by the 'chunk_length_in_kb' option");
  }
  const key = options.has('chunk_length_in_kb') ? 'chunk_length_in_kb' : 'chunk_length_kb';
  const text = options.get(key);
  options.delete(key);
  if (text === undefined) return 16;
  const value = parseJavaInt(text);
  if (value === undefined) throw new ConfigurationError('Invalid value for chunk_length_in_kb');
  if (value > Math.floor(2147483647 / 1024)) throw new ConfigurationError(`Value of chunk_length_in_kb is too large (${value})`);
  return value;
}

function removeMinCompressRatio(options: Map<string, string>): number {
  const text = options.get('min_compress_ratio');
  options.delete('min_compress_ratio');
  if (text === undefined) return 0;
  const value = parseJavaDouble(text);
  if (value === undefined) throw new ConfigurationError('Invalid value for min_compress_ratio');
  return value;
}

function validateChunk(chunkLengthKb: number, minCompressRatio: number): void {
  const chunkLength = chunkLengthKb * 1024;
  if (chunkLength <= 0) throw new ConfigurationError('Invalid negative or null chunk_length_in_kb');
  if ((chunkLength & (chunkLength - 1)) !== 0) throw new ConfigurationError('chunk_length_in_kb must be a power of 2');
  if (minCompressRatio < 0) throw new ConfigurationError('Invalid negative min_compress_ratio');
  if (minCompressRatio > 0 && minCompressRatio < 1) {
    throw new ConfigurationError('min_compress_ratio can either be 0 or greater than or equal to 1');
  }
}
