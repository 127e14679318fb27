import { describe, expect, it } from 'vitest';
import { formatInet, parseInet } from './inet.js';

describe('parseInet', () => {
  it.each([
    ['127.0.0.1', '7f000001'],
    ['255.255.255.255', 'ffffffff'],
    ['::1', '00000000000000000000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['2001:db8::ff00:42:8329', '20010db8000000000000ff0000428329'],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', '20010db8000000000000ff0000428329'],
    ['fe80::1:2.3.4.5', 'fe800000000000000000000102030405'],
    ['[::1]', '00000000000000000000000000000001'],
    ['::ffff:1.2.3.4', '01020304'],
  ])('%s', (text, hex) => {
    expect(parseInet(text)?.toString('hex')).toBe(hex);
  });

  it.each(['1.2.3.256', '1.2.3', 'abc', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'localhost'])(
    'rejects %s', (text) => {
      expect(parseInet(text)).toBeUndefined();
    });
});

describe('formatInet', () => {
  it('prints as Java getHostAddress does', () => {
    expect(formatInet(Buffer.from('7f000001', 'hex'))).toBe('127.0.0.1');
    expect(formatInet(Buffer.from('00000000000000000000000000000001', 'hex'))).toBe('0:0:0:0:0:0:0:1');
    expect(formatInet(Buffer.from('20010db8000000000000ff0000428329', 'hex'))).toBe('2001:db8:0:0:0:ff00:42:8329');
    expect(formatInet(Buffer.from('00000000000000000000ffff01020304', 'hex'))).toBe('1.2.3.4');
  });
});
