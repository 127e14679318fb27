import { describe, expect, it } from 'vitest';
import { MAX_TOKEN, MIN_TOKEN, murmur3Token } from './murmur3.js';

/** A straightforward BigInt transcription of hash3_x64_128 (h1 only), as an oracle for random inputs. */
function naiveToken(key: Buffer): bigint {
  if (key.length === 0) return MIN_TOKEN;
  const M = (1n << 64n) - 1n;
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M;
  const fmix = (k: bigint): bigint => {
    k ^= k >> 33n;
    k = (k * 0xff51afd7ed558ccdn) & M;
    k ^= k >> 33n;
    k = (k * 0xc4ceb9fe1a85ec53n) & M;
    return k ^ (k >> 33n);
  };
  const signed = (b: number): bigint => BigInt.asUintN(64, BigInt(b >= 0x80 ? b - 256 : b));
  let h1 = 0n;
  let h2 = 0n;
  const blocks = key.length >> 4;
  for (let i = 0; i < blocks; i++) {
    let k1 = key.readBigUInt64LE(i * 16);
    let k2 = key.readBigUInt64LE(i * 16 + 8);
    k1 = (rotl((k1 * c1) & M, 31n) * c2) & M;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & M) * 5n + 0x52dce729n) & M;
    k2 = (rotl((k2 * c2) & M, 33n) * c1) & M;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & M) * 5n + 0x38495ab5n) & M;
  }
  let k1 = 0n;
  let k2 = 0n;
  const off = blocks * 16;
  for (let i = key.length - 1; i >= off; i--) {
    const j = i - off;
    if (j >= 8) k2 ^= (signed(key[i]!) << BigInt((j - 8) * 8)) & M;
    else k1 ^= (signed(key[i]!) << BigInt(j * 8)) & M;
  }
  if (key.length - off > 8) h2 ^= (rotl((k2 * c2) & M, 33n) * c1) & M;
  if (key.length - off > 0) h1 ^= (rotl((k1 * c1) & M, 31n) * c2) & M;
  h1 ^= BigInt(key.length);
  h2 ^= BigInt(key.length);
  h1 = (h1 + h2) & M;
  h2 = (h2 + h1) & M;
  h1 = fmix(h1);
  h2 = fmix(h2);
  const token = BigInt.asIntN(64, (h1 + h2) & M);
  return token === MIN_TOKEN ? MAX_TOKEN : token;
}

const range = (from: number, to: number): Buffer => Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i));
const repeat = (bytes: number[], times: number): Buffer => Buffer.from(Array.from({ length: times }, () => bytes).flat());
const asSigned = (h: bigint): bigint => BigInt.asIntN(64, h);

/** DRIVER-NOTES B.7: vectors from the Python, Node and Go drivers and from Cassandra itself. */
const VECTORS: ReadonlyArray<[string, Buffer, bigint]> = [
  ['ascii 123', Buffer.from('123'), -7468325962851647638n],
  ['00 ff 10 fa 99 x10', repeat([0x00, 0xff, 0x10, 0xfa, 0x99], 10), 5837342703291459765n],
  ['fe x8', repeat([0xfe], 8), -8927430733708461935n],
  ['10 x8', repeat([0x10], 8), 1446172840243228796n],
  ['ascii Long.MAX', Buffer.from('9223372036854775807'), 7162290910810015547n],
  ['bytes 1..16', range(1, 16), -5563837382979743776n],
  ['bytes 2..17', range(2, 17), -1513403162740402161n],
  ['ff x16', repeat([0xff], 16), -2824192546314762522n],
  ['00 01 02 03 + ff x12', Buffer.concat([range(0, 3), repeat([0xff], 12)]), 6463632673159404390n],
  ['fe x17', repeat([0xfe], 17), -1672437813826982685n],
  ['fe x4', repeat([0xfe], 4), 4566408979886474012n],
  ['int 0', Buffer.from([0, 0, 0, 0]), -3485513579396041028n],
  ['00 01 7f 7f', Buffer.from([0x00, 0x01, 0x7f, 0x7f]), 6573459401642635627n],
  ['e2 e7 e2 e7 e2 e7 01', Buffer.from([0xe2, 0xe7, 0xe2, 0xe7, 0xe2, 0xe7, 0x01]), 2222373981930033306n],
  ['00 x7 80', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0x80]), 78142285821850151n],
  ['gocql sign quirk', Buffer.from('00104327529fb645dd00b883ec39ae448bb800000400066a6b00', 'hex'), -9223371632693506265n],
  ['hello', Buffer.from('hello'), asSigned(0xcbd8a7b341bd9b02n)],
  ['hello, world', Buffer.from('hello, world'), asSigned(0x342fac623a5ebc8en)],
  ['quick brown fox', Buffer.from('The quick brown fox jumps over the lazy dog.'), asSigned(0xcd99481f9ee902c9n)],
  ['int 1', Buffer.from([0, 0, 0, 1]), -4069959284402364209n],
  ['int 2', Buffer.from([0, 0, 0, 2]), -3248873570005575792n],
  ['int 42', Buffer.from([0, 0, 0, 42]), -7160136740246525330n],
];

describe('murmur3Token', () => {
  it.each(VECTORS)('%s', (_name, key, token) => {
    expect(murmur3Token(key)).toBe(token);
    expect(naiveToken(key)).toBe(token);
  });

  it('gives the minimum token to the empty key', () => {
    expect(murmur3Token(Buffer.alloc(0))).toBe(MIN_TOKEN);
  });

  it('matches the BigInt transcription on every length up to 70 and on random bytes', () => {
    let seed = 12345;
    const nextByte = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let length = 1; length <= 70; length++) {
      for (let round = 0; round < 20; round++) {
        const key = Buffer.from(Array.from({ length }, nextByte));
        expect(murmur3Token(key)).toBe(naiveToken(key));
      }
    }
  });

  it('works on a Buffer view with a non-zero byteOffset', () => {
    const backing = Buffer.from('xxhello, worldyy');
    expect(murmur3Token(backing.subarray(2, 14))).toBe(asSigned(0x342fac623a5ebc8en));
  });
});
