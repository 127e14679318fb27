import { describe, expect, it } from 'vitest';
import { columnize, displayWidth, nameCell, tableLines, valueCell, verticalLines } from './result-table.js';

const names = ['k', 'value'].map((n) => nameCell(n, 'regular', false));
const rows = [[valueCell({ text: '1', kind: 'number' }, false), valueCell({ text: 'a', kind: 'text' }, false)],
  [valueCell({ text: '10', kind: 'number' }, false), valueCell({ text: 'null', kind: 'null' }, false)]];

describe('result tables', () => {
  it('aligns names left and values right, with cqlsh rule', () => {
    expect(tableLines(names, rows, true, false)).toEqual([' k  | value', '----+-------', '  1 |     a', ' 10 |  null']);
    expect(tableLines(names, rows, true, true)).toEqual([' k  | value', '----+-------', '  1 |     a', ' 10 |  null', '']);
    expect(tableLines(names, null, true, false)).toEqual([' k | value', '---+-------', '']);
    expect(tableLines(names, rows, false, false)).toEqual(['  1 |     a', ' 10 |  null']);
  });

  it('prints EXPAND blocks', () => {
    expect(verticalLines(names, rows, 3)).toEqual(['@ Row 3', '-------+------', ' k     | 1', ' value | a', '', '@ Row 4', '-------+------', ' k     | 10', ' value | null', '']);
  });

  it('colours as cqlsh when asked', () => {
    expect(valueCell({ text: 'a', kind: 'text' }, true).coloured).toBe('\u001b[0;1;33ma\u001b[0m');
    expect(nameCell('k', 'partition', true).coloured).toBe('\u001b[0;1;31mk\u001b[0m');
  });

  it('counts wide characters twice', () => {
    expect(displayWidth('日本a')).toBe(5);
  });

  it("columnizes as Python's cmd", () => {
    expect(columnize(['a'])).toEqual(['a']);
    expect(columnize([])).toEqual(['<empty>']);
    expect(columnize(['ks', 'system', 'system_auth'])).toEqual(['ks  system  system_auth']);
    const long = Array.from({ length: 12 }, (_, i) => `keyspace_number_${i}`);
    expect(columnize(long)).toEqual([
      'keyspace_number_0  keyspace_number_3  keyspace_number_6  keyspace_number_9 ',
      'keyspace_number_1  keyspace_number_4  keyspace_number_7  keyspace_number_10',
      'keyspace_number_2  keyspace_number_5  keyspace_number_8  keyspace_number_11',
    ]);
  });
});
