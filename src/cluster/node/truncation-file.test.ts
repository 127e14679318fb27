import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testTable } from '../../data/testing/fixtures.js';
import type { TableMetadata } from '../../schema/index.js';
import { TruncationFile } from './truncation-file.js';
import { TruncationRecords } from './truncation-records.js';

const [a, b] = [testTable({ name: 'a' }), testTable({ name: 'b' })];
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'truncation-file-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function open(tables: TableMetadata[] = [a, b]): TruncationRecords {
  const { file, records } = TruncationFile.open({ folder, logger: { warn: () => undefined }, table: (id) => tables.find((t) => t.id.equals(id)) });
  const truncations = new TruncationRecords();
  truncations.restore(records);
  truncations.attach((entries) => file.save(entries));
  return truncations;
}

describe('TruncationFile', () => {
  it('keeps the last truncation of each table across a restart, and forgets removed and dropped tables', () => {
    const first = open();
    first.record(a.id, 1000);
    first.record(b.id, 2000);
    first.record(a.id, 3000);
    expect(open().truncatedAt(a.id)).toBe(3000);
    open().remove(a.id);
    const after = open([b]);
    expect(after.truncatedAt(a.id)).toBe(-Infinity);
    expect(after.truncatedAt(b.id)).toBe(2000);
  });
});
