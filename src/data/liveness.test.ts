import { describe, expect, it } from 'vitest';
import { isCellLive, isCellVisible, isLivenessLive, isRowLive } from './liveness.js';
import { cell, complex, deletion, liveness, row, testTable, text, tombstoneCell } from './testing/fixtures.js';

describe('liveness at nowInSec', () => {
  it('expires a TTL cell exactly when nowInSec reaches its expiry', () => {
    const c = cell('v', 10, 60, 1000); // expires at 1060
    expect(isCellLive(c, 1059)).toBe(true);
    expect(isCellLive(c, 1060)).toBe(false);
    expect(isCellLive(cell('v', 10), 2 ** 31)).toBe(true);
    expect(isCellLive(tombstoneCell(10), 0)).toBe(false);
  });

  it('expires a row marker the same way', () => {
    expect(isLivenessLive(liveness(10, 5, 100), 104)).toBe(true);
    expect(isLivenessLive(liveness(10, 5, 100), 105)).toBe(false);
    expect(isLivenessLive(liveness(10), 2 ** 31)).toBe(true);
  });

  it('hides cells shadowed by a deletion and cells of dropped columns', () => {
    const table = testTable({ regular: [['v', { kind: 'native', name: 'text' }], ['w', { kind: 'native', name: 'text' }]], dropped: [['w', 20n]] });
    expect(isCellVisible(cell('x', 10), 'v', deletion(10), 0, table)).toBe(false);
    expect(isCellVisible(cell('x', 11), 'v', deletion(10), 0, table)).toBe(true);
    expect(isCellVisible(cell('x', 20), 'w', null, 0, table)).toBe(false);
    expect(isCellVisible(cell('x', 21), 'w', null, 0, table)).toBe(true);
    expect(isCellVisible(cell('x', 21), 'gone', null, 0, table)).toBe(false);
  });

  it('keeps a row alive through its marker alone or through one live cell', () => {
    const table = testTable();
    expect(isRowLive(row([], {}, { liveness: liveness(10) }), null, 0, table)).toBe(true);
    expect(isRowLive(row([], { v: cell('x', 5) }), null, 0, table)).toBe(true);
    expect(isRowLive(row([], { v: tombstoneCell(5) }), null, 0, table)).toBe(false);
    expect(isRowLive(row([], { v: cell('x', 5) }, { deletion: deletion(5) }), null, 0, table)).toBe(false);
    expect(isRowLive(row([], { v: cell('x', 6) }, { liveness: liveness(6) }), deletion(6), 0, table)).toBe(false);
    expect(isRowLive(row([], { v: cell('x', 7) }, { liveness: liveness(6) }), deletion(6), 0, table)).toBe(true);
    expect(isRowLive(row([], {}, { liveness: liveness(6, 10, 0) }), null, 10, table)).toBe(false);
  });

  it('keeps a row alive through one live element of a multi-cell column', () => {
    const table = testTable({ regular: [['s', { kind: 'set', element: { kind: 'native', name: 'text' }, frozen: false }]] });
    const withElement = (c: ReturnType<typeof complex>) => row([], {}, { complex: { s: c } });
    expect(isRowLive(withElement(complex(null, [[text('a'), cell('', 5)]])), null, 0, table)).toBe(true);
    expect(isRowLive(withElement(complex(deletion(5), [[text('a'), cell('', 5)]])), null, 0, table)).toBe(false);
    expect(isRowLive(withElement(complex(null, [[text('a'), cell('', 5)]])), deletion(5), 0, table)).toBe(false);
    expect(isRowLive(withElement(complex(null, [[text('a'), cell('', 5, 10, 0)]])), null, 10, table)).toBe(false);
    expect(isRowLive(withElement(complex(null, [[text('a'), tombstoneCell(5)]])), null, 0, table)).toBe(false);
  });
});
