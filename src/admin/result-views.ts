import type { RangeMovementResult, RepairResult, TokenRange } from '../cluster/index.js';

/** Results of the TypeScript API as JSON: tokens as decimal strings, nodes by id. */
function rangeView(range: TokenRange): { start: string; end: string } {
  return { start: String(range.start), end: String(range.end) };
}

export function rangeMovementView(result: RangeMovementResult): unknown {
  return {
    transfers: result.transfers.map((t) => ({ keyspace: t.keyspace, source: t.source.id, target: t.target.id, ranges: t.ranges.map(rangeView) })),
    streamedPartitions: result.streamedPartitions,
    unavailable: result.unavailable.map((u) => ({ keyspace: u.keyspace, target: u.target.id, range: rangeView(u.range) })),
  };
}

export function repairView(result: RepairResult): unknown {
  return { ...result, failures: result.failures.map((f) => ({ ...f, range: rangeView(f.range) })) };
}
