import { describe, expect, it } from 'vitest';
import { ConsistencyLevel } from '../errors/index.js';
import { ByteReader, UNSET } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';
import { InvariantError } from './invariant.js';

const hexOf = (w: ByteWriter): string => w.toBuffer().toString('hex');

describe('ByteWriter', () => {
  it('truncates back to an earlier length, and not past what was written', () => {
    const w = new ByteWriter();
    w.writeInt(1);
    w.writeShort(2);
    w.truncate(4);
    w.writeByte(3);
    expect(hexOf(w)).toBe('0000000103');
    expect(() => w.truncate(6)).toThrow(InvariantError);
  });

  it('writes fixed-size integers big-endian', () => {
    const w = new ByteWriter(1);
    w.writeByte(0xab);
    w.writeShort(0xfffe);
    w.writeSignedShort(-1);
    w.writeInt(-2);
    w.writeUnsignedInt(0xffffffff);
    w.writeLong(-1n);
    expect(hexOf(w)).toBe('abfffeffff' + 'fffffffe' + 'ffffffff' + 'ffffffffffffffff');
  });

  it('writes strings, lists and maps', () => {
    const w = new ByteWriter();
    w.writeString('abc');
    w.writeLongString('é');
    w.writeStringList(['a', '']);
    w.writeStringMap(new Map([['k', 'v']]));
    w.writeStringMultimap(new Map([['k', ['a', 'b']]]));
    w.writeBytesMap(new Map([['x', null]]));
    expect(hexOf(w)).toBe(
      '0003616263' + '00000002c3a9' + '0002000161' + '0000' + '000100016b000176' + '000100016b0002000161000162' +
        '0001000178ffffffff',
    );
  });

  it('writes [bytes], [value], [short bytes], [uuid], [inet], [consistency]', () => {
    const w = new ByteWriter();
    w.writeBytes(Buffer.from([0xaa]));
    w.writeBytes(null);
    w.writeValue(UNSET);
    w.writeValue(null);
    w.writeShortBytes(Buffer.from([1, 2]));
    w.writeUuid(Buffer.alloc(16, 0x11));
    w.writeInet({ address: Buffer.from([127, 0, 0, 1]), port: 9042 });
    w.writeConsistency(ConsistencyLevel.LOCAL_QUORUM);
    expect(hexOf(w)).toBe(
      '00000001aa' + 'ffffffff' + 'fffffffe' + 'ffffffff' + '00020102' + '11'.repeat(16) + '047f00000100002352' + '0006',
    );
  });

  it('encodes the spec example of an [unsigned vint]', () => {
    const w = new ByteWriter();
    w.writeUnsignedVInt(256000n);
    expect(hexOf(w)).toBe('c3e800');
  });

  it('round-trips [unsigned vint] and [vint] at every size boundary', () => {
    const values: bigint[] = [0n, 1n, 127n, 128n, 0xffffffffffffffffn];
    for (let bits = 7n; bits < 64n; bits += 7n) values.push((1n << bits) - 1n, 1n << bits);
    for (const value of values) {
      const w = new ByteWriter(1);
      w.writeUnsignedVInt(value);
      expect(new ByteReader(w.toBuffer()).readUnsignedVInt()).toBe(value);
      const s = BigInt.asIntN(64, value);
      const ws = new ByteWriter(1);
      ws.writeVInt(s);
      const r = new ByteReader(ws.toBuffer());
      expect(r.readVInt()).toBe(s);
      expect(r.remaining).toBe(0);
    }
  });

  it('reserves and patches header fields', () => {
    const w = new ByteWriter(4);
    const at = w.reserve(4);
    w.writeString('hello');
    w.setInt(at, w.length - 4);
    expect(hexOf(w)).toBe('00000007' + '000568656c6c6f');
  });

  it('grows past its initial capacity without losing bytes', () => {
    const w = new ByteWriter(16);
    for (let i = 0; i < 1000; i++) w.writeInt(i);
    const r = new ByteReader(w.toBuffer());
    for (let i = 0; i < 1000; i++) expect(r.readInt()).toBe(i);
  });

  it('refuses strings longer than a [string] can hold', () => {
    expect(() => new ByteWriter().writeString('x'.repeat(70000))).toThrow(InvariantError);
  });
});
