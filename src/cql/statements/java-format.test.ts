import { describe, expect, it } from 'vitest';
import { formatJavaHashSet, prettyPrintMemory } from './java-format.js';

// Expected strings printed by OpenJDK for `new HashSet<>()` filled in the same order, and by String.format.
describe('formatJavaHashSet', () => {
  it('prints in HashMap bucket order, insertion order within a bucket', () => {
    expect(formatJavaHashSet(['apple', 'banana', 'cherry'])).toBe('[banana, apple, cherry]');
    expect(formatJavaHashSet(['ks.users', 'ks.users_by_name', 'ks."Quoted"'])).toBe('[ks."Quoted", ks.users, ks.users_by_name]');
  });

  it('follows the table as it grows past three quarters full', () => {
    const names = Array.from({ length: 20 }, (_, i) => `ks.table_${i}`);
    expect(formatJavaHashSet(names)).toBe('[ks.table_5, ks.table_6, ks.table_3, ks.table_4, ks.table_1, ks.table_2, ks.table_0, '
      + 'ks.table_9, ks.table_7, ks.table_11, ks.table_8, ks.table_10, ks.table_13, ks.table_12, ks.table_15, ks.table_14, '
      + 'ks.table_17, ks.table_16, ks.table_19, ks.table_18]');
  });

  it('keeps one of each element', () => {
    expect(formatJavaHashSet(['a', 'a'])).toBe('[a]');
    expect(formatJavaHashSet([])).toBe('[]');
  });
});

describe('prettyPrintMemory', () => {
  it('prints KiB below a MiB, then MiB and GiB, with three decimals', () => {
    expect(prettyPrintMemory(51_200)).toBe('50.000KiB');
    expect(prettyPrintMemory(123)).toBe('0.120KiB');
    expect(prettyPrintMemory(3 * 2 ** 20 + 2 ** 19)).toBe('3.500MiB');
    expect(prettyPrintMemory(2 ** 30)).toBe('1.000GiB');
  });
});
