import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT, formatDecimal, formatFloat, formatG, formatText, formatValue, type ColumnType } from './value-format.js';

const { dataTypes: t, BigDecimal, Duration, InetAddress, Integer, LocalDate, LocalTime, Long, Tuple, Uuid, TimeUuid } = cassandra.types;
const type = (code: number, info?: unknown): ColumnType => ({ code, info });
const text = (value: unknown, columnType: ColumnType): string => formatValue(value, columnType).text;

describe('formatValue: every CQL type as cqlsh 6 prints it', () => {
  it('prints null, booleans, integers and text', () => {
    expect(text(null, type(t.int))).toBe('null');
    expect(text(true, type(t.boolean))).toBe('True');
    expect(text(false, type(t.boolean))).toBe('False');
    expect(text(-42, type(t.int))).toBe('-42');
    expect(text(7, type(t.tinyint))).toBe('7');
    expect(text(Long.fromString('-9223372036854775808'), type(t.bigint))).toBe('-9223372036854775808');
    expect(text(Long.fromNumber(12), type(t.counter))).toBe('12');
    expect(text(Integer.fromString('123456789012345678901234567890'), type(t.varint))).toBe('123456789012345678901234567890');
    expect(text("it's", type(t.text))).toBe("it's");
    expect(text('a\\b\nc\td\u0007', type(t.varchar))).toBe('a\\\\b\\nc\\td\\x07');
    expect(text('', type(t.text))).toBe('');
  });

  it('prints blobs, uuids, inet addresses', () => {
    expect(text(Buffer.from([0xca, 0xfe]), type(t.blob))).toBe('0xcafe');
    expect(text(Buffer.alloc(0), type(t.blob))).toBe('0x');
    expect(text(Uuid.fromString('123E4567-E89B-12D3-A456-426614174000'), type(t.uuid))).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(text(TimeUuid.fromString('6925cb76-f253-11f1-814a-555d46dbe320'), type(t.timeuuid))).toBe('6925cb76-f253-11f1-814a-555d46dbe320');
    expect(text(InetAddress.fromString('10.0.0.1'), type(t.inet))).toBe('10.0.0.1');
  });

  it('prints timestamps with microseconds and zone, dates, times and durations', () => {
    expect(text(new Date('2024-01-02T03:04:05.678Z'), type(t.timestamp))).toBe('2024-01-02 03:04:05.678000+0000');
    expect(text(new Date(0), type(t.timestamp))).toBe('1970-01-01 00:00:00.000000+0000');
    expect(text(new Date(Date.UTC(10000, 0, 1)), type(t.timestamp))).toBe('253402300800000');
    const paris = { ...DEFAULT_FORMAT, timezone: 'Europe/Paris' };
    expect(formatValue(new Date('2024-01-02T03:04:05.678Z'), type(t.timestamp), paris).text).toBe('2024-01-02 04:04:05.678000+0100');
    expect(formatValue(new Date('2024-07-02T03:04:05Z'), type(t.timestamp), paris).text).toBe('2024-07-02 05:04:05.000000+0200');
    expect(formatValue(new Date('2024-01-02T03:04:05Z'), type(t.timestamp), { ...DEFAULT_FORMAT, timezone: 'America/St_Johns' }).text).toBe('2024-01-01 23:34:05.000000-0330');
    const custom = { ...DEFAULT_FORMAT, timestampFormat: '%d/%m/%y %I:%M %p %Z (%a %b %j) %%' };
    expect(formatValue(new Date('2024-02-29T15:04:05Z'), type(t.timestamp), custom).text).toBe('29/02/24 03:04 PM UTC (Thu Feb 060) %');
    expect(text(LocalDate.fromString('2024-02-29'), type(t.date))).toBe('2024-02-29');
    expect(text(LocalTime.fromString('13:14:15.123456789'), type(t.time))).toBe('13:14:15.123456789');
    expect(text(LocalTime.fromString('00:00:01'), type(t.time))).toBe('00:00:01.000000000');
    expect(text(Duration.fromString('1y2mo3d4h5m6s7ms8us9ns'), type(t.duration))).toBe('1y2mo3d4h5m6s7ms8us9ns');
    expect(text(Duration.fromString('-2d'), type(t.duration))).toBe('-2d');
    expect(text(Duration.fromString('90m'), type(t.duration))).toBe('1h30m');
  });

  it('prints floats and doubles with 5 significant digits, as %g after widening', () => {
    expect(text(Math.fround(1.1), type(t.float))).toBe('1.1');
    expect(text(3.14159265358979, type(t.double))).toBe('3.14159');
    expect(formatValue(3.14159265358979, type(t.double), { ...DEFAULT_FORMAT, doublePrecision: 12 }).text).toBe('3.14159265359');
    expect(text(Math.fround(3.14159265358979), type(t.float))).toBe('3.14159');
    expect(text(1, type(t.double))).toBe('1');
    expect(text(0, type(t.float))).toBe('0');
    expect(text(123456.789, type(t.float))).toBe('1.2346e+05');
    expect(text(12345.678, type(t.float))).toBe('12345.678');
    expect(text(1e20, type(t.double))).toBe('1e+20');
    expect(text(0.00012345, type(t.double))).toBe('0.000123');
    expect(text(1.5e-7, type(t.double))).toBe('1.5e-07');
    expect(text(Number.NaN, type(t.double))).toBe('NaN');
    expect(text(Number.NEGATIVE_INFINITY, type(t.float))).toBe('-Infinity');
    expect(formatFloat(-2.5, 5)).toBe('-2.5');
    expect(formatG(0.0001, 2)).toBe('0.0001');
  });

  it("prints decimals in Python's Decimal notation", () => {
    expect(formatDecimal(BigDecimal.fromString('12.50'))).toBe('12.50');
    expect(formatDecimal(BigDecimal.fromString('-0.001'))).toBe('-0.001');
    expect(formatDecimal(new BigDecimal(Integer.fromNumber(123) as unknown as number, 10))).toBe('1.23E-8');
    expect(formatDecimal(new BigDecimal(Integer.fromNumber(5) as unknown as number, -3))).toBe('5E+3');
    expect(formatDecimal(new BigDecimal(Integer.fromNumber(0) as unknown as number, 0))).toBe('0');
  });

  it('prints collections, tuples and UDTs with quoted text inside', () => {
    const textType = type(t.text);
    expect(text(['a', "b'c"], type(t.list, textType))).toBe("['a', 'b''c']");
    expect(text([], type(t.list, type(t.int)))).toBe('[]');
    expect(text(new Set([1, 2]), type(t.set, type(t.int)))).toBe('{1, 2}');
    expect(text(new Map([[1, 'x'], [2, 'y']]), type(t.map, [type(t.int), textType]))).toBe("{1: 'x', 2: 'y'}");
    expect(text(new Map([['k', [new Date(0)]]]), type(t.map, [textType, type(t.list, type(t.timestamp))]))).toBe("{'k': ['1970-01-01 00:00:00.000000+0000']}");
    expect(text([InetAddress.fromString('127.0.0.1')], type(t.list, type(t.inet)))).toBe("['127.0.0.1']");
    expect(text([Buffer.from([1])], type(t.list, type(t.blob)))).toBe('[0x01]');
    expect(text(new Tuple(1, 'a', null), type(t.tuple, [type(t.int), textType, type(t.int)]))).toBe("(1, 'a', None)");
    const udt = type(t.udt, { name: 'address', fields: [{ name: 'street', type: textType }, { name: 'zip', type: type(t.int) }, { name: 'tags', type: type(t.set, textType) }] });
    expect(text({ street: 'Main St', zip: null, tags: new Set(['x']) }, udt)).toBe("{street: 'Main St', zip: null, tags: {'x'}}");
  });

  it('escapes text as cqlsh does, quoted or not', () => {
    expect(formatText("o'k", true)).toBe("'o''k'");
    expect(formatText('\u00a0\u007f', false)).toBe('\\xa0\\x7f');
    expect(formatText('日本', false)).toBe('日本');
  });
});
