// Its own file: Vitest runs each test file in a fresh process, so no other test has loaded the addons yet.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createCompressor, lz4CompressBlock } from './compression.js';

const require = createRequire(import.meta.url);
const loaded = (pkg: string): boolean => require.resolve(pkg) in require.cache;

describe('compression addons', () => {
  it('are loaded only once a compressor or an LZ4 block needs them', () => {
    expect(loaded('lz4-napi')).toBe(false);
    expect(loaded('snappy')).toBe(false);
    createCompressor('snappy');
    expect(loaded('snappy')).toBe(true);
    expect(loaded('lz4-napi')).toBe(false);
    lz4CompressBlock(Buffer.from('hello'));
    expect(loaded('lz4-napi')).toBe(true);
  });
});
