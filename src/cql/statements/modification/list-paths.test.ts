import { describe, expect, it } from 'vitest';
import { INTERNAL_REQUEST } from '../../../common/index.js';
import { comparatorFor, native, timeUuidFromMs, uuidVersion } from '../../../types/index.js';
import type { ExecutionContext } from '../query-options.js';
import { ListPaths } from './list-paths.js';

const compare = comparatorFor(native('timeuuid'));
let seed = 0;
const random = { bytes: (n: number) => Buffer.alloc(n, ++seed) };

function context(nowMicros: bigint): ExecutionContext {
  return {
    request: INTERNAL_REQUEST,
    nowMicros,
    nowInSec: Number(nowMicros / 1_000_000n),
    newTimeUuid: () => timeUuidFromMs(Number(nowMicros / 1000n), random),
    newRandomUuid: () => Buffer.alloc(16),
    tokenOf: () => 0n,
  };
}

const NOW = 1_735_689_600_000_000n; // 2025-01-01

/** Whether the paths are in strictly increasing TimeUUIDType order. */
function ascending(paths: readonly Buffer[]): boolean {
  return paths.every((p, i) => i === 0 || compare(paths[i - 1]!, p) < 0);
}

describe('ListPaths', () => {
  it('hands out version 1 uuids in list order, within and across appends of one statement', () => {
    const paths = new ListPaths(context(NOW));
    const first = paths.append(3);
    const second = paths.append(2);
    expect(first.every((p) => uuidVersion(p) === 1)).toBe(true);
    expect(ascending([...first, ...second])).toBe(true);
  });

  it('orders the appends of a later statement after those of an earlier one', () => {
    const earlier = new ListPaths(context(NOW)).append(100);
    const later = new ListPaths(context(NOW + 1n)).append(1);
    expect(ascending([...earlier, ...later])).toBe(true);
  });

  it('keeps order past the elements one tick can number', () => {
    const many = new ListPaths(context(NOW)).append(40_000);
    expect(ascending(many)).toBe(true);
  });

  it('puts prepended elements, in their order, before every appended one', () => {
    const paths = new ListPaths(context(NOW));
    const appended = paths.append(2);
    const prepended = paths.prepend(3);
    expect(ascending([...prepended, ...appended])).toBe(true);
  });

  it('puts a later prepend before an earlier one, as Cassandra does within a statement too', () => {
    const earlier = new ListPaths(context(NOW)).prepend(2);
    const later = new ListPaths(context(NOW + 1n)).prepend(2);
    expect(ascending([...later, ...earlier])).toBe(true);
    const same = new ListPaths(context(NOW));
    const first = same.prepend(2);
    const second = same.prepend(2);
    expect(ascending([...second, ...first])).toBe(true);
  });

  it('uses a random node per statement so that concurrent coordinators never share a path', () => {
    const a = new ListPaths(context(NOW)).append(1)[0]!;
    const b = new ListPaths(context(NOW)).append(1)[0]!;
    expect(a.equals(b)).toBe(false);
  });
});
