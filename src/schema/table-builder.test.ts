import { describe, expect, it } from 'vitest';
import { compareNames } from './table-builder.js';

const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('compareNames', () => {
  it('orders names by their UTF-8 bytes, as ColumnIdentifier does', () => {
    const names = ['b', 'a', 'ab', '', 'A', 'é', 'z', '\u{1F600}', '\uFF21', '\uE000', 'a\u{10000}', 'a\uFFFF', 'ß'];
    const sign = (x: number): number => Math.sign(x);
    for (const a of names) for (const b of names) expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(byUtf8(a, b));
  });

  it('puts a code point above U+FFFF after U+E000..U+FFFF, unlike UTF-16 order', () => {
    expect('\u{1F600}' < '\uFF21').toBe(true);
    expect(compareNames('\u{1F600}', '\uFF21')).toBeGreaterThan(0);
  });
});
