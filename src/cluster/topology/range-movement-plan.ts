import { createReplicationStrategy } from '../ring/create-replication-strategy.js';
import type { ReplicationStrategy } from '../ring/replication-strategy.js';
import { compareTokens, type RingEndpoint, type TokenRing } from '../ring/token-ring.js';
import { joinAdjacent, type TokenRange } from './token-range.js';

/** The ranges of one keyspace that `target` takes over and fetches from `source`. */
export interface RangeTransfer {
  readonly keyspace: string;
  readonly source: RingEndpoint;
  readonly target: RingEndpoint;
  readonly ranges: readonly TokenRange[];
}

/** A range a node takes over for which no replica can send the data (every holder is down or gone). */
export interface UnavailableRange {
  readonly keyspace: string;
  readonly target: RingEndpoint;
  readonly range: TokenRange;
  /** The keyspace's total replication factor: with one replica, a bootstrap goes on without the range. */
  readonly replicationFactor: number;
}

/**
 * A range of the ring before the change whose replica giving it up, the one a consistent range movement
 * must stream from, is down.
 */
export interface StrictSourceDown {
  readonly keyspace: string;
  readonly source: RingEndpoint;
  readonly range: TokenRange;
}

export interface RangeMovementPlan {
  readonly transfers: readonly RangeTransfer[];
  readonly unavailable: readonly UnavailableRange[];
  readonly strictSourcesDown: readonly StrictSourceDown[];
}

export interface ReplicatedKeyspace {
  readonly name: string;
  readonly replication: ReadonlyMap<string, string>;
}

/**
 * What has to stream when the ring changes from `before` to `after` (Cassandra's RangeStreamer and
 * calculateStreamAndFetchRanges): in every piece of the ring, each node that becomes a replica fetches
 * the piece from one current replica. The source is preferably the replica that gives the piece up, so
 * the newcomer holds what that replica held; when it is down or gone another live replica sends it, from
 * the newcomer's data center first. With `strict` (a bootstrap with consistent range movement, where the
 * keyspace has more nodes than replicas and the piece all its replicas) only the replica giving the piece
 * up will do: if it is down, the piece is listed in strictSourcesDown and the change must not go on.
 */
export function planRangeMovement(
  keyspaces: readonly ReplicatedKeyspace[], before: TokenRing, after: TokenRing, isAvailable: (nodeId: number) => boolean,
  strict = false,
): RangeMovementPlan {
  const transfers: RangeTransfer[] = [];
  const unavailable: UnavailableRange[] = [];
  const strictSourcesDown: StrictSourceDown[] = [];
  const pieces = commonPieces(before, after);
  for (const keyspace of keyspaces) {
    const was = strategyOf(keyspace, before);
    const will = strategyOf(keyspace, after);
    const replicationFactor = was.totalReplicationFactor;
    const strictKeyspace = strict && nodesHolding(keyspace, will, after) > replicationFactor;
    const byPair = new Map<string, { source: RingEndpoint; target: RingEndpoint; ranges: TokenRange[] }>();
    for (const piece of pieces) {
      const old = was.replicasFor(piece.end);
      const oldIds = new Set(old.map((r) => r.id));
      const current = will.replicasFor(piece.end);
      const newIds = new Set(current.map((r) => r.id));
      for (const target of current) {
        if (oldIds.has(target.id)) continue;
        const leaving = strictKeyspace && old.length === replicationFactor ? old.find((r) => !newIds.has(r.id)) : undefined;
        if (leaving !== undefined && !isAvailable(leaving.id)) {
          strictSourcesDown.push({ keyspace: keyspace.name, source: leaving, range: rangeOf(before, piece.end) });
          continue;
        }
        const source = leaving ?? chooseSource(old, newIds, target, isAvailable);
        if (source === undefined) {
          unavailable.push({ keyspace: keyspace.name, target, range: piece, replicationFactor });
          continue;
        }
        const key = `${source.id}>${target.id}`;
        const entry = byPair.get(key) ?? { source, target, ranges: [] };
        entry.ranges.push(piece);
        byPair.set(key, entry);
      }
    }
    for (const e of byPair.values()) transfers.push({ keyspace: keyspace.name, source: e.source, target: e.target, ranges: joinAdjacent(e.ranges) });
  }
  return { transfers, unavailable, strictSourcesDown };
}

/**
 * RangeStreamer.useStrictSourcesForRanges' count: every node of the ring, or with per-data-center factors
 * the nodes of the data centers that hold replicas.
 */
function nodesHolding(keyspace: ReplicatedKeyspace, strategy: ReplicationStrategy, ring: TokenRing): number {
  if (!(keyspace.replication.get('class') ?? '').endsWith('NetworkTopologyStrategy')) return ring.endpoints.length;
  const factors = strategy.replicationFactors();
  return ring.endpoints.filter((e) => (factors.get(e.dataCenter) ?? 0) > 0).length;
}

/** The range of `ring` (between two of its consecutive tokens) that holds `token`. */
function rangeOf(ring: TokenRing, token: bigint): TokenRange {
  const tokens = ring.sortedTokens;
  let i = tokens.findIndex((t) => t >= token);
  if (i < 0) i = 0;
  return { start: tokens[(i === 0 ? tokens.length : i) - 1]!, end: tokens[i]! };
}

function strategyOf(keyspace: ReplicatedKeyspace, ring: TokenRing): ReplicationStrategy {
  // The asking endpoint only names the data center of SimpleStrategy's factor, which placement ignores.
  return createReplicationStrategy(keyspace.replication, ring, ring.endpoints[0]!);
}

/** The ring cut at the tokens of both rings: within a piece, replicas are the same before and after. */
function commonPieces(before: TokenRing, after: TokenRing): TokenRange[] {
  const tokens = [...new Set([...before.sortedTokens, ...after.sortedTokens])].sort(compareTokens);
  return tokens.map((end, i) => ({ start: tokens[(i === 0 ? tokens.length : i) - 1]!, end }));
}

function chooseSource(
  old: readonly RingEndpoint[], newIds: ReadonlySet<number>, target: RingEndpoint, isAvailable: (id: number) => boolean,
): RingEndpoint | undefined {
  const rank = (r: RingEndpoint): number => (newIds.has(r.id) ? 2 : 0) + (r.dataCenter === target.dataCenter ? 0 : 1);
  return old
    .filter((r) => r.id !== target.id && isAvailable(r.id))
    .sort((a, b) => rank(a) - rank(b) || a.id - b.id)[0];
}
