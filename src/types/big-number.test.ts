import { describe, expect, it } from 'vitest';
import {
  compareDecimals, decimalFromBytes, decimalToBytes, formatDecimalPlain, parseDecimal, varintFromBytes, varintToBytes,
} from './big-number.js';

describe('varint', () => {
  it.each([
    [0n, '00'], [1n, '01'], [127n, '7f'], [128n, '0080'], [255n, '00ff'], [256n, '0100'], [-1n, 'ff'],
    [-128n, '80'], [-129n, 'ff7f'], [1n << 64n, '010000000000000000'], [-(1n << 63n), '8000000000000000'],
  ])('%s is %s', (value, hex) => {
    expect(varintToBytes(value).toString('hex')).toBe(hex);
    expect(varintFromBytes(Buffer.from(hex, 'hex'))).toBe(value);
  });

  it('reads non-minimal encodings', () => {
    expect(varintFromBytes(Buffer.from('0000ff', 'hex'))).toBe(255n);
    expect(varintFromBytes(Buffer.from('ffffff7f', 'hex'))).toBe(-129n);
    expect(varintFromBytes(Buffer.from('ff00000000000000000000', 'hex'))).toBe(-(1n << 80n));
  });
});

describe('decimal', () => {
  it.each([
    ['1.5', 15n, 1], ['-0.001', -1n, 3], ['1e3', 1n, -3], ['1.50E+2', 150n, 0], ['.5', 5n, 1], ['7.', 7n, 0],
    ['+12', 12n, 0],
  ])('parses %s as Java BigDecimal does', (text, unscaled, scale) => {
    expect(parseDecimal(text)).toEqual({ unscaled, scale });
  });

  it.each(['NaN', 'Infinity', '', '.', '1e', 'abc'])('rejects %s', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it('serializes scale then unscaled varint', () => {
    expect(decimalToBytes({ unscaled: 15n, scale: 1 }).toString('hex')).toBe('000000010f');
    expect(decimalToBytes({ unscaled: -1n, scale: -3 }).toString('hex')).toBe('fffffffdff');
    expect(decimalFromBytes(Buffer.from('000000010f', 'hex'))).toEqual({ unscaled: 15n, scale: 1 });
  });

  it.each([
    [15n, 1, '1.5'], [1n, -3, '1000'], [-1n, 3, '-0.001'], [0n, 2, '0.00'], [12345n, 2, '123.45'], [0n, -2, '0'],
  ])('prints %s×10^-%s as %s', (unscaled, scale, text) => {
    expect(formatDecimalPlain({ unscaled, scale })).toBe(text);
  });

  it('compares numerically', () => {
    const d = (text: string) => parseDecimal(text)!;
    expect(compareDecimals(d('1.0'), d('1.00'))).toBe(0);
    expect(compareDecimals(d('1e100'), d('2'))).toBe(1);
    expect(compareDecimals(d('-1'), d('0.5'))).toBe(-1);
    expect(compareDecimals(d('-1e100'), d('-2'))).toBe(-1);
    expect(compareDecimals(d('0'), d('-0.0'))).toBe(0);
    expect(compareDecimals({ unscaled: 1n, scale: 1_000_000_000 }, { unscaled: 1n, scale: -1_000_000_000 })).toBe(-1);
    expect(compareDecimals(d('0.999'), d('1'))).toBe(-1);
  });
});
