import { describe, expect, it } from 'vitest';
import {
  combineAssignments, constantAssignment, isValueCompatibleWith, native, parseCqlType, sameType, typeAssignment,
} from './index.js';

const type = (text: string) => parseCqlType(text, () => undefined);

describe('type compatibility (AbstractType.isValueCompatibleWith)', () => {
  it.each([
    ['text', 'ascii', true], ['ascii', 'text', false], ['blob', 'int', true], ['blob', 'list<int>', true],
    ['bigint', 'timestamp', true], ['timestamp', 'bigint', true], ['time', 'bigint', true], ['date', 'int', true],
    ['varint', 'int', true], ['varint', 'bigint', true], ['varint', 'timestamp', true], ['varint', 'smallint', false],
    ['uuid', 'timeuuid', true], ['timeuuid', 'uuid', false], ['int', 'bigint', false], ['bigint', 'int', false],
    ['counter', 'bigint', false], ['frozen<list<text>>', 'frozen<list<ascii>>', true], ['list<text>', 'frozen<list<text>>', false],
    ['frozen<map<text, text>>', 'frozen<map<ascii, text>>', true], ['tuple<int, text>', 'tuple<int>', true], ['tuple<int>', 'tuple<int, text>', false],
  ])('%s reads %s: %s', (receiver, value, expected) => {
    expect(isValueCompatibleWith(type(receiver), type(value))).toBe(expected);
  });

  it('compares types with their frozenness', () => {
    expect(sameType(type('frozen<list<int>>'), type('frozen<list<int>>'))).toBe(true);
    expect(sameType(type('list<int>'), type('frozen<list<int>>'))).toBe(false);
  });
});

describe('typeAssignment (AbstractType.testAssignment)', () => {
  it('is exact for the same type, weak for a readable one, none otherwise', () => {
    expect(typeAssignment(native('int'), native('int'))).toBe('exact');
    expect(typeAssignment(native('ascii'), native('text'))).toBe('weak');
    expect(typeAssignment(native('text'), native('ascii'))).toBe('none');
  });

  it('compares a frozen value with the frozen form of the receiver', () => {
    expect(typeAssignment(type('frozen<list<int>>'), type('list<int>'))).toBe('exact');
  });

  it('combines parts: exact only when all are', () => {
    expect(combineAssignments(['exact', 'exact'])).toBe('exact');
    expect(combineAssignments(['exact', 'weak'])).toBe('weak');
    expect(combineAssignments(['weak', 'none', 'exact'])).toBe('none');
    expect(combineAssignments([])).toBe('exact');
  });
});

describe('constantAssignment (Constants.Literal.testAssignment)', () => {
  it.each([
    [{ kind: 'integer', text: '1' }, 'int', 'exact'],
    [{ kind: 'integer', text: '1' }, 'bigint', 'weak'],
    [{ kind: 'integer', text: '3000000000' }, 'bigint', 'exact'],
    [{ kind: 'integer', text: '30000000000000000000' }, 'varint', 'exact'],
    [{ kind: 'integer', text: '1' }, 'timestamp', 'weak'],
    [{ kind: 'integer', text: '1' }, 'text', 'none'],
    [{ kind: 'float', text: '1.5' }, 'double', 'exact'],
    [{ kind: 'float', text: '1.50' }, 'decimal', 'exact'],
    [{ kind: 'float', text: '1.50' }, 'double', 'weak'],
    [{ kind: 'float', text: 'NaN' }, 'double', 'exact'],
    [{ kind: 'string', value: 'abc' }, 'ascii', 'exact'],
    [{ kind: 'string', value: 'abc' }, 'text', 'weak'],
    [{ kind: 'string', value: 'é' }, 'text', 'exact'],
    [{ kind: 'string', value: '2013-01-01' }, 'timestamp', 'weak'],
    [{ kind: 'string', value: '2013-01-01' }, 'timeuuid', 'none'],
    [{ kind: 'uuid', text: '2deb23e0-96b5-11e5-b26d-a939dd1405a3' }, 'timeuuid', 'weak'],
    [{ kind: 'hex', text: '01' }, 'blob', 'weak'],
    [{ kind: 'hex', text: '01' }, 'tinyint', 'exact'],
    [{ kind: 'boolean', value: true }, 'boolean', 'exact'],
    [{ kind: 'duration', text: '1h' }, 'duration', 'exact'],
  ] as const)('%o for %s: %s', (constant, receiver, expected) => {
    expect(constantAssignment(constant, type(receiver))).toBe(expected);
  });

  it('never fits a collection, and may always try a custom type', () => {
    expect(constantAssignment({ kind: 'integer', text: '1' }, type('list<int>'))).toBe('none');
    expect(constantAssignment({ kind: 'integer', text: '1' }, type("'org.apache.cassandra.db.marshal.DynamicCompositeType'"))).toBe('weak');
  });
});
