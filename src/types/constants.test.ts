import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/index.js';
import type { Constant } from './constant.js';
import { native, type CqlType, type NativeTypeName } from './cql-type.js';
import { constantToBytes } from './constants.js';
import { opaqueCustomType } from './custom-types.js';
import { parseCqlType } from './type-parser.js';

const str = (value: string): Constant => ({ kind: 'string', value });
const int = (text: string): Constant => ({ kind: 'integer', text });
const flt = (text: string): Constant => ({ kind: 'float', text });
const hexc = (text: string): Constant => ({ kind: 'hex', text });
const uuid = (text: string): Constant => ({ kind: 'uuid', text });
const dur = (text: string): Constant => ({ kind: 'duration', text });
const bool = (value: boolean): Constant => ({ kind: 'boolean', value });

const bytes = (t: CqlType | NativeTypeName, c: Constant): string =>
  constantToBytes(typeof t === 'string' ? native(t) : t, c, 'k', () => 1000).toString('hex');

describe('constantToBytes', () => {
  it.each<[NativeTypeName, Constant, string]>([
    ['int', int('1'), '00000001'],
    ['int', int('-2147483648'), '80000000'],
    ['bigint', int('-1'), 'ffffffffffffffff'],
    ['counter', int('5'), '0000000000000005'],
    ['smallint', int('-2'), 'fffe'],
    ['tinyint', int('127'), '7f'],
    ['varint', int('128'), '0080'],
    ['varint', int('-123456789012345678901234567890'), 'fe7116f0093c8c1f11b1c0f52e'],
    ['decimal', int('15'), '000000000f'],
    ['decimal', flt('1.5'), '000000010f'],
    ['decimal', flt('-1e3'), 'fffffffdff'],
    ['double', int('1'), '3ff0000000000000'],
    ['double', flt('NaN'), '7ff8000000000000'],
    ['double', flt('-Infinity'), 'fff0000000000000'],
    ['float', flt('1.5'), '3fc00000'],
    ['float', flt('1e50'), '7f800000'],
    ['timestamp', int('1000'), '00000000000003e8'],
    ['timestamp', str('1970-01-01 00:00:01+0000'), '00000000000003e8'],
    ['timestamp', str('now'), '00000000000003e8'],
    ['timestamp', str(''), ''],
    ['date', str('1970-01-01'), '80000000'],
    ['date', int('2147483648'), '80000000'],
    ['time', str('00:00:01'), '000000003b9aca00'],
    ['time', int('1'), '0000000000000001'],
    ['text', str("it's é"), '6974277320c3a9'],
    ['ascii', str('abc'), '616263'],
    ['inet', str('127.0.0.1'), '7f000001'],
    ['inet', str('::1'), '00000000000000000000000000000001'],
    ['inet', str(''), ''],
    ['uuid', uuid('123e4567-e89b-42d3-a456-426614174000'), '123e4567e89b42d3a456426614174000'],
    ['timeuuid', uuid('123e4567-e89b-12d3-a456-426614174000'), '123e4567e89b12d3a456426614174000'],
    ['boolean', bool(true), '01'],
    ['blob', hexc('CAFE'), 'cafe'],
    ['blob', hexc(''), ''],
    ['tinyint', hexc('05'), '05'],
    ['duration', dur('1mo2d3ns'), '020406'],
    ['duration', dur('P1D'), '000200'],
  ])('%s from %o', (name, c, hex) => {
    expect(bytes(name, c)).toBe(hex);
  });

  it.each<[CqlType | NativeTypeName, Constant, string]>([
    ['int', str('abc'), 'Invalid STRING constant (abc) for "k" of type int'],
    ['int', flt('1.5'), 'Invalid FLOAT constant (1.5) for "k" of type int'],
    ['text', int('1'), 'Invalid INTEGER constant (1) for "k" of type text'],
    ['blob', str('x'), 'Invalid STRING constant (x) for "k" of type blob'],
    ['int', hexc('01'), 'Invalid HEX constant (0x01) for "k" of type int'],
    ['int', bool(true), 'Invalid BOOLEAN constant (true) for "k" of type int'],
    ['text', uuid('123e4567-e89b-12d3-a456-426614174000'), 'Invalid UUID constant (123e4567-e89b-12d3-a456-426614174000) for "k" of type text'],
    ['timestamp', dur('1h'), 'Invalid DURATION constant (1h) for "k" of type timestamp'],
    [parseCqlType('list<int>', () => undefined), int('1'), 'Invalid INTEGER constant (1) for "k" of type list<int>'],
    [parseCqlType('frozen<set<int>>', () => undefined), int('1'), 'Invalid INTEGER constant (1) for "k" of type frozen<set<int>>'],
    ['int', int('99999999999'), "Unable to make int from '99999999999'"],
    ['smallint', int('40000'), "Unable to make short from '40000'"],
    ['tinyint', int('128'), "Unable to make byte from '128'"],
    ['bigint', int('9223372036854775808'), "Unable to make long from '9223372036854775808'"],
    ['decimal', flt('NaN'), "unable to make BigDecimal from 'NaN'"],
    ['timeuuid', uuid('123e4567-e89b-42d3-a456-426614174000'), 'TimeUUID supports only version 1 UUIDs'],
    ['ascii', str('é'), 'Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1'],
    ['inet', str('nowhere'), "Unable to make inet address from 'nowhere'"],
    ['timestamp', str('yesterday'), "Unable to parse a date/time from 'yesterday'"],
    ['date', str('2024-13-01'), "Unable to coerce '2024-13-01' to a formatted date (long)"],
    ['time', str('25:00:00'), "(TimeType) Unable to coerce '25:00:00' to a formatted time (long)"],
    ['duration', int('5'), "Unable to convert '5' to a duration"],
    ['blob', hexc('abc'), "cannot parse 'abc' as hex bytes"],
    ['tinyint', hexc('0102'), 'Expected 1 byte for a tinyint (2)'],
  ])('%o rejects %o', (t, c, message) => {
    expect(() => bytes(t, c)).toThrow(new InvalidRequestError(message));
  });

  it('reads hex constants for custom types', () => {
    expect(bytes(opaqueCustomType('org.example.X'), hexc('01'))).toBe('01');
  });
});
