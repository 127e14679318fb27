import { describe, expect, it } from 'vitest';
import { murmur3Token } from './murmur3.js';
import { serializePartitionKey, splitPartitionKey } from './partition-key.js';

const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

describe('serializePartitionKey', () => {
  it('uses a single component as is', () => {
    const k = int(7);
    expect(serializePartitionKey([k])).toBe(k);
  });

  it('lays out composite components as length, bytes, end-of-component', () => {
    const key = serializePartitionKey([int(1), Buffer.from('ab')]);
    expect(key.toString('hex')).toBe('0004' + '00000001' + '00' + '0002' + '6162' + '00');
  });

  it('keeps empty components', () => {
    expect(serializePartitionKey([Buffer.alloc(0), int(2)]).toString('hex')).toBe('000000' + '00040000000200');
  });

  it('is the byte string that gets hashed, so equal components give equal tokens', () => {
    const a = serializePartitionKey([int(1), Buffer.from('a')]);
    const b = serializePartitionKey([int(1), Buffer.from('a')]);
    expect(a.toString('hex')).toBe('00040000000100' + '00016100');
    expect(murmur3Token(a)).toBe(murmur3Token(b));
  });

  it('rejects components longer than 65535 bytes', () => {
    expect(() => serializePartitionKey([Buffer.alloc(65536), int(1)])).toThrow(/unsigned short/);
  });
});

describe('splitPartitionKey', () => {
  it('round-trips composite keys', () => {
    const parts = [int(1), Buffer.from('hello'), Buffer.alloc(0)];
    const split = splitPartitionKey(serializePartitionKey(parts), 3);
    expect(split.map((b) => b.toString('hex'))).toEqual(parts.map((b) => b.toString('hex')));
  });

  it('returns a single-column key whole', () => {
    const k = Buffer.from('abc');
    expect(splitPartitionKey(k, 1)).toEqual([k]);
  });

  it('rejects truncated or oversized input', () => {
    const key = serializePartitionKey([int(1), int(2)]);
    expect(() => splitPartitionKey(key.subarray(0, key.length - 1), 2)).toThrow(/truncated/);
    expect(() => splitPartitionKey(Buffer.concat([key, Buffer.from([0])]), 2)).toThrow(/trailing/);
  });
});
