import { describe, expect, it } from 'vitest';
import { dropShadowed, mergeRows } from './row-merge.js';
import { cell, deletion, liveness, row, tombstoneCell } from './testing/fixtures.js';

describe('mergeRows', () => {
  it('reconciles each cell and keeps cells present on one side only', () => {
    const merged = mergeRows(
      row([], { v: cell('old', 1), w: cell('w', 1) }),
      row([], { v: cell('new', 2), x: cell('x', 1) }),
    );
    expect([...merged.cells.keys()].sort()).toEqual(['v', 'w', 'x']);
    expect(merged.cells.get('v')?.value?.toString()).toBe('new');
  });

  it('keeps the later liveness and the stronger row deletion', () => {
    const merged = mergeRows(
      row([], {}, { liveness: liveness(5), deletion: deletion(3) }),
      row([], {}, { liveness: liveness(7), deletion: deletion(4) }),
    );
    expect(merged.liveness?.timestamp).toBe(7n);
    expect(merged.deletion?.markedForDeleteAt).toBe(4n);
  });

  it('drops what the merged row deletion shadows', () => {
    const merged = mergeRows(
      row([], { v: cell('a', 5), w: cell('b', 9) }, { liveness: liveness(5) }),
      row([], {}, { deletion: deletion(6) }),
    );
    expect(merged.liveness).toBeNull();
    expect([...merged.cells.keys()]).toEqual(['w']);
  });

  it('lets a tombstone cell win a timestamp tie', () => {
    const merged = mergeRows(row([], { v: cell('a', 5) }), row([], { v: tombstoneCell(5) }));
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
    expect(mergeRows(older, newer)).toBe(newer);
  });

  it('merges when the newer row misses a column or loses a cell', () => {
    const older = row([], { v: cell('a', 1), w: cell('b', 3) }, { liveness: liveness(1) });
    const merged = mergeRows(older, row([], { v: cell('c', 2), w: cell('d', 2) }, { liveness: liveness(2) }));
    expect(merged.cells.get('w')?.value?.toString()).toBe('b');
    const partial = mergeRows(older, row([], { v: cell('c', 2) }, { liveness: liveness(2) }));
    expect([...partial.cells.keys()].sort()).toEqual(['v', 'w']);
  });
});
