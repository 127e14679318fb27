import { describe, expect, it } from 'vitest';
import { javaNumberClass, javaSimpleClassName, javaToString } from './java-view.js';
import { parseJavaBigInteger, parseJavaDouble, parseJavaInteger, quoteJsonString } from './java-text.js';
import { jsonNumber, jsonObject } from './json-value.js';

describe('how Jackson classes JSON numbers', () => {
  it.each([
    ['0', 'Integer'], ['-2147483648', 'Integer'], ['2147483647', 'Integer'], ['2147483648', 'Long'],
    ['-2147483649', 'Long'], ['9223372036854775807', 'Long'], ['-9223372036854775808', 'Long'],
    ['9223372036854775808', 'BigInteger'], ['-9223372036854775809', 'BigInteger'],
    ['1.0', 'Double'], ['1e2', 'Double'], ['-0.0', 'Double'],
  ])('%s is a %s', (text, numberClass) => {
    expect(javaNumberClass(jsonNumber(text))).toBe(numberClass);
  });
});

describe('Java toString of parsed JSON', () => {
  it.each([
    [jsonNumber('-0'), '0', 'Integer'], [jsonNumber('1e2'), '100.0', 'Double'], [jsonNumber('1e-5'), '1.0E-5', 'Double'],
    [jsonNumber('12345678.9'), '1.23456789E7', 'Double'], [jsonNumber('99999999999999999999'), '99999999999999999999', 'BigInteger'],
    [true, 'true', 'Boolean'], ['a b', 'a b', 'String'],
    [[jsonNumber('1'), null, 'x', []], '[1, null, x, []]', 'ArrayList'],
    [jsonObject([['a', jsonNumber('1')], ['b', jsonObject([['c', false]])]]), '{a=1, b={c=false}}', 'LinkedHashMap'],
  ] as const)('%j → %s', (value, text, className) => {
    expect(javaToString(value)).toBe(text);
    expect(javaSimpleClassName(value)).toBe(className);
  });
});

describe('Java number parsing', () => {
  it.each<[string, 8 | 16 | 32 | 64, bigint | undefined]>([
    ['127', 8, 127n], ['128', 8, undefined], ['-128', 8, -128n], ['+5', 16, 5n], ['-32769', 16, undefined],
    ['2147483647', 32, 2147483647n], ['2147483648', 32, undefined], ['007', 32, 7n], ['', 32, undefined],
    ['1.0', 32, undefined], [' 1', 32, undefined], ['1e3', 64, undefined], ['-', 64, undefined],
    ['-9223372036854775808', 64, -(2n ** 63n)], ['9223372036854775808', 64, undefined],
  ])('parseInt-style %j in %s bits → %s', (text, bits, value) => {
    expect(parseJavaInteger(text, bits)).toBe(value);
  });

  it('reads BigInteger text', () => {
    expect(parseJavaBigInteger('+123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(parseJavaBigInteger('1.5')).toBeUndefined();
    expect(parseJavaBigInteger('')).toBeUndefined();
  });

  it.each<[string, number | undefined]>([
    ['1.5', 1.5], ['-.5', -0.5], ['5.', 5], ['1e3', 1000], ['1E-3', 0.001], ['+2', 2], ['2f', 2], ['2.5D', 2.5],
    ['  7 \n', 7], ['Infinity', Infinity], ['-Infinity', -Infinity], ['0x10p0', 16], ['0x.8p1', 1], ['-0x1.8p-1', -0.75],
    ['', undefined], ['abc', undefined], ['1e', undefined], ['.', undefined], ['0x1.8', undefined], ['infinity', undefined],
    ['NaNf', undefined], ['1_000', undefined],
  ])('Double.valueOf(%j) → %s', (text, value) => {
    expect(parseJavaDouble(text)).toBe(value);
  });

  it('reads NaN', () => {
    expect(parseJavaDouble('NaN')).toBeNaN();
  });
});

describe('quoteJsonString', () => {
  it('escapes quotes, backslashes and control characters only', () => {
    expect(quoteJsonString('plain ΎΔ 😀 /')).toBe('plain ΎΔ 😀 /');
    expect(quoteJsonString('"\\\u0000\u0007\b\t\n\u000b\f\r\u001b')).toBe('\\"\\\\\\u0000\\u0007\\b\\t\\n\\u000B\\f\\r\\u001B');
  });
});
