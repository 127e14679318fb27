import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.js';
import { native, type CqlType, type NativeTypeName, type UserType } from '../cql-type.js';
import { parseCqlType } from '../type-parser.js';
import { validateValue } from './validation.js';

const address: UserType = {
  kind: 'udt', keyspace: 'ks', name: 'address', frozen: true,
  fields: [{ name: 'street', type: native('text') }, { name: 'zip', type: native('int') }],
};
const type = (text: string): CqlType => parseCqlType(text, () => address);
const bytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

describe('validateValue on native types', () => {
  it.each<[NativeTypeName, string, string]>([
    ['int', '010203', 'Expected 4 or 0 byte int (3)'],
    ['bigint', '01', 'Expected 8 or 0 byte long (1)'],
    ['counter', '01', 'Expected 8 or 0 byte long (1)'],
    ['smallint', '', 'Expected 2 bytes for a smallint (0)'],
    ['tinyint', '0102', 'Expected 1 byte for a tinyint (2)'],
    ['float', '00', 'Expected 4 or 0 byte value for a float (1)'],
    ['double', '00', 'Expected 8 or 0 byte value for a double (1)'],
    ['boolean', '0101', 'Expected 1 or 0 byte value (2)'],
    ['decimal', '0001', 'Expected 0 or at least 4 bytes (2)'],
    ['timestamp', '0001', 'Expected 8 or 0 byte long for date (2)'],
    ['date', '', 'Expected 4 byte long for date (0)'],
    ['time', '00', 'Expected 8 byte long for time (1)'],
    ['uuid', '00', 'UUID should be 16 or 0 bytes (1)'],
    ['timeuuid', '123e4567e89b42d3a456426614174000', 'Invalid version for TimeUUID type.'],
    ['inet', '0102', 'Expected 4 or 16 byte inetaddress; got 0102'],
    ['ascii', '61ff', 'Invalid byte for ascii: -1'],
    ['text', '61c3', "String didn't validate."],
    ['text', 'c1bf', "String didn't validate."],
    ['text', 'eda080ff', "String didn't validate."],
    ['duration', '0204', 'Expected at least 3 bytes for a duration (2)'],
  ])('%s rejects %s', (name, hex, message) => {
    expect(() => validateValue(native(name), bytes(hex))).toThrow(new InvalidRequestError(message));
  });

  it.each<[NativeTypeName, string]>([
    ['int', ''], ['bigint', ''], ['float', ''], ['double', ''], ['boolean', ''], ['decimal', ''], ['timestamp', ''],
    ['uuid', ''], ['timeuuid', ''], ['inet', ''], ['varint', ''], ['text', ''], ['blob', ''], ['duration', ''],
    ['text', 'e282ac'], ['text', 'f09f9880'], ['text', 'c080'], ['varint', '000000ff'], ['decimal', '00000001'],
    ['timeuuid', '138140001dd211b28080808080808080'], ['inet', '00000000000000000000000000000001'],
  ])('%s accepts %j', (name, hex) => {
    expect(() => validateValue(native(name), bytes(hex))).not.toThrow();
  });
});

describe('validateValue on composite types', () => {
  it.each<[string, string, string]>([
    ['list<int>', '000000', 'Not enough bytes to read a list'],
    ['list<int>', '00000001000000040000', 'Not enough bytes to read a list'],
    ['list<int>', '0000000000', 'Unexpected extraneous bytes after list value'],
    ['set<int>', '00000001ffffffff', 'null is not supported inside collections'],
    ['map<int, int>', '000000010000000400000001', 'Not enough bytes to read a map'],
    ['list<int>', '0000000100000002aabb', 'Expected 4 or 0 byte int (2)'],
    ['tuple<int, int>', '0000000400000001000000', 'Not enough bytes to read size of 1th component'],
    ['tuple<int>', '0000000400000001ffffffff', 'Invalid remaining data after end of tuple value'],
    ['tuple<int>', '0000000800', 'Not enough bytes to read 0th component'],
    ['frozen<address>', '0000000161000000', 'Not enough bytes to read size of 1th field zip'],
    ['frozen<address>', 'ffffffffffffffff00', 'Invalid remaining data after end of UDT value'],
    ['vector<float, 2>', '3fc00000', 'Not enough bytes to read a vector'],
    ['vector<float, 1>', '3fc0000000', 'Unexpected extraneous bytes after vector value'],
    ['vector<int, 1>', '00000001', ''],
  ])('%s %s', (text, hex, message) => {
    const run = (): void => validateValue(type(text), bytes(hex));
    if (message === '') expect(run).not.toThrow();
    else expect(run).toThrow(new InvalidRequestError(message));
  });

  it('accepts tuples and UDTs with fewer fields than declared, and empty collections', () => {
    expect(() => validateValue(type('tuple<int, int>'), bytes('00000004ffffffff'))).not.toThrow();
    expect(() => validateValue(type('frozen<address>'), bytes('0000000161'))).not.toThrow();
    expect(() => validateValue(type('map<int, int>'), Buffer.alloc(0))).not.toThrow();
  });
});
