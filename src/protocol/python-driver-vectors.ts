/**
 * v5 segments produced by the Python driver 3.25's own codec (cassandra/segment.py with the lz4
 * compressor of cassandra/connection.py), generated once with /usr/bin/python3 and committed here, so
 * that the tests check interoperability without running Python:
 *
 *   codec = SegmentCodec()                                # or SegmentCodec(lz4_compress, lz4_decompress)
 *   buf = io.BytesIO(); codec.encode(buf, payload); buf.getvalue().hex()
 */

/** An OPTIONS request envelope (v5, stream 0). */
export const OPTIONS_ENVELOPE = '050000000500000000';

/** Two OPTIONS envelopes (streams 0 and 1) packed in one payload. */
export const TWO_OPTIONS_ENVELOPES = '050000000500000000' + '050000010500000000';

/** The query text repeated in LZ4_QUERY_ENVELOPE. */
export const LZ4_QUERY_TEXT = "SELECT * FROM system.local WHERE key='local'".repeat(4);

/** An envelope (v5, stream 2, opcode QUERY) whose body is LZ4_QUERY_TEXT: compressible. */
export const LZ4_QUERY_ENVELOPE = '0500000207000000b0' + Buffer.from(LZ4_QUERY_TEXT).toString('hex');

export const PYTHON_VECTORS = {
  crc24: [
    { header: 0x020009, byteCount: 3, crc: 0xc1c8a4 },
    { header: 0x000000, byteCount: 3, crc: 0x7de777 },
    { header: 0x0400000000 + (40 * 2 ** 17) + 20, byteCount: 5, crc: 0xfa215b },
  ],
  crc32: [
    { payload: '', crc: 0x44777ed3 },
    { payload: OPTIONS_ENVELOPE, crc: 0x4d288610 },
    { payload: Buffer.from('123456789').toString('hex'), crc: 0xe2a261a7 },
  ],
  /** Uncompressed, self-contained. */
  uncompressedOptions: '090002a4c8c10500000005000000001086284d',
  uncompressedTwoOptions: '120002f6cbcf05000000050000000005000001050000000051ad22d9',
  /** 200000 bytes (i % 251) split into two non-self-contained segments. */
  uncompressedLarge: {
    payloadLength: 200000,
    encodedLength: 200020,
    sha256: 'd2fd050c572aa98f4b1af973808dc30040df13cf7755403e2246b90ac156a0c6',
    firstHeader: 'ffff013891fe',
    secondHeader: '410d013ede37',
  },
  lz4Query: '3e00720104c29ef7f1200500000207000000b053454c454354202a2046524f4d2073797374656d2e6c6f63616c205748455245206b65793d2711001f272c006c506f63616c2777eaec4e',
  /** Too small to shrink: stored raw with uncompressed length 0. */
  lz4StoredOptions: '0900000004c2b8950500000005000000001086284d',
  /** The 200000-byte payload above, LZ4-compressed in two non-self-contained segments. */
  lz4Large: [
    '0603feff036d9bc1ffec000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627',
    '28292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f50515253545556575859',
    '5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b',
    '8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbd',
    'bebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef',
    'f0f1f2f3f4f5f6f7f8f9fafb00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffec502c2d2e2f30b319af531302821a0271127dffec31323334',
    '35363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263646566',
    '6768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798',
    '999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9ca',
    'cbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa0001',
    '02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30fb00ff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffff3b50c7c8c9cacba0392a19',
  ].join(''),
  /** v4 per-envelope LZ4 body of LZ4_QUERY_TEXT: 4-byte big-endian length, then the block. */
  v4Lz4Body: '000000b0f11753454c454354202a2046524f4d2073797374656d2e6c6f63616c205748455245206b65793d2711001f272c006c506f63616c27',
} as const;
