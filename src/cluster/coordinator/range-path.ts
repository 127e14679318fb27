import type { RequestContext } from '../../common/index.js';
import type { ConsistencyLevel } from '../../errors/index.js';
import {
  countedRows, purgePartition, selectsFullPartition, type PartitionBounds, type PartitionPosition, type PartitionRangeReadCommand, type ReadPartition,
} from '../../data/index.js';
import { MAX_TOKEN, MIN_TOKEN } from '../ring/murmur3.js';
import type { CoordinatorNode } from './coordinator-node.js';
import type { Placement } from './placement.js';
import { readRangePiece } from './read-path.js';

/** A piece of the ring (start exclusive, end inclusive; MIN start inclusive) and who replicates it. */
interface RingPiece {
  readonly start: bigint;
  readonly startInclusive: boolean;
  readonly end: bigint;
  readonly placement: Placement;
}

/**
 * The ring as non-wrapping pieces in token order, consecutive ranges with the same replicas joined
 * (one request covers them all).
 */
export function ringPieces(node: CoordinatorNode, keyspace: string): RingPiece[] {
  const ranges = node.cluster.tokenRing().ranges();
  const pieces: RingPiece[] = [];
  const push = (start: bigint, startInclusive: boolean, end: bigint, placementToken: bigint): void => {
    const placement = node.cluster.placement(keyspace, placementToken, node);
    const last = pieces[pieces.length - 1];
    const ids = (p: Placement): string => p.replicas.map((r) => r.id).sort((a, b) => a - b).join(',');
    if (last !== undefined && last.end === start && ids(last.placement) === ids(placement)) {
      pieces[pieces.length - 1] = { ...last, end };
    } else {
      pieces.push({ start, startInclusive, end, placement });
    }
  };
  const sorted = [...ranges].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const first = sorted[0]!;
  push(MIN_TOKEN, true, first.end, first.end);
  for (let i = 1; i < sorted.length; i++) push(sorted[i - 1]!.end, false, sorted[i]!.end, sorted[i]!.end);
  push(sorted[sorted.length - 1]!.end, false, MAX_TOKEN, MAX_TOKEN);
  return pieces;
}

/** Orders start bounds: inclusive token start < keys of the token < exclusive token start. */
function startRank(pos: PartitionPosition, inclusive: boolean): [bigint, number, Buffer | null, number] {
  if (pos.key === null) return [pos.token, inclusive ? 0 : 2, null, 0];
  return [pos.token, 1, pos.key, inclusive ? 0 : 1];
}

/** Orders end bounds: exclusive token end < keys of the token < inclusive token end. */
function endRank(pos: PartitionPosition, inclusive: boolean): [bigint, number, Buffer | null, number] {
  if (pos.key === null) return [pos.token, inclusive ? 2 : 0, null, 0];
  return [pos.token, 1, pos.key, inclusive ? 1 : 0];
}

function compareRank(a: [bigint, number, Buffer | null, number], b: [bigint, number, Buffer | null, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] - b[1];
  if (a[2] !== null && b[2] !== null) {
    const c = Buffer.compare(a[2], b[2]);
    if (c !== 0) return c;
  }
  return a[3] - b[3];
}

/** The part of the query's bounds that falls in one ring piece, or null when they do not meet. */
function intersect(bounds: PartitionBounds, piece: RingPiece): PartitionBounds | null {
  const pieceStart = { token: piece.start, key: null };
  const pieceEnd = { token: piece.end, key: null };
  let start: PartitionPosition = pieceStart;
  let startInclusive = piece.startInclusive;
  if (bounds.start !== null && compareRank(startRank(bounds.start, bounds.startInclusive), startRank(pieceStart, piece.startInclusive)) > 0) {
    start = bounds.start;
    startInclusive = bounds.startInclusive;
  }
  let end: PartitionPosition = pieceEnd;
  let endInclusive = true;
  if (bounds.end !== null && compareRank(endRank(bounds.end, bounds.endInclusive), endRank(pieceEnd, true)) < 0) {
    end = bounds.end;
    endInclusive = bounds.endInclusive;
  }
  if (start.token > end.token) return null;
  return { start, startInclusive, end, endInclusive };
}

/**
 * A range read as its coordinator: piece by piece around the ring in token order, each piece read from
 * enough of its replicas for the level (merged with short-read protection and repaired), until the
 * command's partition or row limit is reached.
 */
export async function readRange(
  node: CoordinatorNode, command: PartitionRangeReadCommand, cl: ConsistencyLevel, request: RequestContext,
): Promise<ReadPartition[]> {
  const trace = request.trace;
  trace?.trace('Computing ranges to query');
  const startMs = node.clock.nowMs();
  const out: ReadPartition[] = [];
  const countsStaticOnly = selectsFullPartition(command);
  let rows = 0;
  for (const piece of ringPieces(node, command.table.keyspace)) {
    const bounds = intersect(command.bounds, piece);
    if (bounds === null) continue;
    const pending = readRangePiece(node, {
      ...command, bounds, partitionLimit: command.partitionLimit - out.length, rowLimit: command.rowLimit - rows,
    }, piece.placement, cl, request, startMs);
    trace?.trace('Submitted 1 concurrent range requests');
    const partitions = await pending;
    for (const p of partitions) {
      const live = purgePartition(p, command.nowInSec);
      if (live === null) continue;
      out.push(live);
      rows += countedRows(command, countsStaticOnly, live.rows.length, live.staticCells.size > 0);
      if (out.length >= command.partitionLimit || rows >= command.rowLimit) return out;
    }
  }
  return out;
}
