import { describe, expect, it } from 'vitest';
import { native } from '../types/index.js';
import { dropShadowed, mergeRows } from './row-merge.js';
import type { Row } from './partition-update.js';
import { cell, complex, deletion, int, liveness, row, testTable, tombstoneCell } from './testing/fixtures.js';

const intSet = { kind: 'set', element: native('int'), frozen: false } as const;
const table = testTable({ regular: [['v', native('text')], ['w', native('text')], ['x', native('text')], ['s', intSet], ['t', intSet]] });
const merge = (a: Row, b: Row) => mergeRows(a, b, table);

describe('mergeRows', () => {
  it('reconciles each cell and keeps cells present on one side only', () => {
    const merged = merge(
      row([], { v: cell('old', 1), w: cell('w', 1) }),
      row([], { v: cell('new', 2), x: cell('x', 1) }),
    );
    expect([...merged.cells.keys()].sort()).toEqual(['v', 'w', 'x']);
    expect(merged.cells.get('v')?.value?.toString()).toBe('new');
  });

  it('keeps the later liveness and the stronger row deletion', () => {
    const merged = merge(
      row([], {}, { liveness: liveness(5), deletion: deletion(3) }),
      row([], {}, { liveness: liveness(7), deletion: deletion(4) }),
    );
    expect(merged.liveness?.timestamp).toBe(7n);
    expect(merged.deletion?.markedForDeleteAt).toBe(4n);
  });

  it('drops what the merged row deletion shadows', () => {
    const merged = merge(
      row([], { v: cell('a', 5), w: cell('b', 9) }, { liveness: liveness(5) }),
      row([], {}, { deletion: deletion(6) }),
    );
    expect(merged.liveness).toBeNull();
    expect([...merged.cells.keys()]).toEqual(['w']);
  });

  it('lets a tombstone cell win a timestamp tie', () => {
    const merged = merge(row([], { v: cell('a', 5) }), row([], { v: tombstoneCell(5) }));
    expect(merged.cells.get('v')?.value).toBeNull();
  });
});

describe('dropShadowed', () => {
  it('returns the same row when nothing is shadowed', () => {
    const r = row([], { v: cell('a', 5) }, { liveness: liveness(5) });
    expect(dropShadowed(r, deletion(4))).toBe(r);
    expect(dropShadowed(r, null)).toBe(r);
  });

  it('removes cells, liveness and a weaker row deletion at or before the outer deletion', () => {
    const r = row([], { v: cell('a', 5), w: cell('b', 6) }, { liveness: liveness(5), deletion: deletion(2) });
    const out = dropShadowed(r, deletion(5));
    expect(out?.liveness).toBeNull();
    expect(out?.deletion).toBeNull();
    expect([...(out?.cells.keys() ?? [])]).toEqual(['w']);
  });

  it('returns null when nothing is left', () => {
    expect(dropShadowed(row([], { v: cell('a', 5) }), deletion(5))).toBeNull();
    expect(dropShadowed(row([]), null)).toBeNull();
  });

  it('keeps a row deletion stronger than the outer one', () => {
    const out = dropShadowed(row([], { v: cell('a', 5) }, { deletion: deletion(8) }), deletion(6));
    expect(out?.deletion?.markedForDeleteAt).toBe(8n);
  });
});

describe('mergeRows on whole-row overwrites', () => {
  it('returns the newer row itself when it supersedes every part of the older one', () => {
    const older = row([], { v: cell('a', 1), w: cell('b', 1) }, { liveness: liveness(1) });
    const newer = row([], { v: cell('c', 2), w: cell('d', 2) }, { liveness: liveness(2) });
    expect(merge(older, newer)).toBe(newer);
  });

  it('merges when the newer row misses a column or loses a cell', () => {
    const older = row([], { v: cell('a', 1), w: cell('b', 3) }, { liveness: liveness(1) });
    const merged = merge(older, row([], { v: cell('c', 2), w: cell('d', 2) }, { liveness: liveness(2) }));
    expect(merged.cells.get('w')?.value?.toString()).toBe('b');
    const partial = merge(older, row([], { v: cell('c', 2) }, { liveness: liveness(2) }));
    expect([...partial.cells.keys()].sort()).toEqual(['v', 'w']);
  });
});

describe('mergeRows on multi-cell columns', () => {
  const elements = (r: Row | null, name: string) => (r?.complex?.get(name)?.cells ?? []).map((pc) => pc.path.readInt32BE());

  it('merges the elements of a column written on both sides in path order', () => {
    const merged = merge(
      row([], {}, { complex: { s: complex(null, [[int(-5), cell('', 1)], [int(2), cell('', 1)]]) } }),
      row([], {}, { complex: { s: complex(null, [[int(1), cell('', 2)]]), t: complex(null, [[int(9), cell('', 2)]]) } }),
    );
    expect(elements(merged, 's')).toEqual([-5, 1, 2]);
    expect(elements(merged, 't')).toEqual([9]);
  });

  it('lets an overwrite (a column deletion just before new elements) replace the old elements', () => {
    const older = row([], {}, { complex: { s: complex(null, [[int(1), cell('', 5)], [int(2), cell('', 5)]]) } });
    const merged = merge(older, row([], {}, { complex: { s: complex(deletion(9), [[int(3), cell('', 10)]]) } }));
    expect(elements(merged, 's')).toEqual([3]);
    expect(merged.complex?.get('s')?.deletion?.markedForDeleteAt).toBe(9n);
  });

  it('applies the merged row deletion to elements and drops emptied columns', () => {
    const merged = merge(
      row([], {}, { complex: { s: complex(deletion(2), [[int(1), cell('', 3)]]), t: complex(null, [[int(1), cell('', 8)]]) } }),
      row([], {}, { deletion: deletion(5) }),
    );
    expect(merged.complex?.has('s')).toBe(false);
    expect(elements(merged, 't')).toEqual([1]);
  });

  it('does not take the newer row whole when the older has elements', () => {
    const older = row([], { v: cell('a', 1) }, { complex: { s: complex(null, [[int(1), cell('', 1)]]) } });
    const merged = merge(older, row([], { v: cell('b', 2) }));
    expect(elements(merged, 's')).toEqual([1]);
  });
});

describe('dropShadowed on multi-cell columns', () => {
  it('drops shadowed elements and columns, keeping the row when nothing is shadowed', () => {
    const r = row([], {}, { complex: { s: complex(null, [[int(1), cell('', 3)], [int(2), cell('', 7)]]), t: complex(deletion(2)) } });
    expect(dropShadowed(r, deletion(1))).toBe(r);
    const out = dropShadowed(r, deletion(5));
    expect([...(out?.complex?.keys() ?? [])]).toEqual(['s']);
    expect(out?.complex?.get('s')?.cells).toHaveLength(1);
    expect(dropShadowed(r, deletion(7))).toBeNull();
  });
});
