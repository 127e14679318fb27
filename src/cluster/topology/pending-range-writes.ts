import type { Mutation } from '../../data/index.js';
import type { StreamingNode } from './streaming.js';
import { rangesContain, type TokenRange } from './token-range.js';

/** Ranges of a keyspace on their way from a source node to `targetId`. */
interface Forward {
  readonly keyspace: string;
  readonly ranges: readonly TokenRange[];
  readonly targetId: number;
}

/**
 * Writes to ranges in motion reach the node taking them over (Cassandra's pending ranges, where the
 * coordinator adds pending endpoints to a write). Here the source replica forwards what it applies in
 * those ranges, from the moment its data is read for streaming until the move is released: the
 * newcomer ends up with everything the source had and got, and no coordinator has to know.
 *
 * It listens on the source's storage engine rather than its verb handlers: every way a write reaches a
 * replica (a coordinator applying its own copy in place, MUTATION, HINT, counter and Paxos commits,
 * batchlog replay, read repair) ends in StorageEngine.apply.
 */
export class PendingRangeWrites {
  private readonly forwards = new Map<StreamingNode, Forward[]>();
  private readonly unsubscribes: (() => void)[] = [];
  forwardedCount = 0;

  /** From now on, `source` forwards its writes in `ranges` of `keyspace` to `targetId`. */
  add(source: StreamingNode, keyspace: string, ranges: readonly TokenRange[], targetId: number): void {
    let list = this.forwards.get(source);
    if (list === undefined) {
      list = [];
      this.forwards.set(source, list);
      const forwards = list;
      this.unsubscribes.push(source.storage.onApply((m) => this.forward(source, forwards, m)));
    }
    list.push({ keyspace, ranges, targetId });
  }

  /** Stops forwarding. */
  release(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes.length = 0;
    this.forwards.clear();
  }

  private forward(source: StreamingNode, forwards: readonly Forward[], m: Mutation): void {
    for (const f of forwards) {
      if (f.keyspace !== m.keyspace || !rangesContain(f.ranges, m.token)) continue;
      this.forwardedCount++;
      source.cluster.network.send(source.identity.id, f.targetId, 'MUTATION', m);
    }
  }
}
