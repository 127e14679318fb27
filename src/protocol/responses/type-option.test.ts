import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../common/index.js';
import { native, opaqueCustomType, type CqlType, type NativeTypeName } from '../../types/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { writeTypeOption } from './type-option.js';

const text = (s: string): string => Buffer.from(s).toString('hex');
const str = (s: string): string => Buffer.byteLength(s).toString(16).padStart(4, '0') + text(s);
const custom = (className: string): string => '0000' + str(`org.apache.cassandra.db.marshal.${className}`);

function option(type: CqlType, version: ProtocolVersion): string {
  const writer = new ByteWriter();
  writeTypeOption(writer, type, version);
  return writer.toBuffer().toString('hex');
}

describe('writeTypeOption', () => {
  it('writes native ids on v5', () => {
    const ids: [NativeTypeName, number][] = [
      ['ascii', 0x01], ['bigint', 0x02], ['blob', 0x03], ['boolean', 0x04], ['counter', 0x05], ['decimal', 0x06],
      ['double', 0x07], ['float', 0x08], ['int', 0x09], ['timestamp', 0x0b], ['uuid', 0x0c], ['text', 0x0d],
      ['varint', 0x0e], ['timeuuid', 0x0f], ['inet', 0x10], ['date', 0x11], ['time', 0x12], ['smallint', 0x13],
      ['tinyint', 0x14], ['duration', 0x15],
    ];
    for (const [name, id] of ids) expect(option(native(name), 5)).toBe(id.toString(16).padStart(4, '0'));
  });

  it('sends duration as a custom type before v5', () => {
    expect(option(native('duration'), 4)).toBe(custom('DurationType'));
  });

  it('sends date, time, smallint and tinyint as custom types on v3', () => {
    expect(option(native('date'), 3)).toBe(custom('SimpleDateType'));
    expect(option(native('time'), 3)).toBe(custom('TimeType'));
    expect(option(native('smallint'), 3)).toBe(custom('ShortType'));
    expect(option(native('tinyint'), 3)).toBe(custom('ByteType'));
    expect(option(native('date'), 4)).toBe('0011');
  });

  it('writes collections, applying the version rules inside them', () => {
    const list: CqlType = { kind: 'list', element: native('int'), frozen: false };
    expect(option(list, 4)).toBe('0020' + '0009');
    expect(option({ kind: 'set', element: native('date'), frozen: true }, 3)).toBe('0022' + custom('SimpleDateType'));
    expect(option({ kind: 'map', key: native('text'), value: { ...list, frozen: true }, frozen: false }, 4)).toBe('0021' + '000d' + '0020' + '0009');
  });

  it('writes UDTs and tuples', () => {
    const address: CqlType = {
      kind: 'udt',
      keyspace: 'ks',
      name: 'address',
      fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
      frozen: true,
    };
    expect(option(address, 4)).toBe('0030' + str('ks') + str('address') + '0002' + str('street') + '000d' + str('zip') + '0009');
    expect(option({ kind: 'tuple', elements: [native('int'), native('duration')] }, 5)).toBe('0031' + '0002' + '0009' + '0015');
  });

  // Cassandra's TypeParser.stringifyVectorParameters puts spaces around the comma.
  it('sends vectors and unknown types as custom types named by their Java class', () => {
    const vector: CqlType = { kind: 'vector', element: native('float'), dimension: 3 };
    expect(option(vector, 5)).toBe('0000' + str('org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType , 3)'));
    expect(option(opaqueCustomType('com.example.MyType'), 4)).toBe('0000' + str('com.example.MyType'));
  });
});
