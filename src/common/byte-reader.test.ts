import { describe, expect, it } from 'vitest';
import { ConsistencyLevel, ProtocolError } from '../errors/index.js';
import { ByteReader, UNSET } from './byte-reader.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('ByteReader', () => {
  it('reads fixed-size integers big-endian', () => {
    const r = new ByteReader(hex('ff fffe 80000000 ffffffff fffffffe 7fffffffffffffff'));
    expect(r.readByte()).toBe(255);
    expect(r.readShort()).toBe(0xfffe);
    expect(r.readInt()).toBe(-0x80000000);
    expect(r.readUnsignedInt()).toBe(0xffffffff);
    expect(r.readSignedShort()).toBe(-1);
    expect(r.readSignedShort()).toBe(-2);
    expect(r.readLong()).toBe(0x7fffffffffffffffn);
    expect(r.remaining).toBe(0);
  });

  it('reads strings, long strings, lists and maps', () => {
    const r = new ByteReader(
      hex('0003 616263  00000002 c3a9  0002 0001 61 0000  0001 0001 6b 0001 76  0001 0001 6b 0002 0001 61 0001 62'),
    );
    expect(r.readString()).toBe('abc');
    expect(r.readLongString()).toBe('é');
    expect(r.readStringList()).toEqual(['a', '']);
    expect(r.readStringMap()).toEqual(new Map([['k', 'v']]));
    expect(r.readStringMultimap()).toEqual(new Map([['k', ['a', 'b']]]));
  });

  it('reads [bytes], [value] and [short bytes]', () => {
    const r = new ByteReader(hex('00000001 aa ffffffff 00000000 fffffffe ffffffff 0002 bbcc fffffffe'));
    expect(r.readBytes()).toEqual(hex('aa'));
    expect(r.readBytes()).toBeNull();
    expect(r.readValue()).toEqual(Buffer.alloc(0));
    expect(r.readValue()).toBe(UNSET);
    expect(r.readValue()).toBeNull();
    expect(r.readShortBytes()).toEqual(hex('bbcc'));
    expect(r.readValue(false)).toBeNull();
  });

  it('rejects [value] lengths below -2', () => {
    expect(() => new ByteReader(hex('fffffffd')).readValue()).toThrow(new ProtocolError('Invalid ByteBuf length -3'));
  });

  it('reads [bytes map], [uuid], [inet] and [inetaddr]', () => {
    const r = new ByteReader(
      hex('0001 0001 78 ffffffff  000102030405060708090a0b0c0d0e0f  04 7f000001 00002352  10 00000000000000000000000000000001'),
    );
    expect(r.readBytesMap()).toEqual(new Map([['x', null]]));
    expect(r.readUuid()).toEqual(hex('000102030405060708090a0b0c0d0e0f'));
    expect(r.readInet()).toEqual({ address: hex('7f000001'), port: 9042 });
    expect(r.readInetAddr()).toEqual(hex('00000000000000000000000000000001'));
  });

  it('reads consistency levels and rejects unknown codes', () => {
    expect(new ByteReader(hex('000a')).readConsistency()).toBe(ConsistencyLevel.LOCAL_ONE);
    expect(() => new ByteReader(hex('000b')).readConsistency()).toThrow('Unknown code 11 for a consistency level');
  });

  it('reads the spec example of an [unsigned vint] and zig-zag [vint]s', () => {
    expect(new ByteReader(hex('c3e800')).readUnsignedVInt()).toBe(256000n);
    expect(new ByteReader(hex('7f')).readUnsignedVInt()).toBe(127n);
    expect(new ByteReader(hex('8080')).readUnsignedVInt()).toBe(128n);
    expect(new ByteReader(hex('ffffffffffffffffff')).readUnsignedVInt()).toBe(0xffffffffffffffffn);
    expect(new ByteReader(hex('01')).readVInt()).toBe(-1n);
    expect(new ByteReader(hex('04')).readVInt()).toBe(2n);
    expect(new ByteReader(hex('ffffffffffffffffff')).readVInt()).toBe(-(2n ** 63n));
  });

  it('throws ProtocolError, never RangeError, on truncated input', () => {
    const cases: [string, (r: ByteReader) => unknown][] = [
      ['', (r) => r.readByte()],
      ['00', (r) => r.readShort()],
      ['000000', (r) => r.readInt()],
      ['00000000000000', (r) => r.readLong()],
      ['0005 6162', (r) => r.readString()],
      ['00000005 6162', (r) => r.readLongString()],
      ['00000005 6162', (r) => r.readBytes()],
      ['00000005 6162', (r) => r.readValue()],
      ['0005 6162', (r) => r.readShortBytes()],
      ['0102', (r) => r.readUuid()],
      ['c3e8', (r) => r.readUnsignedVInt()],
      ['04 7f0000', (r) => r.readInet()],
      ['0002 0001 61', (r) => r.readStringList()],
    ];
    for (const [bytes, read] of cases) {
      const attempt = (): unknown => read(new ByteReader(hex(bytes)));
      expect(attempt).toThrow(ProtocolError);
      expect(attempt).toThrow(/^Not enough bytes to read /);
    }
  });

  it('refuses strings that are not UTF-8, as CBUtil does', () => {
    expect(() => new ByteReader(hex('0002 c328')).readString()).toThrow("Cannot decode string as UTF8: 'c328'");
    expect(() => new ByteReader(hex('00000001 ff')).readLongString()).toThrow(ProtocolError);
    expect(new ByteReader(hex('0002 c3a9')).readString()).toBe('é');
  });

  it('honours a start and end inside a larger buffer', () => {
    const r = new ByteReader(hex('ff 00000001 ff'), 1, 5);
    expect(r.readInt()).toBe(1);
    expect(() => r.readByte()).toThrow(ProtocolError);
  });
});
