import { createReplicationStrategy, type ReplicationStrategy } from '../ring/replication-strategy.js';
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
}

export interface RangeMovementPlan {
  readonly transfers: readonly RangeTransfer[];
  readonly unavailable: readonly UnavailableRange[];
}

export interface ReplicatedKeyspace {
  readonly name: string;
  readonly replication: ReadonlyMap<string, string>;
}

/**
 * What has to stream when the ring changes from `before` to `after` (Cassandra's RangeStreamer and
 * calculateStreamAndFetchRanges): in every piece of the ring, each node that becomes a replica fetches
 * the piece from one current replica. As with consistent range movement, the source is preferably
 * the replica that gives the piece up, so the newcomer holds what that replica held; when it is down
 * or gone another live replica sends it, from the newcomer's data center first.
 */
export function planRangeMovement(
  keyspaces: readonly ReplicatedKeyspace[], before: TokenRing, after: TokenRing, isAvailable: (nodeId: number) => boolean,
): RangeMovementPlan {
  const transfers: RangeTransfer[] = [];
  const unavailable: UnavailableRange[] = [];
  const pieces = commonPieces(before, after);
  for (const keyspace of keyspaces) {
    const was = strategyOf(keyspace, before);
    const will = strategyOf(keyspace, after);
    const byPair = new Map<string, { source: RingEndpoint; target: RingEndpoint; ranges: TokenRange[] }>();
    for (const piece of pieces) {
      const old = was.replicasFor(piece.end);
      const oldIds = new Set(old.map((r) => r.id));
      const current = will.replicasFor(piece.end);
      const newIds = new Set(current.map((r) => r.id));
      for (const target of current) {
        if (oldIds.has(target.id)) continue;
        const source = chooseSource(old, newIds, target, isAvailable);
        if (source === undefined) {
          unavailable.push({ keyspace: keyspace.name, target, range: piece });
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
  return { transfers, unavailable };
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
