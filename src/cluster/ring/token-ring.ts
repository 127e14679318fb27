import { invariant } from '../../common/index.js';

/** A node as replica placement sees it: where it sits and which tokens it owns. */
export interface RingEndpoint {
  readonly id: number;
  readonly address: string;
  readonly dataCenter: string;
  readonly rack: string;
  readonly tokens: readonly bigint[];
}

/** How many endpoints and racks a data center has, as NetworkTopologyStrategy counts them. */
export interface DataCenterSize {
  readonly endpointCount: number;
  readonly rackCount: number;
}

/**
 * The token ring of a cluster (Cassandra's TokenMetadata, reduced to what placement needs): every token
 * with its owner, in ascending order. A token belongs to the range (previous ring token, ring token], so
 * its owner is the owner of the first ring token at or after it, wrapping past the largest token to the
 * smallest (TokenMetadata.firstToken). Immutable: a topology change builds a new ring.
 */
export class TokenRing {
  readonly endpoints: readonly RingEndpoint[];
  /** All tokens ascending; `ownerAt(i)` owns `sortedTokens[i]`. */
  readonly sortedTokens: readonly bigint[];
  /** Endpoints and racks per data center, counting only endpoints that own tokens (Topology). */
  readonly dataCenters: ReadonlyMap<string, DataCenterSize>;
  private readonly owners: readonly RingEndpoint[];

  constructor(endpoints: readonly RingEndpoint[]) {
    const ids = new Set(endpoints.map((e) => e.id));
    invariant(ids.size === endpoints.length, 'ring endpoints need distinct ids');
    const entries = endpoints.flatMap((endpoint) => endpoint.tokens.map((token) => ({ token, endpoint })));
    invariant(entries.length > 0, 'a token ring needs at least one token');
    entries.sort((a, b) => compareTokens(a.token, b.token));
    for (let i = 1; i < entries.length; i++) {
      invariant(entries[i - 1]!.token !== entries[i]!.token, `token ${entries[i]!.token} is owned twice`);
    }
    this.endpoints = endpoints;
    this.sortedTokens = entries.map((e) => e.token);
    this.owners = entries.map((e) => e.endpoint);
    this.dataCenters = dataCenterSizes(endpoints.filter((e) => e.tokens.length > 0));
  }

  /** Index in `sortedTokens` of the first ring token >= token, 0 past the largest (TokenMetadata.firstTokenIndex). */
  firstTokenIndex(token: bigint): number {
    const tokens = this.sortedTokens;
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (tokens[mid]! < token) low = mid + 1;
      else high = mid;
    }
    return low === tokens.length ? 0 : low;
  }

  /** The owner of the ring token at `index` of `sortedTokens`. */
  ownerAt(index: number): RingEndpoint {
    const owner = this.owners[index];
    invariant(owner !== undefined, `no ring token at index ${index}`);
    return owner;
  }

  /** The owner of the first ring token >= token, wrapping. */
  ownerOf(token: bigint): RingEndpoint {
    return this.ownerAt(this.firstTokenIndex(token));
  }

  /** The ring token whose range (previous token, token] contains `token`. */
  ringTokenFor(token: bigint): bigint {
    return this.sortedTokens[this.firstTokenIndex(token)]!;
  }

  /**
   * Owners of every ring token once, in ring order starting at the ring token at `startIndex`
   * (TokenMetadata.ringIterator): an endpoint appears once per token it owns.
   */
  *ownersFrom(startIndex: number): Generator<RingEndpoint, void, undefined> {
    const count = this.owners.length;
    for (let i = 0; i < count; i++) yield this.owners[(startIndex + i) % count]!;
  }

  /**
   * Ranges (start exclusive, end inclusive) in ring order, each ending at a ring token; the first range
   * wraps from the last token. With a single token the one range (t, t] is the whole ring, as in Cassandra.
   */
  ranges(): readonly { start: bigint; end: bigint }[] {
    const tokens = this.sortedTokens;
    return tokens.map((end, i) => ({ start: tokens[(i === 0 ? tokens.length : i) - 1]!, end }));
  }
}

export function compareTokens(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dataCenterSizes(endpoints: readonly RingEndpoint[]): ReadonlyMap<string, DataCenterSize> {
  const racks = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const e of endpoints) {
    counts.set(e.dataCenter, (counts.get(e.dataCenter) ?? 0) + 1);
    const dcRacks = racks.get(e.dataCenter) ?? new Set<string>();
    dcRacks.add(e.rack);
    racks.set(e.dataCenter, dcRacks);
  }
  return new Map([...counts].map(([dc, endpointCount]) => [dc, { endpointCount, rackCount: racks.get(dc)!.size }]));
}
