import type { RingEndpoint, TokenRing } from './token-ring.js';

/**
 * Replicas computed once per ring token and kept (AbstractReplicationStrategy caches them the same way):
 * every token in a range has the replicas of the range's end token, and a ring never changes.
 */
export class ReplicaCache {
  private readonly byIndex: (readonly RingEndpoint[] | undefined)[];

  constructor(
    private readonly ring: TokenRing,
    private readonly calculate: (startIndex: number) => RingEndpoint[],
  ) {
    this.byIndex = new Array<readonly RingEndpoint[] | undefined>(ring.sortedTokens.length);
  }

  replicasFor(token: bigint): readonly RingEndpoint[] {
    const index = this.ring.firstTokenIndex(token);
    let replicas = this.byIndex[index];
    if (replicas === undefined) {
      replicas = Object.freeze(this.calculate(index));
      this.byIndex[index] = replicas;
    }
    return replicas;
  }
}
